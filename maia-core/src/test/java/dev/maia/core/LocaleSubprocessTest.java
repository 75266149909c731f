package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same bytes on any machine (DESIGN invariant 1), with the machine's defaults set the way a JVM
 * really starts with them: the example generated in a process whose default locale, time zone and
 * charset are those of a Turkish, a German and a Japanese machine far apart in time, equals the tree
 * this JVM (en_US, UTC, UTF-8) generates. Turkish is the classic trap: {@code "TITLE".toLowerCase()}
 * gives a dotless {@code ı} there. {@code GenerateStabilityTest} changes the defaults inside one JVM;
 * this test also covers what is fixed when the JVM starts (the default charset).
 */
class LocaleSubprocessTest {

  private static final Instant NOW = GenerateExampleTest.NOW;

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-Duser.language=tr -Duser.country=TR -Duser.timezone=Pacific/Kiritimati -Dfile.encoding=ISO-8859-9",
        "-Duser.language=de -Duser.country=DE -Duser.timezone=America/Adak -Dfile.encoding=ISO-8859-1",
        "-Duser.language=ja -Duser.country=JP -Duser.timezone=Asia/Tokyo -Dfile.encoding=Shift_JIS"
      })
  void theExampleGivesTheSameBytesWhateverTheDefaultsOfTheJvm(String defaults) throws IOException {
    // given
    Path reference = tmp.resolve("reference");
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(TestPaths.examplePlatform(), reference, NOW));

    // when
    Path out = tmp.resolve("out");
    Subprocesses.Run run =
        Subprocesses.run(TestPaths.examplePlatform(), out, NOW, tmp.resolve("logs"), List.of(defaults.split(" ")), Duration.ofMinutes(2));

    // then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    Map<String, String> tree = GenerateExampleTest.tree(out);
    assertThat(tree).isEqualTo(GenerateExampleTest.tree(reference));
    assertThat(tree).hasSizeGreaterThan(20);
  }
}
