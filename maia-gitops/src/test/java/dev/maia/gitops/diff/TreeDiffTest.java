package dev.maia.gitops.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maia.core.output.CanonicalYaml;
import dev.maia.gitops.PushRefusedException;
import dev.maia.gitops.TestTrees;
import dev.maia.gitops.git.Publisher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TreeDiffTest {

  @Test
  void addedChangedAndRemovedManifestsAreKeyedByFileKindNamespaceAndName() {
    // given
    SortedMap<String, byte[]> before = TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace", "minio"));
    SortedMap<String, byte[]> after = TestTrees.tree("ki-hospital", "brain-mets", 2, List.of("workspace", "mlflow"));

    // when
    Diff diff = TreeDiff.compare(before, after);

    // then
    assertThat(diff.changes())
        .extracting(c -> c.type() + " " + c.key().file() + " " + c.key().kind() + " " + c.key().namespace() + "/" + c.key().name())
        .containsExactly(
            "REMOVED argocd/apps/ki-hospital/brain-mets-minio.yaml Application argocd/brain-mets-minio-ki-hospital",
            "ADDED argocd/apps/ki-hospital/brain-mets-mlflow.yaml Application argocd/brain-mets-mlflow-ki-hospital",
            "CHANGED clusters/ki-hospital/projects/brain-mets/resources.yaml ResourceQuota brain-mets/maia-quota",
            "CHANGED maia-index.json  /");
    assertThat(diff.summary()).isEqualTo("1 added, 2 changed, 1 removed");
    ResourceChange quota = diff.changes().get(2);
    assertThat(quota.unifiedDiff())
        .startsWith("--- a/clusters/ki-hospital/projects/brain-mets/resources.yaml (ResourceQuota brain-mets/maia-quota)\n+++ b/")
        .contains("@@ -", "-    requests.nvidia.com/gpu: \"1\"\n", "+    requests.nvidia.com/gpu: \"2\"\n");
  }

  @Test
  void thePlatformChangeIsPutInWords() {
    // given
    SortedMap<String, byte[]> before = TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace"));
    SortedMap<String, byte[]> after = TestTrees.tree("ki-hospital", "brain-mets", 2, List.of("workspace", "mlflow"));

    // when
    Diff diff = TreeDiff.compare(before, after);

    // then
    assertThat(diff.platformChanges())
        .containsExactly("project brain-mets gains mlflow on ki-hospital", "GPU quota of brain-mets on ki-hospital 1 -> 2");
    assertThat(diff.blastRadius().isEmpty()).isTrue();
  }

  @Test
  void aNewClusterAndProjectAreNamed() {
    // when
    Diff diff = TreeDiff.compare(Map.of(), TestTrees.tree("kth-main", "vertebra-ct", 0, List.of("workspace")));

    // then
    assertThat(diff.platformChanges())
        .containsExactly(
            "cluster kth-main added",
            "project vertebra-ct added",
            "project vertebra-ct added to cluster kth-main",
            "project vertebra-ct gains workspace on kth-main");
    assertThat(diff.count(ResourceChange.Type.ADDED)).isEqualTo(diff.changes().size());
  }

  @Test
  void aProjectRemovedFromAClusterShowsItsBlastRadius() {
    // given: brain-mets leaves ki-hospital; vertebra-ct stays on kth-main
    SortedMap<String, byte[]> both = new TreeMap<>(TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace", "mlflow")));
    both.putAll(TestTrees.tree("kth-main", "vertebra-ct", 0, List.of("workspace")));
    SortedMap<String, byte[]> before = TestTrees.withIndex(both);
    SortedMap<String, byte[]> after = TestTrees.tree("kth-main", "vertebra-ct", 0, List.of("workspace"));

    // when
    Diff diff = TreeDiff.compare(before, after);

    // then
    assertThat(diff.platformChanges())
        .containsExactly(
            "cluster ki-hospital removed",
            "project brain-mets removed",
            "project brain-mets removed from cluster ki-hospital",
            "project brain-mets loses mlflow on ki-hospital",
            "project brain-mets loses workspace on ki-hospital");
    BlastRadius.Removed hospital = diff.blastRadius().perCluster().get("ki-hospital");
    assertThat(hospital.applications()).extracting(ResourceKey::name)
        .containsExactly("brain-mets-mlflow-ki-hospital", "brain-mets-workspace-ki-hospital", "maia-root-ki-hospital");
    assertThat(hospital.namespaces()).extracting(ResourceKey::name).containsExactly("brain-mets");
    assertThat(diff.blastRadius().perCluster().get(BlastRadius.ARGOCD).appProjects()).extracting(ResourceKey::name)
        .containsExactly("brain-mets");
    assertThat(diff.blastRadius().perCluster()).doesNotContainKey("kth-main");
    assertThat(diff.deletions()).hasSize(4);
  }

  @Test
  void theDeletionGuardCountsApplicationsAndNamespaces() {
    // given
    Diff diff = TreeDiff.compare(
        TestTrees.tree("ki-hospital", "brain-mets", 1, List.of("workspace")),
        TestTrees.tree("ki-hospital", "other", 1, List.of("workspace")));

    // when / then: the brain-mets namespace and Application go (the AppProject is not counted)
    assertThat(diff.deletions()).extracting(ResourceKey::describe)
        .containsExactly("Application argocd/brain-mets-workspace-ki-hospital", "Namespace brain-mets");
    assertThatThrownBy(() -> Publisher.checkDeletions(diff, 1, "diff"))
        .isInstanceOf(PushRefusedException.class)
        .hasMessageStartingWith("maia:diff would delete 2 Applications and namespaces, more than maia.allowDeletions=1 allows:")
        .hasMessageContaining("\n  Namespace brain-mets (clusters/ki-hospital/projects/brain-mets/resources.yaml)");
    Publisher.checkDeletions(diff, 2, "diff");
  }

  @Test
  void aChartVersionChangeIsNamedAndBytesThatParseEqualAreNoChange() {
    // given
    Map<String, byte[]> before = Map.of("app.yaml", CanonicalYaml.write(
        CanonicalYaml.tree(TestTrees.application("p", "mlflow", "c", "1.0.0"))));
    Map<String, byte[]> after = Map.of("app.yaml", CanonicalYaml.write(
        CanonicalYaml.tree(TestTrees.application("p", "mlflow", "c", "1.1.0"))));
    Map<String, byte[]> reformatted = Map.of("app.yaml",
        ("# hand-formatted\n" + new String(before.get("app.yaml"), StandardCharsets.UTF_8).replace("# Code generated", "# was generated"))
            .getBytes(StandardCharsets.UTF_8));

    // when / then
    assertThat(TreeDiff.compare(before, after).platformChanges())
        .containsExactly("mlflow of project p on c moves from version 1.0.0 to 1.1.0");
    assertThat(TreeDiff.compare(before, reformatted).isEmpty()).isTrue();
  }

  @Test
  void whoGainsAndWhoLosesAProjectsGroupIsNamed() {
    // given: alice leaves lung, erin joins it, project brain (carol) goes; the admin group's members are the site's
    Map<String, byte[]> before = Map.of("identity/resources.yaml", identity(
        "{\"name\":\"MAIA:admin\",\"members\":null}",
        "{\"name\":\"MAIA:lung\",\"members\":[\"alice@x.org\",\"bob@x.org\"]}",
        "{\"name\":\"MAIA:brain\",\"members\":[\"carol@x.org\"]}"));
    Map<String, byte[]> after = Map.of("identity/resources.yaml", identity(
        "{\"name\":\"MAIA:admin\",\"members\":null}",
        "{\"name\":\"MAIA:lung\",\"members\":[\"bob@x.org\",\"erin@x.org\"]}"));

    // when
    Diff diff = TreeDiff.compare(before, after);

    // then
    assertThat(diff.platformChanges()).containsExactly(
        "alice@x.org loses Keycloak group MAIA:lung",
        "carol@x.org loses Keycloak group MAIA:brain",
        "erin@x.org gains Keycloak group MAIA:lung");
    assertThat(TreeDiff.compare(Map.of(), after).platformChanges())
        .containsExactly("bob@x.org gains Keycloak group MAIA:lung", "erin@x.org gains Keycloak group MAIA:lung");
    // the platform doubled: MAIA:lung moves to part 1 with the same members, which is no change of access
    Map<String, byte[]> split = Map.of("identity/resources.yaml", concat(
        identity(0, "{\"name\":\"MAIA:admin\",\"members\":null}"),
        identity(1, "{\"name\":\"MAIA:lung\",\"members\":[\"bob@x.org\",\"erin@x.org\"]}")));
    assertThat(TreeDiff.compare(after, split).platformChanges()).isEmpty();
    assertThat(TreeDiff.compare(after, split).isEmpty()).isFalse();
  }

  private static byte[] concat(byte[] one, byte[] two) {
    String text = new String(one, StandardCharsets.UTF_8) + "---\n" + new String(two, StandardCharsets.UTF_8).replace(CanonicalYaml.HEADER, "");
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The identity Job's ConfigMap with a desired state of {@code groups} (JSON objects). */
  private static byte[] identity(String... groups) {
    return identity(0, groups);
  }

  /** Part {@code part} of the identity Job's desired state, holding {@code groups}. */
  private static byte[] identity(int part, String... groups) {
    java.util.Map<String, Object> configMap = Map.of(
        "apiVersion", "v1",
        "kind", "ConfigMap",
        "metadata", Map.of("name", "keycloak-desired-" + part, "namespace", "maia-identity"),
        "data", Map.of("desired.json", "{\"platform\":\"p\",\"realm\":\"maia\",\"groups\":[" + String.join(",", groups) + "],\"clients\":[]}"));
    return CanonicalYaml.write(CanonicalYaml.tree(configMap));
  }

  @Test
  void aFileThatIsNotYamlIsComparedAsText() {
    // given
    Map<String, byte[]> before = Map.of("notes.yaml", "key: [unclosed\n".getBytes(StandardCharsets.UTF_8));
    Map<String, byte[]> after = Map.of("notes.yaml", "key: [closed]\n".getBytes(StandardCharsets.UTF_8));

    // when
    Diff diff = TreeDiff.compare(before, after);

    // then
    assertThat(diff.changes()).singleElement().satisfies(c -> {
      assertThat(c.key().isFile()).isTrue();
      assertThat(c.type()).isEqualTo(ResourceChange.Type.CHANGED);
    });
  }

  @Test
  void inApplicationsetModeTheApplicationsOfTheSetsAreNamedAndAnApplicationWhoseElementGoesIsCountedAsDeleted() {
    // given: the ApplicationSet of project lung loses xnat and gains mlflow on cluster hub
    SortedMap<String, byte[]> before = new TreeMap<>(Map.of("argocd/appsets/lung.yaml", applicationSet("xnat", "workspace")));
    SortedMap<String, byte[]> after = new TreeMap<>(Map.of("argocd/appsets/lung.yaml", applicationSet("mlflow", "workspace")));

    // when
    Diff diff = TreeDiff.compare(before, after);

    // then
    assertThat(diff.platformChanges()).containsExactly("project lung gains mlflow on hub", "project lung loses xnat on hub");
    assertThat(diff.changes())
        .extracting(c -> c.type() + " " + c.key().describe())
        .containsExactly(
            "ADDED Application argocd/lung-mlflow-hub",
            "REMOVED Application argocd/lung-xnat-hub",
            "CHANGED ApplicationSet argocd/lung");
    assertThat(diff.deletions()).extracting(ResourceKey::describe).containsExactly("Application argocd/lung-xnat-hub");
  }

  /** A small ApplicationSet of project lung on cluster hub with one element per tool. */
  private static byte[] applicationSet(String... tools) {
    StringBuilder elements = new StringBuilder();
    for (String tool : tools) {
      elements.append("          - {tool: ").append(tool).append("}\n");
    }
    String yaml =
        "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: lung, namespace: argocd}\nspec:\n"
            + "  goTemplate: true\n  goTemplateOptions: [missingkey=error]\n"
            + "  generators:\n    - list:\n        elements:\n" + elements
            + "  syncPolicy: {preserveResourcesOnDeletion: false, applicationsSync: sync}\n"
            + "  template:\n    metadata:\n      name: 'lung-{{ .tool }}-hub'\n      finalizers: [resources-finalizer.argocd.argoproj.io]\n"
            + "      labels: {maia.dev/project: lung, maia.dev/cluster: hub, maia.dev/tool: '{{ .tool }}'}\n"
            + "    spec:\n      project: lung\n      destination: {server: https://kubernetes.default.svc, namespace: lung}\n";
    return CanonicalYaml.write(List.of(yaml(yaml)));
  }

  private static com.fasterxml.jackson.databind.JsonNode yaml(String text) {
    try {
      return new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
