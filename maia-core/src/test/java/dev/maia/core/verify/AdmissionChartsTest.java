package dev.maia.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.maia.core.GenerateRequest;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.ValidPlatform;
import dev.maia.core.problem.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admission checks of {@code maia:verify} on objects real Helm renders from the test chart
 * {@code admission} (a server, a client wired to it by URL, and values for its size, its privilege
 * and an open NetworkPolicy), served on 127.0.0.1 and pinned for MinIO through {@code
 * spec.catalog}, in the namespaces, quotas and policies we generate (with MinIO's login proxy): each
 * way a cluster would refuse the tool, let projects reach each other or let the ingress controller
 * past the tool's login is a finding at the platform's own line, and the chart's default values pass.
 */
class AdmissionChartsTest {

  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path dir;

  private ChartRepository repository;
  private Path repo;
  private Path tree;

  @BeforeEach
  void start() throws IOException {
    repository = ChartRepository.serving(dir.resolve("charts"), "admission");
    repo = Files.createDirectories(dir.resolve("repo"));
    tree = dir.resolve("out");
    write("platform.yaml", """
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
            minio: {repoURL: '%s', chart: admission, version: 0.1.0}
          clusters:
            - {name: one, server: https://kubernetes.default.svc, domain: one.example.org, kubernetesVersion: "1.33"}
          projects:
            - name: lung
              cluster: one
              users: [a@x.org]
              tools: {minio: {}}
            - name: heart
              cluster: one
              users: [b@x.org]
              tools: {minio: {}}
        """.formatted(repository.url()));
  }

  @AfterEach
  void stop() {
    repository.close();
  }

  private void write(String path, String text) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** The site template of MinIO: the chart's values, {@code lung}'s from the first text and {@code heart}'s from the second. */
  private void values(String lung, String heart) throws IOException {
    write("templates/minio/values.yaml.ftl", "<#if project.name == \"lung\">\n" + lung + "\n<#else>\n" + heart + "\n</#if>\n");
  }

  private void generate() {
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(repo.resolve("platform.yaml"), tree, NOW));
  }

  /** {@code maia:verify} on the tree as it stands: the Applications rendered by Helm, then checked. */
  private List<String> verify() {
    ValidPlatform valid = new MaiaCompiler(MaiaLog.silent()).validate(repo.resolve("platform.yaml"), NOW);
    VerifyOptions options = new VerifyOptions(dir.resolve("chart-cache"), dir.resolve("work"), false, false, 2, Duration.ofSeconds(20));
    return new Verifier(MaiaLog.silent()).verify(valid, tree, options, null, NOW).problems().stream().map(Problem::format).toList();
  }

  /** Drops one document (by kind and name) of a tree file. */
  private void drop(String file, String kind, String name) throws IOException {
    Path path = tree.resolve(file);
    List<String> kept = new ArrayList<>();
    for (String document : Files.readString(path).split("(?m)^---\\s*$")) {
      JsonNode object = YAML.readTree(document);
      boolean match = object != null && kind.equals(object.path("kind").asText()) && name.equals(object.path("metadata").path("name").asText());
      if (!match && !document.isBlank()) {
        kept.add(document);
      }
    }
    Files.writeString(path, String.join("\n---\n", kept));
  }

  @Test
  void theChartsDefaultsFitTheQuotaMeetBaselineReachTheirServerAndKeepProjectsApart() throws IOException {
    // given
    values("replicas: 1", "replicas: 1");
    generate();

    // then
    assertThat(verify()).isEmpty();
  }

  @Test
  void aServerScaledBeyondTheQuotaIsFoundAtTheProjectsResources() throws IOException {
    // given: 20 servers of 200m CPU limit (100m request) each, beside the client and MinIO's login proxy, in lung's default 1/4 CPU
    values("replicas: 20", "replicas: 1");
    generate();

    // when
    List<String> problems = verify();

    // then
    assertThat(problems).singleElement().asString()
        .isEqualTo("platform.yaml:16:7 /spec/projects/0/resources: quota-fit: lung on one: the tools of lung do not fit its quota"
            + " before any user server starts: ResourceQuota maia-quota: limits.cpu 4.2 used of 4 (largest: Deployment/minio-server 4,"
            + " Deployment/minio-client 0.1, Deployment/minio-proxy 0.1); ResourceQuota maia-quota: requests.cpu 2.06 used of 1 (largest:"
            + " Deployment/minio-server 2, Deployment/minio-client 0.05, Deployment/minio-proxy 0.01) (raise the project's resources, or turn"
            + " off a tool it does not use)");
  }

  @Test
  void aPrivilegedServerIsRefusedByTheBaselineItsNamespaceEnforces() throws IOException {
    // given
    values("privileged: true", "replicas: 1");
    generate();

    // when
    List<String> problems = verify();

    // then
    assertThat(problems).singleElement().asString()
        .isEqualTo("platform.yaml:19:15 /spec/projects/0/tools/minio: pod-security: lung on one: Deployment/minio-server does not"
            + " meet the Pod Security Standard baseline (v1.36) that lung enforces: privileged: container \"server\" must not set"
            + " securityContext.privileged=true (set the tool's values so that its pods meet the level; the namespace refuses them otherwise)");
  }

  @Test
  void aWiredConnectionThePoliciesBlockIsFoundAtTheToolWhosePodUsesIt() throws IOException {
    // given: the namespaces' egress denied by default, and the allow within a namespace gone
    values("replicas: 1", "replicas: 1");
    generate();
    drop("bases/project/resources.yaml", "NetworkPolicy", "allow-same-namespace");

    // when
    List<String> problems = verify();

    // then: the client is told the server's URL, and cannot open it (in each project)
    assertThat(problems).hasSize(2);
    assertThat(problems.get(1)).startsWith("platform.yaml:23:15 /spec/projects/1/tools/minio: reachable: heart on one:");
    assertThat(problems.get(0)).startsWith("platform.yaml:19:15 /spec/projects/0/tools/minio: reachable: lung on one:"
        + " Deployment/minio-client cannot reach Service minio-server (Deployment/minio-server) on TCP 8080: egress from pods app.kubernetes.io/component=client,app.kubernetes.io/instance=minio in lung is denied:"
        + " NetworkPolicies allow-dns, allow-egress-identity, default-deny select them and none allows TCP 8080 to pods"
        + " app.kubernetes.io/component=server,app.kubernetes.io/instance=minio in lung; ingress to pods");
  }

  @Test
  void anOpenPolicyInTwoProjectsLetsOneReachTheOther() throws IOException {
    // given: the chart's open NetworkPolicy in both projects
    values("openPolicy: true", "openPolicy: true");
    generate();

    // when
    List<String> problems = verify();

    // then: each may reach the other, on the server's port, and each one's ingress controller reaches it past its login
    String gated = " the ingress controller can reach Deployment/minio-server on TCP 8080, past the tool's login: no NetworkPolicy"
        + " selects pods without labels in ingress-nginx for egress; ingress allowed by minio-server (a tool's Ingress must lead to its"
        + " login (the catalog's login), and only the logins may let the ingress controller's namespace (ingress-nginx) in)";
    assertThat(problems).containsExactlyInAnyOrder(
        "platform.yaml:19:15 /spec/projects/0/tools/minio: gated: lung on one:" + gated,
        "platform.yaml:23:15 /spec/projects/1/tools/minio: gated: heart on one:" + gated,
        "platform.yaml:16:7 /spec/projects/0: isolated: lung on one: Deployment/minio-server in lung may open connections to"
            + " Deployment/minio-server in heart on port 8080: traffic between two projects is allowed (a NetworkPolicy that"
            + " lets pods reach other namespaces, or accept them, must name the namespace it means)",
        "platform.yaml:20:7 /spec/projects/1: isolated: heart on one: Deployment/minio-server in heart may open connections to"
            + " Deployment/minio-server in lung on port 8080: traffic between two projects is allowed (a NetworkPolicy that"
            + " lets pods reach other namespaces, or accept them, must name the namespace it means)");
  }

  @Test
  void anOpenPolicyInOneProjectAloneReachesNoOtherProjectButOpensTheToolPastItsLogin() throws IOException {
    // given: lung's egress is open, but heart accepts only its own namespace
    values("openPolicy: true", "replicas: 1");
    generate();

    // then: no project reaches another; lung's open port lets its ingress controller past MinIO's login proxy
    assertThat(verify()).singleElement().asString().startsWith("platform.yaml:19:15 /spec/projects/0/tools/minio: gated: lung on one: the"
        + " ingress controller can reach Deployment/minio-server on TCP 8080, past the tool's login");
  }
}
