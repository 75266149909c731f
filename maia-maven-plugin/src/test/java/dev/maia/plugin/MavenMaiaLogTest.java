package dev.maia.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maia.core.MaiaLog;
import org.junit.jupiter.api.Test;

class MavenMaiaLogTest {

  @Test
  void eachLevelOfTheCoreGoesToTheSameLevelOfMaven() {
    // given
    RecordingLog maven = new RecordingLog();
    MaiaLog log = new MavenMaiaLog(maven);

    // when
    log.info("Planned 2 clusters.");
    log.warn("Cluster ki-hospital has no GPUs.");
    log.debug("Read 5 file(s).");

    // then
    assertThat(maven.lines)
        .containsExactly("INFO Planned 2 clusters.", "WARN Cluster ki-hospital has no GPUs.", "DEBUG Read 5 file(s).");
  }
}
