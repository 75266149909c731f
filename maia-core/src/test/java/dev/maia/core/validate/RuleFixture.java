package dev.maia.core.validate;

import dev.maia.core.problem.Problem;

import dev.maia.core.load.LoadedPlatform;
import dev.maia.core.load.PlatformLoader;
import dev.maia.core.model.Platform;
import dev.maia.core.model.PlatformReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a small platform to a folder, loads it the way the compiler does (so locations are real)
 * and runs one rule on it. Rule tests skip the schema: their documents only hold what the rule reads.
 */
final class RuleFixture {

  private final Path dir;

  RuleFixture(Path dir) {
    this.dir = dir;
  }

  /** Writes {@code content} to {@code relative} under the folder (creating parent folders). */
  RuleFixture file(String relative, String content) {
    try {
      Path file = dir.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads {@code platform.yaml} and returns the formatted problems {@code rule} finds, sorted. */
  List<String> check(SemanticRule rule) {
    LoadedPlatform loaded = new PlatformLoader().load(dir.resolve("platform.yaml"));
    Platform platform = new PlatformReader().read(loaded.document());
    Problems problems = new Problems(loaded.sources());
    rule.check(platform, loaded.sources(), problems);
    return problems.list().stream().sorted().map(Problem::format).toList();
  }

  /** Writes {@code platform.yaml} and checks it. */
  List<String> check(SemanticRule rule, String platformYaml) {
    return file("platform.yaml", platformYaml).check(rule);
  }
}
