package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.output.ApplicationSetExpander;
import dev.maia.core.output.CanonicalYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both ArgoCD modes give ArgoCD the same Applications: the Applications of applications mode equal,
 * byte for byte, the plain Applications of applicationset mode plus what its ApplicationSets make
 * (expanded in Java as ArgoCD's controller would). Checked on the example and on a generated
 * federation of 20 clusters; in applicationset mode every Application of an ApplicationSet is
 * selected by exactly the RollingSync step of its cluster's wave.
 */
class ArgoCdModesTest {

  static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  @TempDir Path work;

  @Test
  void theExampleGivesTheSameApplicationsInBothModes() throws Exception {
    // given: the example repo, and a copy of it in applicationset mode
    Path example = TestPaths.repoRoot().resolve("example-platform-repo");
    Path copy = work.resolve("example");
    copyRepo(example, copy);
    Path platform = copy.resolve("platform.yaml");
    String text = Files.readString(platform, StandardCharsets.UTF_8);
    Files.writeString(platform, text.replace("    cluster: kth-main\n", "    cluster: kth-main\n    mode: applicationset\n"), StandardCharsets.UTF_8);

    // when
    Map<String, String> applications = applications(generate(example.resolve("platform.yaml"), "applications"));
    Path appsets = generate(platform, "applicationset");
    Map<String, String> fromSets = applications(appsets);

    // then
    assertThat(applications).hasSizeGreaterThan(15).containsKeys("fl-prostate-workspace-ki-hospital", "maia-root-kth-main", "maia");
    assertThat(fromSets).isEqualTo(applications);
    assertThat(appsets.resolve("argocd/appsets")).isDirectory();
    assertThat(appsets.resolve("argocd/apps/kth-main/fl-prostate-workspace.yaml")).doesNotExist();
    everyApplicationIsInTheStepOfItsWave(appsets);
    Conformance.assertConforms(appsets, work.resolve("conformance"));
  }

  @Test
  void aFederationOfTwentyClustersGivesTheSameApplicationsInBothModes() throws IOException {
    // given
    Path applicationsPlatform = new SyntheticFederation(20, 120).write(Files.createDirectories(work.resolve("a")));
    Path setsPlatform = new SyntheticFederation(20, 120).mode("applicationset").write(Files.createDirectories(work.resolve("s")));

    // when
    Map<String, String> applications = applications(generate(applicationsPlatform, "applications"));
    Path appsets = generate(setsPlatform, "applicationset");
    Map<String, String> fromSets = applications(appsets);

    // then: 20 roots, 20 overlays, the bootstrap and the tools of 120 projects, 12 of them on two clusters
    assertThat(applications).hasSizeGreaterThan(41 + 120 * 3);
    assertThat(fromSets).isEqualTo(applications);
    try (Stream<Path> sets = Files.list(appsets.resolve("argocd/appsets"))) {
      assertThat(sets).hasSize(120);
    }
    everyApplicationIsInTheStepOfItsWave(appsets);
  }

  @Test
  void theApplicationSetsAreTheSameBytesWhateverTheOrderOfTheProjects() throws IOException {
    // given: the same federation, its projects in one file each and in one file in reverse order
    Path separate = new SyntheticFederation(6, 40).mode("applicationset").write(Files.createDirectories(work.resolve("one")));
    Path reversed =
        new SyntheticFederation(6, 40).mode("applicationset").oneFileReversed().write(Files.createDirectories(work.resolve("two")));

    // when
    Map<String, String> first = GenerateExampleTest.tree(generate(separate, "separate"));
    Map<String, String> second = GenerateExampleTest.tree(generate(reversed, "reversed"));
    Map<String, String> again = GenerateExampleTest.tree(generate(separate, "separate"));

    // then
    assertThat(first.keySet()).anyMatch(f -> f.startsWith("argocd/appsets/"));
    assertThat(second).isEqualTo(first);
    assertThat(again).isEqualTo(first);
    assertThat(first.values()).allSatisfy(text -> assertThat(text).doesNotContain("\r"));
  }

  private Path generate(Path platform, String name) {
    Path out = work.resolve("out-" + name + "-" + platform.getParent().getFileName());
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(platform, out, NOW));
    return out;
  }

  /** Every Application of a tree, by name, as canonical YAML: the plain ones and those of the ApplicationSets. */
  static Map<String, String> applications(Path tree) throws IOException {
    Map<String, String> applications = new TreeMap<>();
    for (JsonNode document : documents(tree)) {
      List<JsonNode> made = new ArrayList<>();
      if ("Application".equals(document.path("kind").asText())) {
        made.add(document);
      } else if ("ApplicationSet".equals(document.path("kind").asText())) {
        made.addAll(ApplicationSetExpander.expand(document));
      }
      for (JsonNode application : made) {
        String name = application.at("/metadata/name").asText();
        String previous = applications.put(name, new String(CanonicalYaml.write(application), StandardCharsets.UTF_8));
        assertThat(previous).as("Application %s is made once", name).isNull();
      }
    }
    return applications;
  }

  private static void everyApplicationIsInTheStepOfItsWave(Path tree) throws IOException {
    int checked = 0;
    for (JsonNode document : documents(tree)) {
      if (!"ApplicationSet".equals(document.path("kind").asText())) {
        continue;
      }
      List<String> waves = new ArrayList<>();
      document.at("/spec/strategy/rollingSync/steps").forEach(step -> waves.add(step.at("/matchExpressions/0/values/0").asText()));
      for (ObjectNode application : ApplicationSetExpander.expand(document)) {
        String wave = application.at("/metadata/labels/maia.dev~1wave").asText();
        assertThat(ApplicationSetExpander.steps(document, application)).containsExactly(waves.indexOf(wave));
        checked++;
      }
    }
    assertThat(checked).isPositive();
  }

  private static List<JsonNode> documents(Path tree) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (Stream<Path> files = Files.walk(tree)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !tree.relativize(f).startsWith(".maia")).sorted().toList()) {
        documents.addAll(TreeDocs.read(file));
      }
    }
    return documents;
  }

  private static void copyRepo(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path relative = from.relativize(file);
        if (relative.startsWith("target")) {
          continue;
        }
        Files.createDirectories(to.resolve(relative).getParent());
        Files.copy(file, to.resolve(relative));
      }
    }
  }
}
