package dev.maia.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maia.core.model.ChartRef;
import dev.maia.core.model.Lock;
import dev.maia.core.model.ToolDefinition;
import dev.maia.core.verify.ChartFinding.Check;
import dev.maia.core.verify.chart.ChartCache;
import dev.maia.core.verify.chart.ChartDownloader;
import dev.maia.core.verify.helm.RenderedObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each check of {@code maia:verify} on the small test charts, rendered by real Helm from a chart
 * repository on 127.0.0.1: it finds the shape its bad chart has, and nothing once the fix is
 * applied.
 */
class ChartChecksTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path dir;
  private static ChartRepository repository;
  private static ChartRenderer renderer;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("maia-chart-checks");
    repository = ChartRepository.serving(dir.resolve("repo"),
        "probe", "random-secret", "unused-value", "plaintext-secret", "remote-schema", "nonconforming", "custom-kind", "admission",
        "volumes");
    ChartCache cache = new ChartCache(dir.resolve("cache"), new ChartDownloader(Duration.ofSeconds(20)), false);
    renderer = new ChartRenderer(cache, Lock.EMPTY, dir.resolve("work"), 2, Map.of("old", "1.31"));
  }

  @AfterAll
  static void stop() throws IOException {
    renderer.close();
    repository.close();
    Folders.delete(dir);
  }

  private static ChartApplication application(String chart, String values, boolean skipSchemaValidation, String cluster) {
    try {
      return new ChartApplication("argocd/apps/one/p-" + chart + ".yaml", "p-" + chart + "-one", cluster, "p", chart,
          new ChartRef(repository.url(), chart, "0.1.0"), "rel", "p", JSON.readTree(values), skipSchemaValidation);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static ApplicationReport verify(String chart, String values) {
    return verify(application(chart, values, false, "one"));
  }

  private static ApplicationReport verify(ChartApplication application) {
    String digest = renderer.chart(application.chart()).join().digest();
    return new ApplicationVerifier(renderer).verify(application, digest, List.of()).join();
  }

  private static List<Check> checks(ApplicationReport report) {
    return report.findings().stream().map(ChartFinding::check).toList();
  }

  @Test
  void aChartThatIsStableUsesEveryValueAndKeepsCredentialsOutPasses() {
    // when
    ApplicationReport report = verify("probe", "{\"message\": \"hi\", \"replicas\": 2, \"enabled\": false, \"labels\": {}}");

    // then
    assertThat(report.findings()).isEmpty();
    assertThat(report.rendered()).extracting(RenderedObject::describe)
        .containsExactlyInAnyOrder("ConfigMap/rel-probe", "Job/rel-setup (pre-install,pre-upgrade hook)");
    JsonNode data = report.rendered().stream().filter(o -> o.kind().equals("ConfigMap")).findFirst().orElseThrow().object().path("data");
    assertThat(data.path("found").asText()).as("lookup finds nothing, as under ArgoCD").isEqualTo("{}");
    assertThat(data.path("kubeVersion").asText()).isEqualTo("v1.36.0");
    assertThat(report.rendered().stream().filter(RenderedObject::hook).findFirst().orElseThrow().object()
        .path("metadata").path("annotations").path("helm.sh/hook").asText()).isEqualTo("pre-install,pre-upgrade");
  }

  @Test
  void aClaimOfAToolsChartWithoutDeleteFalseIsReportedAndOneWithItAmongOtherOptionsIsNot() {
    // when: the claim 'data' gets no annotation; 'scratch' has Delete=false after another option
    ApplicationReport report = verify("volumes", "{}");

    // then: the claim template of the StatefulSet is Kubernetes', not the Application's
    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo(Check.DATA_KEPT);
      assertThat(f.message()).isEqualTo("PersistentVolumeClaim/rel-data (volumes/templates/claims.yaml) would be deleted with"
          + " its data when the tool is removed: the Application deletes what its chart made, and the claim has no"
          + " argocd.argoproj.io/sync-options Delete=false");
    });
  }

  @Test
  void aToolsChartThatMarksItsClaimsPassesAndACoreComponentsChartIsNotChecked() {
    // when
    ApplicationReport marked = verify("volumes", "{\"annotations\": {\"argocd.argoproj.io/sync-options\": \"Delete=false\"}}");
    ApplicationReport core = verify(new ChartApplication("argocd/apps/one/core-ingress-nginx.yaml", "core-ingress-nginx-one", "one", "",
        "core/ingress-nginx", new ChartRef(repository.url(), "volumes", "0.1.0"), "rel", "p", JSON.createObjectNode(), false));

    // then
    assertThat(marked.findings()).isEmpty();
    assertThat(checks(core)).doesNotContain(Check.DATA_KEPT);
  }

  @Test
  void anApplicationOfTheSameShapeIsJudgedByTheMarkersAndTheVerdictsAlreadyMade() {
    // given: two Applications whose values differ in a string only
    ApplicationVerifier verifier = new ApplicationVerifier(renderer);
    ChartApplication first = application("probe", "{\"message\": \"one\", \"replicas\": 2, \"enabled\": true, \"labels\": {}}", false, "one");
    ChartApplication second = application("probe", "{\"message\": \"two\", \"replicas\": 2, \"enabled\": true, \"labels\": {}}", false, "one");
    String digest = renderer.chart(first.chart()).join().digest();
    verifier.verify(first, digest, List.of()).join();
    long before = renderer.renders();

    // when
    ApplicationReport report = verifier.verify(second, digest, List.of()).join();

    // then: two renders for stability and one with markers; the boolean is not changed again
    assertThat(report.findings()).isEmpty();
    assertThat(renderer.renders() - before).isEqualTo(3);
  }

  @Test
  void aChartIsRenderedForTheKubernetesVersionOfItsCluster() {
    // when
    ApplicationReport report = verify(application("probe", "{\"message\": \"hi\"}", false, "old"));

    // then
    assertThat(report.rendered().get(0).object().path("data").path("kubeVersion").asText()).isEqualTo("v1.31.0");
  }

  @Test
  void aPasswordMadeAtRandomIsUnstableAndInPlainText() {
    // when
    ApplicationReport report = verify("random-secret", "{}");

    // then
    assertThat(checks(report)).containsExactlyInAnyOrder(Check.STABLE, Check.STABLE, Check.NO_CREDENTIALS);
    assertThat(report.findings()).filteredOn(f -> f.check() == Check.STABLE).extracting(ChartFinding::message)
        .containsExactlyInAnyOrder(
            "Deployment/rel-app (random-secret/templates/deployment.yaml) has different values on every render at "
                + "/spec/template/metadata/annotations/checksum~1secret: a checksum of a value the chart makes at random, "
                + "so every refresh restarts the pods",
            "Secret/rel-auth (random-secret/templates/secret.yaml) has different values on every render at /data/password: "
                + "the chart makes them at random (under ArgoCD, lookup finds nothing to keep), so the Application never "
                + "becomes Synced and every sync replaces them");
  }

  @Test
  void whatTheCatalogLeavesToTheChartIsAcceptedAndNothingElse() {
    // given: the random password and its checksum accepted, as the catalog's chartMade does
    List<ToolDefinition.ChartMade> accepted = List.of(
        new ToolDefinition.ChartMade("v1", "Secret", "rel-auth", List.of("/data/password"), false, "a password kept by ArgoCD", "test"),
        new ToolDefinition.ChartMade("apps/v1", "Deployment", "rel-app",
            List.of("/spec/template/metadata/annotations/checksum~1secret"), false, "", "test"));
    ChartApplication application = application("random-secret", "{}", false, "one");
    String digest = renderer.chart(application.chart()).join().digest();

    // when
    ApplicationReport all = new ApplicationVerifier(renderer).verify(application, digest, accepted).join();
    ApplicationReport secretOnly = new ApplicationVerifier(renderer).verify(application, digest, accepted.subList(0, 1)).join();

    // then
    assertThat(all.findings()).isEmpty();
    assertThat(secretOnly.findings()).extracting(ChartFinding::check).containsExactly(Check.STABLE);
    assertThat(secretOnly.findings().get(0).message()).startsWith("Deployment/rel-app ");
  }

  @Test
  void aPasswordFromAnExistingSecretIsStable() {
    assertThat(verify("random-secret", "{\"existingSecret\": \"app-auth\"}").findings()).isEmpty();
  }

  @Test
  void aValueNoTemplateReadsIsFound() {
    // when
    ApplicationReport report = verify("unused-value", "{\"used\": \"b\", \"ignored\": {\"deep\": \"x\", \"n\": 3}}");

    // then
    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo(Check.VALUES_USED);
      assertThat(f.valuesPointer()).isEqualTo("/ignored");
      assertThat(f.message()).isEqualTo(
          "/ignored is read by no template of unused-value 0.1.0: changing it changes nothing the chart renders");
    });
  }

  @Test
  void valuesTheChartReadsAreNotFound() {
    assertThat(verify("unused-value", "{\"used\": \"b\"}").findings()).isEmpty();
  }

  @Test
  void aSecretWithADefaultPasswordIsACredentialInPlainText() {
    // when
    ApplicationReport report = verify("plaintext-secret", "{}");

    // then
    assertThat(report.findings()).extracting(ChartFinding::check).contains(Check.NO_CREDENTIALS);
    assertThat(report.findings()).extracting(ChartFinding::message)
        .anySatisfy(m -> assertThat(m).startsWith("Secret/rel-auth (plaintext-secret/templates/secret.yaml): ").contains("in plain text"));
  }

  @Test
  void aSecretGivenByReferenceKeepsTheCredentialOut() {
    assertThat(verify("plaintext-secret", "{\"auth\": {\"existingSecret\": \"app-auth\"}}").findings()).isEmpty();
  }

  @Test
  void aSchemaOnAnotherHostIsNotRendered() {
    // when
    ApplicationReport report = verify("remote-schema", "{\"name\": \"y\"}");

    // then
    assertThat(report.rendered()).isEmpty();
    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo(Check.OFFLINE);
      assertThat(f.message()).startsWith("the values schema of remote-schema 0.1.0 refers to https://schemas.example.org/common/name.json: ");
    });
  }

  @Test
  void skippingTheSchemaRendersTheChartWithoutIt() {
    // when
    ApplicationReport report = verify(application("remote-schema", "{\"name\": \"y\"}", true, "one"));

    // then
    assertThat(report.findings()).isEmpty();
    assertThat(report.rendered()).extracting(RenderedObject::describe).containsExactly("ConfigMap/rel-config");
  }

  @Test
  void anObjectTheClusterWouldRefuseDoesNotConform() {
    // when
    ApplicationReport report = verify("nonconforming", "{\"replicas\": \"two\"}");

    // then
    assertThat(report.findings()).extracting(ChartFinding::check).containsExactly(Check.CONFORMS);
    assertThat(report.findings().get(0).message())
        .startsWith("Deployment/rel-app (nonconforming/templates/deployment.yaml) does not conform to the apps/v1 Deployment schema: /spec/replicas: ");
  }

  @Test
  void anObjectThatConformsPasses() {
    assertThat(verify("nonconforming", "{\"replicas\": 2}").findings()).isEmpty();
  }

  private static List<String> conformance(ApplicationReport report) {
    return report.findings().stream().filter(f -> f.check() == Check.CONFORMS).map(ChartFinding::message).toList();
  }

  @Test
  void anObjectOfTheChartsOwnKindIsCheckedAgainstItsCrdAfterTheApiServersDefaults() {
    // when: mode is required, and left to the CRD's default
    ApplicationReport report = verify("custom-kind", "{\"size\": 2}");

    // then: the Widget and the CRD itself (read into its typed model) conform; the example key in its
    // documentation is no credential
    assertThat(report.findings()).isEmpty();
  }

  @Test
  void aBuiltInKindWithoutABundledSchemaIsCheckedAgainstItsTypedModel() {
    // when: the CRD keeps the schema where apiextensions.k8s.io/v1beta1 had it
    ApplicationReport report = verify("custom-kind", "{\"size\": 2, \"crdValidation\": true}");

    // then
    assertThat(conformance(report)).containsExactly(
        "CustomResourceDefinition/widgets.example.org (custom-kind/templates/crd.yaml) does not conform to the"
            + " apiextensions.k8s.io/v1 CustomResourceDefinition schema: /spec/validation: not a field of the kind");
  }

  @Test
  void anObjectOfTheChartsOwnKindWithAFieldItsCrdLacksOrABadValueDoesNotConform() {
    // when
    ApplicationReport unknown = verify("custom-kind", "{\"size\": 2, \"extra\": \"colour\"}");
    ApplicationReport tooSmall = verify("custom-kind", "{\"size\": 0}");

    // then
    assertThat(conformance(unknown)).filteredOn(m -> m.startsWith("Widget/")).singleElement().asString()
        .startsWith("Widget/rel-widget (custom-kind/templates/widget.yaml) does not conform to the example.org/v1 Widget schema: /spec: ")
        .contains("colour");
    assertThat(conformance(tooSmall)).filteredOn(m -> m.startsWith("Widget/")).singleElement().asString()
        .contains("/spec/size: ");
  }

  /** The admission test chart installed as the core component {@code ingress-nginx}, whose namespace enforces baseline. */
  private static ApplicationReport asIngressController(String values) throws IOException {
    return verify(new ChartApplication("argocd/apps/one/core-ingress-nginx.yaml", "core-ingress-nginx-one", "one", "",
        ChartApplication.CORE_PREFIX + "ingress-nginx", new ChartRef(repository.url(), "admission", "0.1.0"), "ingress-nginx",
        "ingress-nginx", JSON.readTree(values), false));
  }

  @Test
  void aCoreComponentsPodThatItsNamespacesPodSecurityLevelRefusesIsAFinding() throws IOException {
    // when
    ApplicationReport privileged = asIngressController("{\"privileged\": true}");

    // then
    assertThat(privileged.findings()).extracting(ChartFinding::message).containsExactly(
        "Deployment/ingress-nginx-server (admission/templates/server.yaml) does not meet the Pod Security Standard baseline (v1.36)"
            + " that ingress-nginx enforces: privileged: container \"server\" must not set securityContext.privileged=true");
    assertThat(privileged.findings()).extracting(ChartFinding::check).containsExactly(Check.POD_SECURITY);
  }

  @Test
  void aCoreComponentsPodsThatMeetTheLevelPass() throws IOException {
    assertThat(asIngressController("{}").findings()).isEmpty();
  }
}
