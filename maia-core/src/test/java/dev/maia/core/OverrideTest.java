package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site changes the catalog in two ways: {@code spec.catalog.<tool>} replaces a chart's repoURL,
 * chart or version, and a file under {@code templates/} of the platform repo replaces the built-in
 * values template of the same path.
 */
class OverrideTest {

  static final String PLATFORM =
      """
      apiVersion: maia/v1alpha1
      kind: Platform
      metadata: {name: site}
      spec:
        gitops: {repoURL: https://git.example.org/maia/gitops.git}
        argocd: {cluster: one}
        identity: {issuer: https://iam.example.org/realms/maia}
        secrets: {store: {name: vault}}
        clusters:
          - {name: one, server: https://kubernetes.default.svc, domain: one.example.org}
        projects:
          - name: lung
            cluster: one
            users: [a@x.org]
            tools: {minio: {size: 20Gi}, mlflow: {}}
      """;

  @TempDir Path dir;

  private JsonNode application(Path out, String tool) throws IOException {
    return AllTools.readAll(Files.readString(out.resolve("argocd/apps/one/lung-" + tool + ".yaml"))).get(0);
  }

  private Path generate(String platform) throws IOException {
    Path file = dir.resolve("repo/platform.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, platform, StandardCharsets.UTF_8);
    Path out = dir.resolve("out");
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(file, out, GenerateExampleTest.NOW));
    return out;
  }

  @Test
  void aCatalogOverrideChangesTheChartSourceAndTheAppProjectFollows() throws IOException {
    // when
    Path out = generate(PLATFORM.replace("  clusters:",
        "  catalog:\n"
            + "    mlflow: {repoURL: https://charts.mirror.example.org/community, version: 1.11.4}\n"
            + "    minio: {chart: minio-mirror}\n"
            + "  clusters:"));

    // then
    JsonNode mlflow = application(out, "mlflow").path("spec").path("source");
    assertThat(mlflow.path("repoURL").asText()).isEqualTo("https://charts.mirror.example.org/community");
    assertThat(mlflow.path("chart").asText()).isEqualTo("mlflow");
    assertThat(mlflow.path("targetRevision").asText()).isEqualTo("1.11.4");
    JsonNode minio = application(out, "minio").path("spec").path("source");
    assertThat(minio.path("repoURL").asText()).isEqualTo("https://charts.min.io/");
    assertThat(minio.path("chart").asText()).isEqualTo("minio-mirror");
    assertThat(minio.path("targetRevision").asText()).isEqualTo("5.4.0");
    assertThat(Files.readString(out.resolve("argocd/appprojects/lung.yaml")))
        .contains("https://charts.mirror.example.org/community")
        .doesNotContain("https://community-charts.github.io/helm-charts");
  }

  @Test
  void aTemplateInThePlatformRepoReplacesTheBuiltInOneOfTheSamePath() throws IOException {
    // given
    Path template = dir.resolve("repo/templates/minio/values.yaml.ftl");
    Files.createDirectories(template.getParent());
    Files.writeString(template, """
        <#-- a site's MinIO: distributed, its own bucket name -->
        mode: distributed
        replicas: 4
        existingSecret: ${secrets.minio.root}
        buckets:
          - name: ${project.name + "-archive"}
        persistence:
          size: ${tool.size}
        """, StandardCharsets.UTF_8);

    // when
    Path out = generate(PLATFORM);

    // then
    JsonNode values = application(out, "minio").path("spec").path("source").path("helm").path("valuesObject");
    assertThat(values.toString()).isEqualTo(
        "{\"buckets\":[{\"name\":\"lung-archive\"}],\"existingSecret\":\"minio-root\",\"mode\":\"distributed\","
            + "\"persistence\":{\"size\":\"20Gi\"},\"replicas\":4}");
    JsonNode mlflow = application(out, "mlflow").path("spec").path("source").path("helm").path("valuesObject");
    assertThat(mlflow.path("artifactRoot").path("s3").path("bucket").asText()).isEqualTo("data");
  }
}
