package dev.maia.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maia.core.model.Platform.CatalogOverride;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The built-in catalog is complete, pinned, consistent, and overridable per tool. */
class ToolCatalogTest {

  private static final ToolCatalog CATALOG = ToolCatalog.builtIn();

  /** {@code registry/name:tag} with a tag that names one build (not latest, not a range). */
  private static final Pattern PINNED_IMAGE = Pattern.compile("^[a-z0-9.-]+(/[a-z0-9._-]+)+:[A-Za-z0-9._-]+$");

  @Test
  void everyMaiaToolIsCatalogued() {
    assertThat(CATALOG.ids()).containsExactly(
        "filebrowser", "kubeflow", "label-studio", "minio", "mlflow", "monai-deploy", "monai-label", "ohif", "orthanc", "workspace", "xnat");
    assertThat(KnownTools.IDS).isEqualTo(CATALOG.ids());
  }

  @Test
  void everyChartIsPinnedToAnExactVersionFromAnHttpsRepository() {
    assertThat(CATALOG.tools()).filteredOn(ToolDefinition::hasApplication).hasSize(9).allSatisfy(tool -> {
      assertThat(ExactVersion.isExact(tool.version())).as("%s version %s", tool.id(), tool.version()).isTrue();
      assertThat(tool.repoURL()).as(tool.id()).startsWith("https://");
      assertThat(tool.chart()).as(tool.id()).matches("[a-z0-9-]+");
      assertThat(ToolCatalog.class.getResource(ToolCatalog.RESOURCE_ROOT + "/" + tool.valuesTemplate())).as(tool.valuesTemplate()).isNotNull();
    });
  }

  @Test
  void theChartPinsAreTheOnesMaiaUses() {
    assertThat(CATALOG.tools()).filteredOn(ToolDefinition::hasApplication)
        .extracting(t -> t.id() + " " + t.repoURL() + " " + t.chart() + " " + t.version())
        .containsExactly(
            "filebrowser https://kthcloud.github.io/MAIA/ maia-filebrowser 1.0.0",
            "label-studio https://charts.heartex.com/ label-studio 2.0.5",
            "minio https://charts.min.io/ minio 5.4.0",
            "mlflow https://community-charts.github.io/helm-charts mlflow 1.11.5",
            "monai-deploy https://bjw-s-labs.github.io/helm-charts app-template 4.6.2",
            "monai-label https://bjw-s-labs.github.io/helm-charts app-template 4.6.2",
            "orthanc https://fnndsc.github.io/charts orthanc 2.0.0-beta.1",
            "workspace https://hub.jupyter.org/helm-chart/ jupyterhub 4.4.0",
            "xnat https://australian-imaging-service.github.io/charts xnat 2.0.0");
  }

  @Test
  void everyImageIsPinnedToAnExactTag() {
    assertThat(CATALOG.tools()).flatExtracting(t -> t.images().values()).isNotEmpty().allSatisfy(image -> {
      assertThat(image).matches(PINNED_IMAGE);
      assertThat(image).doesNotEndWith(":latest").doesNotEndWith(":stable").doesNotEndWith(":main");
    });
    assertThat(CATALOG.tool("monai-label").orElseThrow().images()).containsEntry("monailabel", "docker.io/projectmonai/monailabel:0.8.5");
  }

  @Test
  void everyHomeIsTheAbsolutePathOfAnImageOfTheSameTool() {
    assertThat(CATALOG.tools()).allSatisfy(tool -> tool.homes().forEach((image, home) -> {
      assertThat(tool.images()).as("%s home of %s", tool.id(), image).containsKey(image);
      assertThat(home).as("%s home of %s", tool.id(), image).matches("/[a-z0-9._/-]+").doesNotEndWith("/");
    }));
    assertThat(CATALOG.tool("workspace").orElseThrow().homes())
        .containsEntry("jupyterlab", "/home/maia-user")
        .containsEntry("rstudio", "/home/rstudio")
        .containsEntry("matlab", "/home/jovyan");
    assertThat(CATALOG.tool("workspace").orElseThrow().homes().keySet())
        .containsExactlyElementsOf(CATALOG.tool("workspace").orElseThrow().images().keySet());
  }

