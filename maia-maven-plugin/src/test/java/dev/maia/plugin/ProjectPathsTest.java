package dev.maia.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maia.core.load.SourceLocation;
import dev.maia.core.problem.Problem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProjectPathsTest {

  private final Path basedir = Path.of("work", "platform-repo").toAbsolutePath();
  private final ProjectPaths paths = new ProjectPaths(basedir);

  @Test
  void pathsInsideTheProjectAreRelativeWithSlashes() {
    // given // when // then
    assertThat(paths.relative(basedir.resolve("target").resolve("gitops"))).isEqualTo("target/gitops");
    assertThat(paths.relative(basedir.resolve("platform.yaml"))).isEqualTo("platform.yaml");
    assertThat(paths.relative(basedir.resolve("a/../b/./c.yaml"))).isEqualTo("b/c.yaml");
    assertThat(paths.relative(basedir)).isEqualTo(".");
  }

  @Test
  void pathsOutsideTheProjectClimbOutOfIt() {
    // given // when // then
    assertThat(paths.relative(basedir.resolveSibling("shared").resolve("platform.yaml")))
        .isEqualTo("../shared/platform.yaml");
  }

  @Test
  void aProblemOfAPlatformInTheBasedirIsLeftAsItIs() {
    // given
    Problem problem = new Problem(new SourceLocation("projects/a.yaml", 3, 5), "/projects/0", "bad", "fix it");

    // when
    Problem relocated = paths.relocate(problem, basedir.resolve("platform.yaml"));

    // then
    assertThat(relocated).isSameAs(problem);
  }

  @Test
  void aProblemOfAPlatformElsewhereGetsTheFolderPrefixAndKeepsEverythingElse() {
    // given
    Problem problem = new Problem(new SourceLocation("projects/a.yaml", 3, 5), "/projects/0", "bad", "fix it");

    // when
    Problem relocated = paths.relocate(problem, basedir.resolve("infra").resolve("platform.yaml"));

    // then
    assertThat(relocated).isEqualTo(new Problem(new SourceLocation("infra/projects/a.yaml", 3, 5), "/projects/0", "bad", "fix it"));
  }
}
