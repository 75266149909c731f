package dev.maia.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maia.core.GenerateRequest;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.VerifyOutcome;
import dev.maia.core.problem.Problem;
import dev.maia.core.validate.InvalidPlatformException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code maia:verify} on a whole platform whose tools use the test charts (through {@code
 * spec.catalog} and site templates): findings are located where the platform decides them, chart
 * digests go to {@code maia.lock} and are checked on later pulls, and unchanged Applications are
 * not rendered again.
 */
class VerifyPlatformTest {

  static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  @TempDir Path dir;

  private ChartRepository repository;
  private Path repo;

  @BeforeEach
  void start() throws IOException {
    repository = ChartRepository.serving(dir.resolve("charts"), "probe", "unused-value", "random-secret");
    repo = Files.createDirectories(dir.resolve("repo"));
  }

  @AfterEach
  void stop() {
    repository.close();
  }

  private String platform(String catalog) {
    return """
        apiVersion: maia/v1alpha1
        kind: Platform
        metadata: {name: site}
        spec:
          gitops: {repoURL: https://git.example.org/maia/gitops.git}
          argocd: {cluster: one}
          identity: {issuer: https://iam.example.org/realms/maia}
          secrets: {store: {name: vault}}
          # the core layer's charts are not served here: each cluster runs its own
          core: {ingress: {enabled: false}, certManager: {enabled: false}, secrets: {enabled: false}, monitoring: {enabled: false}}
          catalog:
        %s
          clusters:
            - {name: one, server: https://kubernetes.default.svc, domain: one.example.org, kubernetesVersion: "1.33"}
          projects:
            - name: lung
              cluster: one
              users: [a@x.org]
              tools: {minio: {}, xnat: {}}
        """.formatted(catalog.indent(4).stripTrailing());
  }

  private String catalog(String xnatVersion) {
    return "minio: {repoURL: '" + repository.url() + "', chart: unused-value, version: 0.1.0}\n"
        + "xnat: {repoURL: '" + repository.url() + "', chart: probe, version: " + xnatVersion + "}";
  }

  private void write(String path, String text) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private void siteTemplates(String minio) throws IOException {
    write("templates/minio/values.yaml.ftl", minio);
    write("templates/xnat/values.yaml.ftl", "message: ${project.name}\nreplicas: 2\nenabled: true\n");
  }

  private VerifyOutcome verify(boolean frozen) {
    return new MaiaCompiler(MaiaLog.silent()).verify(
        new GenerateRequest(repo.resolve("platform.yaml"), dir.resolve("out"), NOW, frozen),
        new VerifyOptions(dir.resolve("chart-cache"), dir.resolve("work"), false, frozen, 2, Duration.ofSeconds(20)));
  }

  private List<String> problems(boolean frozen) {
    try {
      verify(frozen).requireClean();
      return List.of();
    } catch (InvalidPlatformException e) {
      return e.problems().stream().map(Problem::format).toList();
    }
  }

  @Test
  void aValueNoTemplateReadsIsLocatedAtTheLineOfTheSiteTemplateThatWritesIt() throws IOException {
    // given
    write("platform.yaml", platform(catalog("0.1.0")));
    siteTemplates("used: ${project.name}\nextra:\n  ignored: ${project.name}\n");

    // when
    List<String> problems = problems(false);

    // then
    assertThat(problems).containsExactly(
        "templates/minio/values.yaml.ftl:2:1 /extra: values-used: Application lung-minio-one: /extra is read by no template of "
            + "unused-value 0.1.0: changing it changes nothing the chart renders (remove it from the tool's values template, or "
            + "set the key the chart reads instead (see the chart's values.yaml))");
  }

  @Test
  void aCleanPlatformVerifiesRecordsItsChartDigestsAndIsNotRenderedAgainWhenUnchanged() throws IOException {
    // given
    write("platform.yaml", platform(catalog("0.1.0")));
    siteTemplates("used: ${project.name}\n");

    // when
    VerifyOutcome first = verify(false);
    VerifyOutcome second = verify(true);

    // then
    assertThat(first.verified().problems()).isEmpty();
    assertThat(first.verified().reports()).extracting(r -> r.application().name()).containsExactly("lung-minio-one", "lung-xnat-one");
    assertThat(first.verified().rendered()).isEqualTo(2);
    assertThat(first.verified().reports().get(1).rendered().get(0).object().path("data").path("kubeVersion").asText())
        .isEqualTo("v1.33.0");
    String lock = Files.readString(repo.resolve("maia.lock"));
    assertThat(lock).contains("charts:\n  " + repository.url() + ":\n    probe:\n      \"0.1.0\": sha256:")
        .contains("    unused-value:\n      \"0.1.0\": sha256:");
    assertThat(second.verified().rendered()).isZero();
    assertThat(repository.downloads()).isEqualTo(2);
  }

  @Test
  void aFrozenLockWithoutTheChartsDigestFails() throws IOException {
    // given
    write("platform.yaml", platform(catalog("0.1.0")));
    siteTemplates("used: ${project.name}\n");

    // when
    List<String> problems = problems(true);

    // then
    assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p)
        .startsWith("maia.lock:1:1 /charts: maia.lock is frozen (maia.lock.frozen), but verifying the platform recorded ")
        .endsWith("(run maia:verify without -Dmaia.lock.frozen=true and commit maia.lock)"));
    assertThat(repo.resolve("maia.lock")).doesNotExist();
  }

  @Test
  void aChartPublishedAgainUnderTheSameVersionIsRefusedAtItsLockEntry() throws IOException {
    // given
    write("platform.yaml", platform(catalog("0.1.0")));
    siteTemplates("used: ${project.name}\n");
    verify(false);
    repository.publish(ChartRepository.variant(dir.resolve("variant"), "probe",
        Map.of("templates/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\n")));
    Folders.delete(dir.resolve("chart-cache"));

    // when
    List<String> problems = problems(false);

    // then
    String lock = Files.readString(repo.resolve("maia.lock"));
    int line = List.of(lock.split("\n")).indexOf("    probe:") + 2;
    assertThat(problems).singleElement().satisfies(p -> assertThat(p)
        .startsWith("maia.lock:" + line + ":7 /charts/" + repository.url().replace("/", "~1") + "/probe/0.1.0: the repository now serves other bytes for probe 0.1.0 from ")
        .contains("than maia.lock records (sha256:")
        .endsWith("(check what changed in the chart; to accept it, delete this entry and run maia:verify again)"));
  }

  @Test
  void aVersionTheRepositoryDoesNotHaveIsLocatedAtItsPin() throws IOException {
    // given
    write("platform.yaml", platform(catalog("9.9.9")));
    siteTemplates("used: ${project.name}\n");

    // when
    List<String> problems = problems(false);

    // then
    assertThat(problems).containsExactly("platform.yaml:13:62 /spec/catalog/xnat: the repository " + repository.url()
        + " has no version 9.9.9 of chart 'probe' (it has 0.1.0) (pin a version the repository has (spec.catalog.xnat.version), "
        + "or the repository that has it)");
  }

  @Test
  void aChartOfTheBuiltInCatalogThatIsNotThereIsLocatedInTheBuiltInCatalog() {
    // the built-in pins point at the internet, which tests never reach: what reaching it fails with is checked
    // through the pin's location only
    Tracer.Place pin = new Tracer(null, dev.maia.core.model.ToolCatalog.builtIn()).pinOfBuiltIn("mlflow");
    assertThat(pin.location().toString()).matches("built-in:templates/catalog.yaml:\\d+:\\d+");
    assertThat(pin.pointer()).isEqualTo("/tools/mlflow/version");
  }
}
