package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a platform is split across included files, and whether it writes a default out, does not
 * change its model: {@code valid/one-file} and its splits under {@code valid/} read into equal
 * records.
 */
class SplitPlatformTest {

  private final MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());

  @ParameterizedTest
  @ValueSource(strings = {"mixed", "by-kind"})
  void aSplitPlatformReadsIntoTheSameModel(String split) throws URISyntaxException {
    // given
    Platform whole = compiler.validate(valid("one-file")).platform();

    // when
    ValidPlatform parts = compiler.validate(valid(split));

    // then
    assertThat(parts.platform()).isEqualTo(whole);
    assertThat(parts.loaded().files()).hasSizeGreaterThan(1);
  }

  @Test
  void theModelIsNotTrivial() throws URISyntaxException {
    // given
    Platform whole = compiler.validate(valid("one-file")).platform();

    // then
    assertThat(whole.projects()).extracting(Project::name).containsExactly("brain-mets", "vertebra-ct", "fl-prostate");
    assertThat(whole.clusters()).hasSize(2);
    assertThat(whole.bookings()).singleElement().satisfies(b -> assertThat(b.cluster()).isEqualTo("ki-hospital"));
    assertThat(whole.hpc()).hasSize(1);
    assertThat(whole.catalog()).containsOnlyKeys("workspace");
  }

  @Test
  void theExamplePlatformRepoIsValid() {
    // given
    Path example = Path.of(System.getProperty("maia.repoRoot"), "example-platform-repo", "platform.yaml");

    // when
    ValidPlatform valid = compiler.validate(example);

    // then
    assertThat(valid.loaded().files())
        .containsExactly(
            "platform.yaml",
            "projects/brain-mets.yaml",
            "projects/fl-prostate.yaml",
            "projects/vertebra-ct.yaml",
            "bookings/b-2026-0001.yaml");
  }

  private static Path valid(String name) throws URISyntaxException {
    return Path.of(SplitPlatformTest.class.getResource("/valid/" + name + "/platform.yaml").toURI());
  }
}
