package dev.maia.core.render.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.LoginProxy;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.model.ToolDefinition;
import dev.maia.core.output.CanonicalYaml;
import dev.maia.core.output.Hashes;
import dev.maia.core.plan.identity.KeycloakRealm;
import dev.maia.core.render.Manifests;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The login proxy of one tool that cannot limit an OIDC login to a group itself ({@link
 * ToolDefinition#behindLoginProxy}), in one project namespace on one cluster: an oauth2-proxy
 * (Deployment, Service, and its configuration in a ConfigMap) that lets through only people whose
 * token carries the project's group, and sends them on to the tool's Service. It logs in with the
 * tool's own Keycloak client ({@code maia-<project>-<tool>}, the one {@link KeycloakRealm} makes),
 * whose secret and the cookie secret it reads from the tool's login Secret, never from the tree.
 *
 * <p>It serves the tool's whole URL, its own endpoints under {@code <path>oauth2/}: the callback
 * {@code <url>oauth2/callback} is the client's redirect URI. A tool that only serves from {@code /}
 * gets the path removed here (an upstream {@code rewriteTarget}), so no ingress controller has to
 * strip it; that is why the proxy runs on oauth2-proxy's structured (alpha) configuration.
 */
public final class LoginProxyRenderer {

  /** Label of every pod the ingress controller may reach: the tools' logins, and nothing else. */
  public static final String GATE_LABEL = "maia.dev/login-gate";
  /** Where the proxy's configuration and the tool's login Secret are mounted. */
  static final String CONFIG_DIR = "/etc/maia-login/config";
  static final String SECRET_DIR = "/etc/maia-login/secret";
  static final String CONFIG_FILE = "oauth2-proxy.yaml";
  /** The Service port of every login proxy. */
  public static final int SERVICE_PORT = 80;
  /** The user of oauth2-proxy's distroless image. */
  private static final long NONROOT = 65532;
  /** The addresses the ingress controller reaches the proxy from: the private and shared ranges pods live in. */
  private static final List<String> PROXY_SOURCES = List.of("10.0.0.0/8", "100.64.0.0/10", "172.16.0.0/12", "192.168.0.0/16");

  private final Platform platform;
  private final LoginProxy proxy;

  public LoginProxyRenderer(Platform platform, LoginProxy proxy) {
    this.platform = platform;
    this.proxy = proxy;
  }

  /** The ConfigMap, Deployment and Service of the login proxy of {@code tool}. */
  public List<JsonNode> render(Project project, Cluster cluster, ToolDefinition tool, Map<String, String> labels) {
    String name = tool.loginProxyName();
    String ns = project.namespace();
    String config = new String(CanonicalYaml.write(List.of(configuration(project, tool)), ""), StandardCharsets.UTF_8);
    Map<String, String> pods = new TreeMap<>();
    pods.put("app.kubernetes.io/name", "oauth2-proxy");
    pods.put("app.kubernetes.io/instance", name);
    Map<String, String> podLabels = new TreeMap<>(labels);
    podLabels.putAll(pods);
    podLabels.put(GATE_LABEL, "true");
    ToolDefinition.Login login = tool.login().orElseThrow();
    String secret = tool.secrets().get(login.secret()).name();
    String path = prefix(tool);
    return List.of(
        Manifests.tree(new ConfigMapBuilder()
            .withNewMetadata().withName(name).withNamespace(ns).withLabels(labels).endMetadata()
            .addToData(CONFIG_FILE, config)
            .build()),
        deployment(name, ns, labels, pods, new PodTemplateSpecBuilder()
            .withNewMetadata()
            .withLabels(podLabels)
            // a new configuration restarts the proxy
            .addToAnnotations("maia.dev/values-checksum", Hashes.sha256(config.getBytes(StandardCharsets.UTF_8)))
            .endMetadata()
            .withNewSpec()
            .withAutomountServiceAccountToken(false)
            .withEnableServiceLinks(false)
            .withNewSecurityContext()
            .withRunAsNonRoot(true).withRunAsUser(NONROOT).withRunAsGroup(NONROOT).withFsGroup(NONROOT)
            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
            .endSecurityContext()
            .addNewContainer()
            .withName("oauth2-proxy")
            .withImage(proxy.image())
            .withArgs(
                "--alpha-config=" + CONFIG_DIR + "/" + CONFIG_FILE,
                "--proxy-prefix=" + path + "oauth2",
                "--redirect-url=" + tool.url(project, cluster) + login.callback(),
                "--cookie-name=_maia_" + tool.id().replace('-', '_'),
                "--cookie-path=" + path,
                "--cookie-secure=true",
                "--cookie-samesite=lax",
                "--email-domain=*",
                "--skip-provider-button=true",
                "--reverse-proxy=true",
                "--trusted-proxy-ip=" + String.join(",", PROXY_SOURCES))
            .addNewEnv().withName("OAUTH2_PROXY_COOKIE_SECRET")
            .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(ToolDefinition.Login.COOKIE_SECRET_KEY).endSecretKeyRef().endValueFrom()
            .endEnv()
            .addNewPort().withName("http").withContainerPort(proxy.port()).withProtocol("TCP").endPort()
            .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withPort(new IntOrString("http")).endHttpGet().endReadinessProbe()
            .withNewLivenessProbe().withNewHttpGet().withPath("/ping").withPort(new IntOrString("http")).endHttpGet().endLivenessProbe()
            .withNewResources()
            .addToRequests("cpu", new Quantity(proxy.cpuRequest())).addToRequests("memory", new Quantity(proxy.memoryRequest()))
            .addToLimits("cpu", new Quantity(proxy.cpuLimit())).addToLimits("memory", new Quantity(proxy.memoryLimit()))
            .endResources()
            .withNewSecurityContext()
            .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
            .withNewCapabilities().withDrop("ALL").endCapabilities()
            .endSecurityContext()
            .addNewVolumeMount().withName("config").withMountPath(CONFIG_DIR).withReadOnly(true).endVolumeMount()
            .addNewVolumeMount().withName("client").withMountPath(SECRET_DIR).withReadOnly(true).endVolumeMount()
            .endContainer()
            .addNewVolume().withName("config").withNewConfigMap().withName(name).endConfigMap().endVolume()
            .addNewVolume().withName("client").withNewSecret().withSecretName(secret).withDefaultMode(0440)
            .addNewItem().withKey(KeycloakRealm.CLIENT_SECRET_KEY).withPath(KeycloakRealm.CLIENT_SECRET_KEY).endItem()
            .endSecret().endVolume()
            .endSpec()
            .build()),
        Manifests.tree(new ServiceBuilder()
            .withNewMetadata().withName(name).withNamespace(ns).withLabels(labels).endMetadata()
            .withNewSpec()
            .withSelector(pods)
            .addNewPort().withName("http").withProtocol("TCP").withPort(SERVICE_PORT).withTargetPort(new IntOrString("http")).endPort()
            .endSpec()
            .build()));
  }

  /** A Deployment of one replica of {@code template} (kubernetes-model has no apps group here). */
  private static JsonNode deployment(String name, String ns, Map<String, String> labels, Map<String, String> pods, Object template) {
    ObjectNode deployment = Manifests.resource("apps/v1", "Deployment", name, ns);
    Manifests.labels(deployment, labels);
    ObjectNode spec = deployment.putObject("spec");
    spec.put("replicas", 1);
    ObjectNode selector = spec.putObject("selector").putObject("matchLabels");
    pods.forEach(selector::put);
    spec.set("template", Manifests.tree(template));
    return deployment;
  }

  /**
   * oauth2-proxy's structured configuration: where it listens, the tool's Service as its one
   * upstream (the path removed for a tool that serves only from {@code /}), and the project's
   * Keycloak client, allowing only the project's group from the token's {@code groups} claim.
   */
  ObjectNode configuration(Project project, ToolDefinition tool) {
    ObjectNode config = Manifests.object();
    config.putObject("server").put("bindAddress", "0.0.0.0:" + proxy.port());
    ToolDefinition.Service upstream = tool.proxyUpstream().orElseThrow();
    ObjectNode to = config.putObject("upstreamConfig").putArray("upstreams").addObject();
    to.put("id", tool.id());
    String path = prefix(tool);
    if (tool.stripPath() && !path.equals("/")) {
      to.put("path", "^" + path + "(.*)$");
      to.put("rewriteTarget", "/$1");
    } else {
      to.put("path", path);
    }
    to.put("uri", "http://" + upstream.name() + "." + project.namespace() + ".svc.cluster.local:" + upstream.port());
    ObjectNode provider = config.putArray("providers").addObject();
    provider.put("id", "keycloak");
    provider.put("name", "MAIA");
    provider.put("provider", "oidc");
    provider.put("clientID", tool.clientId(project));
    provider.put("clientSecretFile", SECRET_DIR + "/" + KeycloakRealm.CLIENT_SECRET_KEY);
    provider.put("scope", "openid email profile");
    provider.put("code_challenge_method", "S256");
    ArrayNode groups = provider.putArray("allowedGroups");
    groups.add(project.group());
    ObjectNode oidc = provider.putObject("oidcConfig");
    oidc.put("issuerURL", platform.identity().issuer().replaceAll("/+$", ""));
    oidc.put("groupsClaim", "groups");
    oidc.put("emailClaim", "email");
    oidc.put("userIDClaim", "email");
    oidc.set("audienceClaims", Manifests.strings(List.of("aud")));
    // the tool learns who is behind a request; whatever a client sends under these names is dropped
    ArrayNode headers = config.putArray("injectRequestHeaders");
    header(headers, "X-Forwarded-Email", "email");
    header(headers, "X-Forwarded-User", "user");
    header(headers, "X-Forwarded-Preferred-Username", "preferred_username");
    return config;
  }

  private static void header(ArrayNode headers, String name, String claim) {
    ObjectNode header = headers.addObject();
    header.put("name", name);
    header.putArray("values").addObject().putObject("claimSource").put("claim", claim);
  }

  /** The tool's path, starting and ending with {@code /}. */
  private static String prefix(ToolDefinition tool) {
    String p = tool.path().startsWith("/") ? tool.path() : "/" + tool.path();
    return p.endsWith("/") ? p : p + "/";
  }
}
