package dev.maia.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.maia.core.GenerateRequest;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.ValidPlatform;
import dev.maia.core.model.ChartRef;
import dev.maia.core.problem.Problem;
import dev.maia.core.verify.helm.RenderedObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admission checks on our own output (the namespaces, quotas, limits and NetworkPolicies we
 * generate) with chart objects as a chart would render them: a namespace that holds its tools and
 * servers passes, and each way a cluster would refuse or cut it off is a finding located at the
 * platform field that decides it.
 */
class AdmissionTest {

  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path dir;

  private Path tree;
  private ValidPlatform valid;

  private static final String PLATFORM = """
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
        hpc:
          - {name: alvis, host: alvis1.example.org, scheduler: slurm, account: A1, partition: p, projects: [lung], users: {a@x.org: x_a}}
        projects:
          - name: lung
            cluster: one
            users: [a@x.org, b@x.org]
            resources:
              cpu: {request: 2, limit: 4}
              memory: {request: 4Gi, limit: 8Gi}
              storage: 40Gi
            tools: {workspace: {}, mlflow: {}, minio: {}}
          - name: heart
            cluster: one
            users: [c@x.org]
            tools: {mlflow: {}, minio: {}}
      """;

  @BeforeEach
  void generate() throws IOException {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(repo.resolve("platform.yaml"), PLATFORM, StandardCharsets.UTF_8);
    tree = dir.resolve("out");
    MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());
    compiler.generate(new GenerateRequest(repo.resolve("platform.yaml"), tree, NOW));
    valid = compiler.validate(repo.resolve("platform.yaml"), NOW);
  }

  /** MLflow's chart as it renders with our values: no Ingress of its own (the tree's leads to its login proxy). */
  private static String mlflow(int replicas, String cpuLimit, String extraContainer) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: mlflow}
        spec:
          replicas: %d
          selector: {matchLabels: {app: mlflow}}
          template:
            metadata: {labels: {app: mlflow}}
            spec:
              containers:
                - name: mlflow
                  image: mlflow:1
                  ports: [{name: http, containerPort: 5000}]
                  resources:
                    requests: {cpu: 100m, memory: 256Mi}
                    limits: {cpu: %s, memory: 512Mi}
        %s
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: mlflow}
        spec:
          selector: {app: mlflow}
          ports: [{port: 5000, targetPort: http}]
        """.formatted(replicas, cpuLimit, extraContainer.indent(8).stripTrailing());
  }

  /** An Ingress of MLflow's chart, to MLflow itself: what the values turn off, since MLflow is behind its login proxy. */
  private static String mlflowIngress(String namespace) {
    return """
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: mlflow}
        spec:
          rules:
            - host: %s.one.example.org
              http:
                paths:
                  - path: /mlflow
                    pathType: Prefix
                    backend: {service: {name: mlflow, port: {number: 5000}}}
        """.formatted(namespace);
  }

  private static String workspace(String cpuLimit) {
    String values = """
        hub: {activeServerLimit: 2}
        singleuser:
          image: {name: quay.io/jupyter/base-notebook, tag: "2026-11-01"}
          uid: 1000
          fsGid: 100
          allowPrivilegeEscalation: false
          serviceAccountName: maia-workspace
          cloudMetadata: {blockWithIptables: false}
          extraLabels: {hub.jupyter.org/network-access-hub: "true"}
          extraEnv:
            MLFLOW_TRACKING_URI: http://mlflow.lung.svc.cluster.local:5000
          cpu: {guarantee: 0.5, limit: %s}
          memory: {guarantee: 512M, limit: 1G}
          storage: {type: dynamic, capacity: 5Gi}
          profileList:
            - {display_name: CPU only, slug: cpu, default: true}
        """.formatted(cpuLimit);
    return """
        apiVersion: v1
        kind: Secret
        metadata: {name: hub}
        data:
          values.yaml: %s
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: hub}
        spec:
          selector: {matchLabels: {component: hub}}
          template:
            metadata: {labels: {component: hub, app: jupyterhub}}
            spec:
              containers:
                - name: hub
                  image: jupyterhub/k8s-hub:4
                  ports: [{name: http, containerPort: 8081}]
                  resources:
                    requests: {cpu: 200m, memory: 512Mi}
                    limits: {cpu: 500m, memory: 1Gi}
        """.formatted(Base64.getEncoder().encodeToString(values.getBytes(StandardCharsets.UTF_8)));
  }

  private static ApplicationReport report(String project, String tool, String objects) {
    ChartApplication application = new ChartApplication("apps.yaml", project + "-" + tool, "one", project, tool,
        new ChartRef("https://charts.example.org", tool, "1.0.0"), tool, project, YAML.createObjectNode(), false);
    List<RenderedObject> rendered = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(objects)) {
      documents.forEachRemaining(d -> rendered.add(new RenderedObject(tool + "/templates/all.yaml", d, List.of())));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return new ApplicationReport(application, "sha256:0", List.of(), rendered);
  }

  private List<Problem> check(ApplicationReport... reports) {
    return new AdmissionChecks(null).check(valid, tree, List.of(reports), Map.of(), NOW);
  }

  private List<ApplicationReport> fitting() {
    return List.of(report("lung", "mlflow", mlflow(1, "500m", "")), report("lung", "workspace", workspace("1")),
        report("heart", "mlflow", mlflow(1, "500m", "")));
  }

  private static Map<String, List<String>> byPointer(List<Problem> problems) {
    Map<String, List<String>> by = new TreeMap<>();
    problems.forEach(p -> by.computeIfAbsent(p.pointer(), k -> new ArrayList<>()).add(p.message()));
    return by;
  }

  /** Replaces one document (by kind and name) of a tree file, or drops it when {@code with} is null. */
  private void edit(String file, String kind, String name, String with) throws IOException {
    Path path = tree.resolve(file);
    List<String> kept = new ArrayList<>();
    for (String document : Files.readString(path).split("(?m)^---\\s*$")) {
      JsonNode object = YAML.readTree(document);
      if (object != null && kind.equals(object.path("kind").asText()) && name.equals(object.path("metadata").path("name").asText())) {
        if (with != null) {
          kept.add(with);
        }
      } else if (!document.isBlank()) {
        kept.add(document);
      }
    }
    Files.writeString(path, String.join("\n---\n", kept));
  }

  @Test
  void namespacesThatHoldTheirToolsAndServersAndKeepToThemselvesHaveNoFinding() {
    assertThat(check(fitting().toArray(ApplicationReport[]::new))).isEmpty();
  }

  @Test
  void aToolThatDoesNotFitTheQuotaIsFoundAtTheProjectsResources() {
    List<Problem> problems = check(report("lung", "mlflow", mlflow(10, "500m", "")), report("lung", "workspace", workspace("1")));
    assertThat(byPointer(problems)).containsOnlyKeys("/spec/projects/0/resources");
    assertThat(problems.get(0).message()).startsWith("quota-fit: lung on one: the tools of lung do not fit its quota before any user server starts")
        .contains("ResourceQuota maia-quota: limits.cpu 5.7 used of 4 (largest: Deployment/mlflow 5, Deployment/hub 0.5, Deployment/minio-proxy 0.1)");
  }

  @Test
  void serversThatDoNotFitBesideTheToolsAreFoundAtTheServerSizing() {
    // two servers (activeServerLimit 2) of 1.6 CPU limit each, beside 1.2 CPU of tools and login proxies: 4.4 of 4
    List<Problem> problems = check(report("lung", "mlflow", mlflow(1, "500m", "")), report("lung", "workspace", workspace("1.6")));
    assertThat(byPointer(problems)).containsOnlyKeys("/spec/projects/0/tools/workspace/server");
    assertThat(problems.get(0).message()).contains("the tools of lung and 2 user servers at once do not fit its quota")
        .contains("limits.cpu 4.4 used of 4 (largest: user server 3.2, Deployment/hub 0.5, Deployment/mlflow 0.5)");
  }

  @Test
  void aContainerAboveTheLimitRangeMaximumIsRefused() {
    List<Problem> problems = check(report("lung", "mlflow", mlflow(1, "6", "")), report("lung", "workspace", workspace("1")));
    assertThat(byPointer(problems)).containsKey("/spec/projects/0/tools/mlflow");
    assertThat(byPointer(problems).get("/spec/projects/0/tools/mlflow"))
        .anyMatch(m -> m.contains("Deployment/mlflow is refused in lung: container mlflow has a cpu limit of 6, above the maximum 4 of LimitRange maia-limits"));
  }

  @Test
  void aPrivilegedContainerIsRefusedByTheBaselineTheNamespaceEnforces() {
    String privileged = """
        - name: sidecar
          image: busybox:1
          securityContext: {privileged: true}
        """;
    String objects = mlflow(1, "500m", privileged);
    List<Problem> problems = check(report("lung", "mlflow", objects), report("lung", "workspace", workspace("1")));
    assertThat(byPointer(problems).get("/spec/projects/0/tools/mlflow")).singleElement().asString()
        .startsWith("pod-security: lung on one: Deployment/mlflow does not meet the Pod Security Standard baseline (v1.36) that lung enforces:")
        .contains("privileged: container \"sidecar\" must not set securityContext.privileged=true");
  }

  @Test
  void aRestrictedNamespaceRefusesAPodThatOnlyMeetsBaseline() throws IOException {
    Path file = tree.resolve("clusters/one/projects/lung/resources.yaml");
    Files.writeString(file, Files.readString(file).replace("pod-security.kubernetes.io/enforce: baseline", "pod-security.kubernetes.io/enforce: restricted"));
    List<Problem> problems = check(fitting().toArray(ApplicationReport[]::new));
    assertThat(byPointer(problems).get("/spec/projects/0/tools/mlflow")).singleElement().asString()
        .contains("Pod Security Standard restricted (v1.36)").contains("allowPrivilegeEscalation").contains("runAsNonRoot");
    assertThat(check(fitting().toArray(ApplicationReport[]::new))).allMatch(p -> !p.message().contains("heart"));
  }

  @Test
  void aWiredConnectionThePoliciesBlockIsFoundAtTheToolThatUsesIt() throws IOException {
    // without the same-namespace allow, the workspace cannot reach MLflow although it is wired to it
    edit("bases/project/resources.yaml", "NetworkPolicy", "allow-same-namespace", null);
    Map<String, List<String>> problems = byPointer(check(fitting().toArray(ApplicationReport[]::new)));
    assertThat(problems.get("/spec/projects/0/tools/workspace"))
        .anyMatch(m -> m.startsWith("reachable: lung on one: user server cannot reach Service mlflow (Deployment/mlflow) on TCP 5000: egress from pods")
            && m.contains("is denied"));
  }

  @Test
  void dnsTheIssuerAndTheHpcHostsMustStayReachable() throws IOException {
    edit("bases/project/resources.yaml", "NetworkPolicy", "allow-dns", null);
    edit("clusters/one/projects/lung/resources.yaml", "NetworkPolicy", "allow-egress-identity", null);
    edit("clusters/one/projects/lung/resources.yaml", "NetworkPolicy", "allow-egress-hpc-alvis", null);
    Map<String, List<String>> problems = byPointer(check(fitting().toArray(ApplicationReport[]::new)));
    assertThat(problems.get("/spec/projects/0/tools/mlflow")).anyMatch(m -> m.contains("Deployment/mlflow cannot reach DNS on UDP 53"));
    assertThat(problems.get("/spec/identity/issuer")).anyMatch(m -> m.contains("cannot reach the OIDC issuer on TCP 443"));
    assertThat(problems.get("/spec/hpc/0")).singleElement().asString()
        .contains("user server cannot reach HPC system alvis (alvis1.example.org) on TCP 22");
    // the base is every namespace's: heart loses DNS too (MLflow and its login proxy), but keeps its own allow of the issuer
    assertThat(problems.get("/spec/projects/1/tools/mlflow")).hasSize(2).allMatch(m -> m.contains("cannot reach DNS on UDP 53"))
        .anyMatch(m -> m.contains("Deployment/mlflow-proxy cannot reach DNS"));
  }

  @Test
  void aChartPolicyThatOpensEgressToOtherNamespacesMeetsAnOpenIngressOfAnotherProject() {
    String egress = """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: mlflow-egress}
        spec:
          podSelector: {matchLabels: {app: mlflow}}
          policyTypes: [Egress]
          egress: [{to: [{namespaceSelector: {}}]}]
        """;
    // as a database chart's own policy does: its port open to every source
    String ingress = """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: mlflow-ingress}
        spec:
          podSelector: {matchLabels: {app: mlflow}}
          policyTypes: [Ingress]
          ingress: [{ports: [{port: 5000}]}]
        """;
    List<Problem> isolated = check(report("lung", "mlflow", mlflow(1, "500m", "") + egress), report("lung", "workspace", workspace("1")),
        report("heart", "mlflow", mlflow(1, "500m", "") + ingress));
    assertThat(isolated).filteredOn(p -> p.message().startsWith("isolated:")).singleElement().satisfies(p -> {
      assertThat(p.pointer()).isEqualTo("/spec/projects/0");
      assertThat(p.message()).isEqualTo("isolated: lung on one: Deployment/mlflow in lung may open connections to Deployment/mlflow in heart"
          + " on port 5000: traffic between two projects is allowed");
    });
    // either side alone keeps the projects apart (heart's open port lets its ingress controller past the login: gated)
    assertThat(check(report("lung", "mlflow", mlflow(1, "500m", "") + egress), report("lung", "workspace", workspace("1")),
        report("heart", "mlflow", mlflow(1, "500m", "")))).isEmpty();
    assertThat(check(report("lung", "mlflow", mlflow(1, "500m", "")), report("lung", "workspace", workspace("1")),
        report("heart", "mlflow", mlflow(1, "500m", "") + ingress))).extracting(Problem::message).noneMatch(m -> m.startsWith("isolated:"));
  }

  @Test
  void aChartsOwnIngressToItsToolIsNoLogin() {
    // given: MLflow's chart with its Ingress on, to MLflow itself
    List<Problem> problems = check(report("lung", "mlflow", mlflow(1, "500m", "") + mlflowIngress("lung")), report("lung", "workspace", workspace("1")));

    // then: a tool reached past its login; the policies keep the controller out, but the Ingress is the mistake
    assertThat(byPointer(problems)).containsOnlyKeys("/spec/projects/0/tools/mlflow");
    assertThat(problems).singleElement().extracting(Problem::message).isEqualTo(
        "gated: lung on one: Ingress mlflow (lung.one.example.org/mlflow) leads to Deployment/mlflow, which is no login: whoever reaches"
            + " the host reaches the tool");
  }

  @Test
  void aPolicyThatLetsTheIngressControllerReachEveryPodOpensTheToolsPastTheirLogins() throws IOException {
    // given: the ingress controller let in to every pod, as the namespace policy was before the tools had logins
    edit("clusters/one/projects/lung/resources.yaml", "NetworkPolicy", "allow-from-ingress-controller", """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-from-ingress-controller, namespace: lung}
        spec:
          podSelector: {}
          ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]}]
          policyTypes: [Ingress]
        """);

    // when
    Map<String, List<String>> problems = byPointer(check(fitting().toArray(ApplicationReport[]::new)));

    // then: MLflow and the hub, in lung only; the login proxies are what the controller may reach
    assertThat(problems).containsOnlyKeys("/spec/projects/0/tools/mlflow", "/spec/projects/0/tools/workspace");
    assertThat(problems.get("/spec/projects/0/tools/mlflow")).singleElement().asString()
        .isEqualTo("gated: lung on one: the ingress controller can reach Deployment/mlflow on TCP 5000, past the tool's login: no"
            + " NetworkPolicy selects pods without labels in ingress-nginx for egress; ingress allowed by allow-from-ingress-controller");
    assertThat(problems.get("/spec/projects/0/tools/workspace")).anyMatch(m -> m.startsWith(
        "gated: lung on one: the ingress controller can reach Deployment/hub on TCP 8081, past the tool's login"));
  }

  @Test
  void theTreesIngressesLeadToTheLoginProxiesWhichTheControllerReachesAndWhichReachTheirTools() throws IOException {
    // given: the proxies' way to MLflow cut (the namespace's own traffic denied)
    edit("bases/project/resources.yaml", "NetworkPolicy", "allow-same-namespace", null);

    // when
    Map<String, List<String>> problems = byPointer(check(fitting().toArray(ApplicationReport[]::new)));

    // then: the login proxy is told MLflow's Service and cannot reach it; the controller reaches the proxy
    assertThat(problems.get("/spec/projects/0/tools/mlflow"))
        .anyMatch(m -> m.startsWith("reachable: lung on one: Deployment/mlflow-proxy cannot reach Service mlflow (Deployment/mlflow) on TCP 5000"));
    assertThat(problems.values().stream().flatMap(List::stream)).noneMatch(m -> m.contains("the ingress controller cannot reach"));
  }

  @Test
  void aNamespaceWhoseInputsDidNotChangeIsNotCheckedAgain() throws IOException {
    VerifyCache cache = new VerifyCache(dir.resolve("cache"));
    List<ApplicationReport> reports = List.of(report("lung", "mlflow", mlflow(10, "500m", "")), report("lung", "workspace", workspace("1")),
        report("heart", "mlflow", mlflow(1, "500m", "")));
    Map<String, String> keys = Map.of("lung-mlflow", "k1", "lung-workspace", "k2", "heart-mlflow", "k3");
    List<Problem> first = new AdmissionChecks(cache).check(valid, tree, reports, keys, NOW);
    assertThat(first).singleElement().extracting(Problem::pointer).isEqualTo("/spec/projects/0/resources");
    // the same keys: the rendered objects are not read (they would fail), the findings are the same
    List<ApplicationReport> unreadable = reports.stream()
        .map(r -> new ApplicationReport(r.application(), r.digest(), r.findings(), ApplicationReport.Rendered.later(() -> {
          throw new AssertionError("read the objects of " + r.application().name());
        }), true))
        .toList();
    assertThat(new AdmissionChecks(cache).check(valid, tree, unreadable, keys, NOW)).isEqualTo(first);
    // another report key for lung's MLflow: lung is checked again, heart is not
    Map<String, String> changed = Map.of("lung-mlflow", "k1b", "lung-workspace", "k2", "heart-mlflow", "k3");
    List<ApplicationReport> lungReadable = List.of(reports.get(0), reports.get(1), unreadable.get(2));
    assertThat(new AdmissionChecks(cache).check(valid, tree, lungReadable, changed, NOW)).isEqualTo(first);
    // a changed tree file is a changed input too
    edit("clusters/one/projects/lung/resources.yaml", "NetworkPolicy", "allow-egress-hpc-alvis", null);
    assertThat(new AdmissionChecks(cache).check(valid, tree, lungReadable, changed, NOW)).extracting(Problem::pointer)
        .contains("/spec/hpc/0");
  }
}
