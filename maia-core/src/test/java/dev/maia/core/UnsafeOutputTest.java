package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.maia.core.output.Hashes;
import dev.maia.core.problem.Problem;
import dev.maia.core.validate.InvalidPlatformException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output that breaks a security rule fails the run and leaves the previous tree as it was. What a site
 * template writes is linted before anything is written, and located in the template.
 */
class UnsafeOutputTest {

  private static final String LITERAL = "cookie-literal-0123456789abcdef";

  @TempDir Path tmp;

  @Test
  void aCredentialFromASiteTemplateIsFoundInTheTemplateAndLeavesThePreviousTreeByteIdentical() throws IOException {
    // given: the example generated once, then a site template that writes a literal cookie secret
    Path repo = tmp.resolve("platform-repo");
    copy(TestPaths.repoRoot().resolve("example-platform-repo"), repo);
    Path out = tmp.resolve("out");
    MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());
    GenerateRequest request = new GenerateRequest(repo.resolve("platform.yaml"), out, GenerateExampleTest.NOW);
    compiler.generate(request);
    Map<String, String> before = hashes(out);
    String builtIn = Files.readString(TestPaths.repoRoot().resolve("templates/workspace/values.yaml.ftl"));
    Path override = repo.resolve("templates/workspace/values.yaml.ftl");
    Files.createDirectories(override.getParent());
    Files.writeString(override, builtIn.replace("  config:\n    JupyterHub:\n", "  cookieSecret: " + LITERAL + "\n  config:\n    JupyterHub:\n"));
    int line = builtIn.substring(0, builtIn.indexOf("  config:\n    JupyterHub:\n")).split("\n", -1).length;

    // when
    InvalidPlatformException e = catchThrowableOfType(InvalidPlatformException.class, () -> compiler.generate(request));

    // then: the output lint's rule, run on the values before anything is written, at the line that writes
    // the literal, once for the four workspace Applications, not repeating it; not a byte changed
    assertThat(e).isNotNull();
    assertThat(e.problems()).extracting(Problem::format).containsExactly(
        "templates/workspace/values.yaml.ftl:" + line + ":3 /hub/cookieSecret: output lint rule no-credentials, for tool workspace"
            + " of project brain-mets on cluster ki-hospital and 3 other places: /hub/cookieSecret is a literal value under a key"
            + " named like a credential; reference a Secret instead (an ExternalSecret plus valueFrom.secretKeyRef, or the chart's"
            + " existingSecret)");
    assertThat(e.getMessage()).doesNotContain(LITERAL);
    assertThat(hashes(out)).isEqualTo(before);
    assertThat(out.resolve(".maia/staging")).doesNotExist();
  }

  /** SHA-256 of every file below {@code root}, the control folder included. */
  private static Map<String, String> hashes(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString().replace('\\', '/'), Hashes.sha256(Files.readAllBytes(p)));
      }
    }
    return files;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
