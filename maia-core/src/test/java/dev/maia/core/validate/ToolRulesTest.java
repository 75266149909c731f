package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToolRulesTest {

  /** One cluster with shared storage, one without; tests append projects from line 9 on. */
  private static final String BASE =
      """
      spec:
        clusters:
          - name: kth-main
            storage: {shared: nfs-client}
          - name: ki-hospital
        projects:
          - name: brain-mets
            cluster: kth-main
      """;

  @TempDir Path dir;

  private java.util.List<String> check(String yaml) {
    return new RuleFixture(dir).check(new ToolRules(), yaml);
  }

  @Test
  void aProjectWithEveryToolAndItsDependenciesPasses() {
    // given
    String yaml = BASE + """
                  users: [pi@kth.se]
                  tools: {workspace: {ssh: true}, filebrowser: {}, mlflow: {}, minio: {}, orthanc: {viewer: ohif}, monai-label: {},
                          label-studio: {}, kubeflow: {}, xnat: {}, monai-deploy: {}, ohif: {}}
            """;

    // then
    assertThat(check(yaml)).isEmpty();
  }

  @Test
  void aToolWithoutTheToolItNeedsSaysWhatToAdd() {
    // given
    String yaml = BASE + """
                  tools: {mlflow: {}, monai-label: {}, ohif: {}, monai-deploy: {}}
            """;

    // then
    assertThat(check(yaml)).containsExactly(
        "platform.yaml:9:15 /spec/projects/0/tools/mlflow: tools.mlflow needs tools.minio: add 'minio: {}' to project brain-mets",
        "platform.yaml:9:27 /spec/projects/0/tools/monai-label: tools.monai-label needs tools.orthanc: add 'orthanc: {}' to project brain-mets",
        "platform.yaml:9:44 /spec/projects/0/tools/ohif: tools.ohif needs tools.orthanc: add 'orthanc: {}' to project brain-mets",
        "platform.yaml:9:54 /spec/projects/0/tools/monai-deploy: tools.monai-deploy needs tools.orthanc: add 'orthanc: {}' to project brain-mets");
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest", "4.2", "~4.2.0", "4.x", "main", ">=4.0.0"})
  void aCatalogOverrideMustPinAnExactVersion(String version) {
    // given
    String yaml = BASE + """
          catalog:
            workspace: {version: "%s"}
            minio: {version: 5.4.1}
            orthanc: {version: 0123456789abcdef0123456789abcdef01234567}
        """.formatted(version);

    // then
    assertThat(check(yaml)).containsExactly(
        "platform.yaml:10:17 /spec/catalog/workspace/version: '" + version + "' is not an exact chart version"
            + " (pin an exact version such as 4.4.0 or 2.0.0-beta.1, or a 40-hex commit; the catalog has 4.4.0)");
  }

  @Test
  void aToolWithoutAChartCannotBeOverridden() {
    // given
    String yaml = BASE + """
          catalog:
            ohif: {version: 3.9.0}
            kubeflow: {chart: kubeflow}
        """;

    // then
    assertThat(check(yaml)).containsExactly(
        "platform.yaml:10:5 /spec/catalog/ohif: tool 'ohif' has no chart to override (it is a plugin of orthanc; override orthanc instead)",
        "platform.yaml:11:5 /spec/catalog/kubeflow: tool 'kubeflow' has no chart to override (it is rendered without a chart)");
  }

  @Test
  void theFileBrowserNeedsASharedVolumeOnEveryClusterOfItsProject() {
    // given
    String yaml = BASE.replace("cluster: kth-main", "clusters: [kth-main, ki-hospital]") + """
                  tools: {filebrowser: {}}
            """;

    // then
    assertThat(check(yaml)).containsExactly(
        "platform.yaml:9:15 /spec/projects/0/tools/filebrowser: tools.filebrowser of project 'brain-mets' shows the project's"
            + " shared volume, but cluster 'ki-hospital' has no shared storage class (set storage.shared of cluster"
            + " 'ki-hospital' to a ReadWriteMany StorageClass, or remove filebrowser)");
  }

  @Test
  void aUserWhoseWorkspaceCannotBeLabelledGetsNoSsh() {
    // given
    String yaml = BASE + """
                  users: [pi@kth.se, _x@kth.se]
                  tools: {workspace: {ssh: true}}
            """;

    // then
    assertThat(check(yaml)).containsExactly(
        "platform.yaml:10:27 /spec/projects/0/tools/workspace/ssh: user '_x@kth.se' of project 'brain-mets' cannot get SSH:"
            + " JupyterHub names the workspace '-5fx-40kth-2ese', which is not a Kubernetes label value (at most 63 letters,"
            + " digits, '-', '_' and '.', starting and ending with a letter or digit) (give the user a shorter e-mail address"
            + " that starts with a letter or digit, or turn ssh off)");
  }

  @Test
  void aKubeflowProfileNeedsAnOwner() {
    // given
    String yaml = BASE + """
                  tools: {kubeflow: {}}
            """;

    // then
    assertThat(check(yaml)).containsExactly(
        "platform.yaml:9:15 /spec/projects/0/tools/kubeflow: tools.kubeflow makes the namespace of project 'brain-mets' a"
            + " Kubeflow profile, which needs an owner (add an admin, who owns the profile, or a user to project brain-mets)");
  }
}
