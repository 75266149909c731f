package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clusterOverrides}: keys, omitted tools, and the quantities and GPUs they put in force per cluster. */
class OverrideRulesTest {

  @TempDir Path dir;

  private static final String CLUSTERS =
      """
      spec:
        argocd: {cluster: uni}
        clusters:
          - name: uni
            gpus: [{product: NVIDIA-RTX-A6000, count: 4}]
          - name: hospital
            gpus: [{product: NVIDIA-A100-SXM4-80GB, count: 2}]
          - name: cloud
        projects:
      """;

  @Test
  void anOverrideKeyMustBeAClusterOfTheProject() {
    // given
    String yaml =
        CLUSTERS
            + """
              - name: fl
                clusters: [uni, hospital]
                tools: {workspace: {}}
                clusterOverrides:
                  hospitl: {omitTools: [workspace]}
                  cloud: {omitTools: [workspace]}
            """;

    // when
    var problems = new RuleFixture(dir).check(new OverrideRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:14:7 /spec/projects/0/clusterOverrides/hospitl: 'hospitl' is not a cluster; an override applies"
                + " to one of the project's clusters (did you mean 'hospital'?)",
            "platform.yaml:15:7 /spec/projects/0/clusterOverrides/cloud: 'cloud' is not a cluster of project 'fl'; an"
                + " override applies to one of the project's clusters (the project runs on: 'hospital', 'uni')");
  }

  @Test
  void omittedToolsAreToolsOfTheProjectAndNotSetAgain() {
    // given
    String yaml =
        CLUSTERS
            + """
              - name: fl
                clusters: [uni, hospital]
                tools: {workspace: {}, xnat: {}}
                clusterOverrides:
                  hospital:
                    tools: {xnat: {}}
                    omitTools: [xnat, mlflow, worksapce]
            """;

    // when
    var problems = new RuleFixture(dir).check(new OverrideRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:16:21 /spec/projects/0/clusterOverrides/hospital/omitTools/0: 'xnat' is both omitted and set in"
                + " the same override (remove it from omitTools to change its settings on this cluster, or from tools to leave"
                + " it out)",
            "platform.yaml:16:27 /spec/projects/0/clusterOverrides/hospital/omitTools/1: 'mlflow' is not a tool of project"
                + " 'fl', so there is nothing to omit (its tools are 'workspace', 'xnat')",
            "platform.yaml:16:35 /spec/projects/0/clusterOverrides/hospital/omitTools/2: 'worksapce' is not a tool of the"
                + " catalog (did you mean 'workspace'?)");
  }

  @Test
  void aGpuOverrideOfAProjectWithoutGpuNamesItsProduct() {
    // given
    String yaml =
        CLUSTERS
            + """
              - name: fl
                clusters: [uni, hospital]
                clusterOverrides:
                  hospital: {gpu: {quota: 1}}
                  uni: {gpu: {product: NVIDIA-RTX-A6000, quota: 1}}
            """;

    // when
    var problems = new RuleFixture(dir).check(new OverrideRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:13:18 /spec/projects/0/clusterOverrides/hospital/gpu: project 'fl' has no gpu, so the GPU override"
                + " for cluster 'hospital' must name its product (add product, or give the project a gpu)");
  }

  @Test
  void gpusInForceOnEachClusterAreCheckedWhereTheyAreWritten() {
    // given: the project's A6000 exists on uni only; the override gives the hospital its own product
    String yaml =
        CLUSTERS
            + """
              - name: fl
                clusters: [uni, hospital]
                gpu: {product: NVIDIA-RTX-A6000, quota: 1}
                clusterOverrides:
                  hospital: {gpu: {product: NVIDIA-A100-SXM4-80GB, quota: 3}}
              - name: lung
                clusters: [uni, hospital]
                gpu: {product: NVIDIA-RTX-A6000, quota: 1}
            """;

    // when
    var problems = new RuleFixture(dir).check(new GpuRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:14:56 /spec/projects/0/clusterOverrides/hospital/gpu/quota: GPU quota 3 is more than the 2"
                + " 'NVIDIA-A100-SXM4-80GB' of cluster 'hospital' (2 cards x 1 replica) (lower the quota to at most 2)",
            "platform.yaml:17:11 /spec/projects/1/gpu/product: 'NVIDIA-RTX-A6000' is not a GPU product of cluster"
                + " 'hospital' (its products are: 'NVIDIA-A100-SXM4-80GB')");
  }

  @Test
  void quantitiesAnOverrideSetsAreComparedWithTheLimitsInForceOnItsCluster() {
    // given
    String yaml =
        CLUSTERS
            + """
              - name: fl
                clusters: [uni, hospital]
                resources: {cpu: {request: 4, limit: 8}, memory: {request: 8Gi, limit: 16Gi}}
                clusterOverrides:
                  hospital:
                    resources: {cpu: {request: 12}, memory: {limit: 4Gi}, storage: 32GB}
            """;

    // when
    var problems = new RuleFixture(dir).check(new QuantityRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:15:27 /spec/projects/0/clusterOverrides/hospital/resources/cpu/request: cpu request '12' on"
                + " cluster 'hospital' is more than the limit '8' there (lower the request or set a higher limit in the"
                + " override)",
            "platform.yaml:15:50 /spec/projects/0/clusterOverrides/hospital/resources/memory/limit: memory limit '4Gi' on"
                + " cluster 'hospital' is less than the request '8Gi' there (raise the limit or set a lower request in the"
                + " override)",
            "platform.yaml:15:63 /spec/projects/0/clusterOverrides/hospital/resources/storage: storage '32GB' is not a"
                + " Kubernetes quantity (did you mean '32Gi'?)");
  }

  @Test
  void aToolOmittedOnOneClusterIsStillNeededByAToolThatStaysThere() {
    // given: MLflow keeps its experiments in MinIO
    String yaml =
        CLUSTERS
            + """
              - name: fl
                clusters: [uni, hospital]
                users: [fl.lead@kth.se]
                tools: {mlflow: {}, minio: {}}
                clusterOverrides:
                  hospital: {omitTools: [minio]}
            """;

    // when
    var problems = new RuleFixture(dir).check(new ToolRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:13:13 /spec/projects/0/tools/mlflow: tools.mlflow needs tools.minio on cluster 'hospital': add"
                + " 'minio: {}' to project fl");
  }
}