  @Test
  void dependenciesAreTheDocumentedOnesAndSyncFirst() {
    assertThat(CATALOG.tool("mlflow").orElseThrow().requires()).containsExactly("minio");
    assertThat(CATALOG.tool("ohif").orElseThrow().requires()).containsExactly("orthanc");
    assertThat(CATALOG.tool("monai-label").orElseThrow().requires()).containsExactly("orthanc");
    assertThat(CATALOG.tool("monai-deploy").orElseThrow().requires()).containsExactly("orthanc");
    assertThat(CATALOG.tool("ohif").orElseThrow().pluginOf()).contains("orthanc");
    for (ToolDefinition tool : CATALOG.tools()) {
      for (String needed : tool.requires()) {
        ToolDefinition required = CATALOG.tool(needed).orElseThrow();
        if (tool.hasApplication()) {
          assertThat(tool.syncWave()).as("%s syncs after %s", tool.id(), needed).isGreaterThan(required.syncWave());
        }
      }
      if (tool.hasApplication()) {
        assertThat(tool.syncWave()).as("%s syncs after the project namespace (wave -1)", tool.id()).isGreaterThan(-1);
      }
    }
  }

  @Test
  void secretsHaveNamesAndKeysAndDifferAcrossTools() {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (ToolDefinition tool : CATALOG.tools()) {
      tool.secrets().values().forEach(secret -> {
        assertThat(names.add(secret.name())).as("Secret %s is unique", secret.name()).isTrue();
        assertThat(secret.keys()).as(secret.name()).isNotEmpty();
      });
    }
    assertThat(names).contains("workspace-oidc", "minio-root", "mlflow-postgresql", "mlflow-admin");
  }

  @Test
  void anOverrideChangesOnlyTheChartSourceOfItsTool() {
    // when
    ToolCatalog overridden = CATALOG.withOverrides(Map.of(
        "workspace", new CatalogOverride(Optional.of("https://charts.mirror.example.org/jupyterhub"), Optional.empty(), Optional.of("4.2.0")),
        "nonsense", new CatalogOverride(Optional.empty(), Optional.of("x"), Optional.empty())));

    // then
    ToolDefinition workspace = overridden.tool("workspace").orElseThrow();
    assertThat(workspace.repoURL()).isEqualTo("https://charts.mirror.example.org/jupyterhub");
    assertThat(workspace.chart()).isEqualTo("jupyterhub");
    assertThat(workspace.version()).isEqualTo("4.2.0");
    assertThat(workspace.valuesTemplate()).isEqualTo(CATALOG.tool("workspace").orElseThrow().valuesTemplate());
    assertThat(overridden.tool("minio")).isEqualTo(CATALOG.tool("minio"));
    assertThat(overridden.ids()).isEqualTo(CATALOG.ids());
  }

  @ParameterizedTest
  @ValueSource(strings = {"4.4.0", "2.0.0-beta.1", "1.0.0-rc.1.2", "0.0.1", "10.20.30-alpha-2", "0123456789abcdef0123456789abcdef01234567"})
  void exactVersionsAreAccepted(String version) {
    assertThat(ExactVersion.isExact(version)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest", "main", "master", "4.2", "4", "~4.2.0", "^4.2.0", ">=4.0.0", "4.x", "4.2.*", "v4.2.0", "4.2.0 ", "01.2.3",
      "4.2.0+build.1", "4.2.0-", "0123456789ABCDEF0123456789ABCDEF01234567", "0123456789abcdef", ""})
  void rangesBranchesAndPartialVersionsAreRejected(String version) {
    assertThat(ExactVersion.isExact(version)).isFalse();
  }
}
