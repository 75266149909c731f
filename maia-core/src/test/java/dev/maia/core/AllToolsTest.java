package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.model.ToolCatalog;
import dev.maia.core.model.ToolDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden test of the all-tools platform: the whole tree, then tool by tool, equals {@code
 * src/test/resources/golden/all-tools}; and what holds for every tool: sync waves order
 * dependencies, every Secret a value names is one the overlay makes, and store keys follow {@code
 * projects/<project>/<tool>}. Rewrite the golden files with {@code -Dmaia.updateGolden=true}.
 */
class AllToolsTest {

  private static final Path GOLDEN = TestPaths.repoRoot().resolve("maia-core/src/test/resources/golden/all-tools");

  @TempDir static Path dir;

  private static Map<String, String> tree;
  private static Map<String, List<JsonNode>> documents;

  @BeforeAll
  static void generate() throws IOException {
    tree = GenerateExampleTest.tree(AllTools.generate(dir));
    if (TestPaths.updateGolden()) {
      GenerateExampleTest.replaceTree(GOLDEN, tree);
    }
    documents = AllTools.documents(tree);
  }

  static Stream<String> tools() {
    return ToolCatalog.builtIn().ids().stream();
  }

  @Test
  void treeMatchesGoldenTree() throws IOException {
    // when
    Map<String, String> golden = GenerateExampleTest.tree(GOLDEN);

    // then
    assertThat(tree).isEqualTo(golden);
    assertThat(tree.values()).allSatisfy(text -> assertThat(text).doesNotContain("\r").endsWith("\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tools")
  void everyToolRendersOnBothClustersAsItsGoldenFiles(String id) throws IOException {
    // given
    ToolDefinition tool = ToolCatalog.builtIn().tool(id).orElseThrow();
    Map<String, String> golden = GenerateExampleTest.tree(GOLDEN);

    // when: the files that carry the tool on each cluster
    List<String> files = new ArrayList<>();
    for (String cluster : List.of("uni", "hospital")) {
      switch (tool.kind()) {
        case CHART -> files.add("argocd/apps/" + cluster + "/imaging-" + id + ".yaml");
        case PLUGIN -> files.add("argocd/apps/" + cluster + "/imaging-" + tool.pluginOf().orElseThrow() + ".yaml");
        case PROFILE -> files.add("clusters/" + cluster + "/kubeflow-profiles.yaml");
      }
      files.add("clusters/" + cluster + "/projects/imaging/resources.yaml");
    }

    // then
    assertThat(files).allSatisfy(file -> assertThat(tree.get(file)).as(file).isNotNull().isEqualTo(golden.get(file)));
    String carrier = tree.get(files.get(0));
    switch (tool.kind()) {
      case CHART -> assertThat(carrier)
          .contains("chart: " + tool.chart())
          .contains("targetRevision: " + tool.version())
          .contains("repoURL: " + tool.repoURL());
      case PLUGIN -> assertThat(carrier).contains("libOrthancOHIF.so");
      case PROFILE -> assertThat(carrier).contains("kind: Profile").contains("name: carol@uni.example.org");
    }
  }

  @Test
  void everyToolSyncsAfterWhatItRequiresAndAfterTheNamespace() {
    // given
    Map<String, Integer> waves = new TreeMap<>();
    for (List<JsonNode> docs : documents.values()) {
      for (JsonNode doc : docs) {
        if ("Application".equals(doc.path("kind").asText()) && doc.path("metadata").path("name").asText().startsWith("imaging-")
            && doc.path("metadata").path("labels").has("maia.dev/tool")) {
          waves.put(
              doc.path("metadata").path("labels").path("maia.dev/tool").asText() + "@" + doc.path("metadata").path("labels").path("maia.dev/cluster").asText(),
              Integer.parseInt(doc.path("metadata").path("annotations").path("argocd.argoproj.io/sync-wave").asText()));
        }
      }
    }
    int namespaces = Integer.parseInt(
        documents.get("argocd/apps/uni/imaging-namespace.yaml").get(0).path("metadata").path("annotations").path("argocd.argoproj.io/sync-wave").asText());

    // then
    assertThat(waves).hasSize(2 * 9);
    waves.forEach((toolAtCluster, wave) -> {
      String tool = toolAtCluster.substring(0, toolAtCluster.indexOf('@'));
      String cluster = toolAtCluster.substring(toolAtCluster.indexOf('@'));
      assertThat(wave).as("%s syncs after the namespace and its secrets", toolAtCluster).isGreaterThan(namespaces);
      for (String needed : ToolCatalog.builtIn().tool(tool).orElseThrow().requires()) {
        assertThat(wave).as("%s syncs after %s", toolAtCluster, needed).isGreaterThan(waves.get(needed + cluster));
      }
    });
  }

  @Test
  void everySecretAValueNamesIsMadeByTheOverlayAndNoSecretIsWritten() {
    for (String cluster : List.of("uni", "hospital")) {
      // given: the Secrets the overlay makes in the project namespace
      Set<String> made = new TreeSet<>();
      for (JsonNode doc : documents.get("clusters/" + cluster + "/projects/imaging/resources.yaml")) {
        assertThat(doc.path("kind").asText()).isNotEqualTo("Secret");
        if ("ExternalSecret".equals(doc.path("kind").asText())) {
          made.add(doc.path("spec").path("target").path("name").asText());
        }
      }

      // when: the Secrets the tools' values read, and the tools' login proxies in the overlay
      Set<String> read = new TreeSet<>();
      for (Map.Entry<String, List<JsonNode>> file : documents.entrySet()) {
        if (file.getKey().startsWith("argocd/apps/" + cluster + "/imaging-")) {
          secretReferences(file.getValue().get(0).path("spec").path("source").path("helm").path("valuesObject"), "", read);
        }
      }
      for (JsonNode doc : documents.get("clusters/" + cluster + "/projects/imaging/resources.yaml")) {
        if ("Deployment".equals(doc.path("kind").asText())) {
          secretReferences(doc.path("spec"), "", read);
        }
      }

      // then
      assertThat(read).isNotEmpty();
      assertThat(made).containsAll(read);
      assertThat(made).isEqualTo(read);
    }
  }

  @Test
  void storeKeysFollowProjectAndTool() {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, List<JsonNode>> file : documents.entrySet()) {
      if (!file.getKey().contains("/projects/")) {
        continue;
      }
      for (JsonNode doc : file.getValue()) {
        if ("ExternalSecret".equals(doc.path("kind").asText())) {
          String expected = "projects/" + doc.path("metadata").path("namespace").asText() + "/"
              + doc.path("metadata").path("labels").path("maia.dev/tool").asText();
          doc.path("spec").path("data").forEach(item -> {
            keys.add(item.path("remoteRef").path("key").asText());
            assertThat(item.path("remoteRef").path("key").asText()).isEqualTo(expected);
          });
        }
      }
    }
    assertThat(keys).contains("projects/imaging/workspace", "projects/imaging/minio", "projects/imaging/mlflow");
  }

  /** Names of Secrets a values tree reads: secretKeyRef, existingSecret(.name), existing*Secret.name, secretName outside TLS. */
  private static void secretReferences(JsonNode node, String path, Set<String> names) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String key = field.getKey();
        JsonNode value = field.getValue();
        String child = path + "/" + key;
        if (value.isTextual()) {
          boolean reference =
              (key.equals("name") && (path.endsWith("/secretKeyRef") || path.endsWith("Secret") || path.endsWith("existingSecret")))
                  || (key.equals("existingSecret"))
                  || (key.equals("secretName") && !path.contains("/tls"));
          if (reference) {
            names.add(value.asText());
          }
        }
        secretReferences(value, child, names);
      }
    } else if (node.isArray()) {
      if (path.endsWith("SecretNamesForEnvFrom")) {
        node.forEach(item -> names.add(item.asText())); // mlflow's extraSecretNamesForEnvFrom
      }
      for (int i = 0; i < node.size(); i++) {
        secretReferences(node.get(i), path + "/" + i, names);
      }
    }
  }
}
