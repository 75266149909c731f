package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Lock;
import dev.maia.core.model.Lock.Slot;
import dev.maia.core.model.Project;
import dev.maia.core.model.ProjectVolumes;
import dev.maia.core.model.ToolDefinition;
import dev.maia.core.model.ToolDefinition.ToolSecret;
import dev.maia.core.model.WorkspaceNames;
import dev.maia.core.render.identity.LoginProxyRenderer;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a project's tools need in the project namespace besides their charts: the Secrets they read
 * (as references), the shared volume, a NodePort Service per SSH user and for Orthanc's DICOM port
 * (ports from the lock) with the NetworkPolicies that let that traffic in, the login proxy and
 * Ingress of each tool behind it, and, for Kubeflow, the Profile of the namespace.
 */
final class ToolResources {

  static final String TOOL_LABEL = "maia.dev/tool";
  static final String PROFILE_API_VERSION = "kubeflow.org/v1";

  /** Labels of the pods the Orthanc chart runs for release {@code orthanc}. */
  private static final Map<String, String> ORTHANC_PODS =
      Map.of("app.kubernetes.io/name", "orthanc", "app.kubernetes.io/instance", "orthanc");

  /** Label KubeSpawner puts on every user pod. */
  private static final String USER_POD_COMPONENT = "singleuser-server";

  private final SecretRenderer secrets;
  private final Lock lock;
  private final LoginProxyRenderer loginProxies;

  ToolResources(SecretRenderer secrets, Lock lock, LoginProxyRenderer loginProxies) {
    this.secrets = secrets;
    this.lock = lock;
    this.loginProxies = loginProxies;
  }

  /** The resources of the enabled tools of a project on a cluster. */
  List<JsonNode> render(Project project, Cluster cluster, List<ToolDefinition> tools, Map<String, String> labels) {
    List<JsonNode> resources = new ArrayList<>();
    for (ToolDefinition tool : tools) {
      for (ToolSecret secret : tool.secrets().values()) {
        resources.add(
            secrets.secret(
                cluster.name(), secret.name(), project.namespace(), tool.storeKey(project.name()), secret.keys(), with(labels, tool)));
      }
    }
    for (ToolDefinition tool : tools) {
      Map<String, String> sizes = ProjectVolumes.sizes(project, tool);
      for (ToolDefinition.Volume volume : tool.volumes().values()) {
        volume.claim().ifPresent(claim -> resources.add(keptClaim(project, cluster, claim, sizes.get(volume.name()), volume.shared(),
            with(labels, tool))));
      }
    }
    boolean workspace = tools.stream().anyMatch(t -> t.id().equals("workspace"));
    boolean filebrowser = tools.stream().anyMatch(t -> t.id().equals("filebrowser"));
    if ((workspace || filebrowser) && !cluster.storage().sharedClass().isEmpty()) {
      resources.add(sharedVolume(project, cluster, labels));
    }
    List<String> sshUsers = new ArrayList<>();
    if (workspace) {
      for (String user : WorkspaceNames.sshUsers(project)) {
        Optional<Integer> port = lock.port(Slot.ssh(cluster.name(), project.name(), user));
        port.ifPresent(p -> {
          resources.add(sshService(project, user, p, labels));
          sshUsers.add(user);
        });
      }
    }
    if (!sshUsers.isEmpty()) {
      resources.add(allowIn("allow-ssh", project, Map.of("component", USER_POD_COMPONENT), ToolRenderer.SSH_TARGET_PORT, labels));
    }
    for (ToolDefinition tool : tools) {
      if (tool.behindLoginProxy()) {
        resources.addAll(loginProxies.render(project, cluster, tool, with(labels, tool)));
        resources.add(ingress(project, cluster, tool, new ToolDefinition.Service(tool.loginProxyName(), LoginProxyRenderer.SERVICE_PORT, "/"),
            with(labels, tool)));
      } else if (tool.platformIngress() && tool.service().isPresent()) {
        resources.add(ingress(project, cluster, tool, tool.service().get(), with(labels, tool)));
      }
    }
    Optional<Integer> dicom = lock.port(Slot.dicom(cluster.name(), project.name()));
    if (dicom.isPresent() && tools.stream().anyMatch(t -> t.id().equals("orthanc"))) {
      resources.add(dicomService(project, dicom.get(), labels));
      resources.add(allowIn("allow-dicom", project, ORTHANC_PODS, ToolRenderer.DICOM_TARGET_PORT, labels));
    }
    Optional.ofNullable(project.tools().get("orthanc")).map(o -> peerPorts(o.list("peers"))).filter(p -> !p.isEmpty())
        .ifPresent(ports -> resources.add(allowToPeers(project, ports, labels)));
    return resources;
  }

  /**
   * The Kubeflow Profile that makes the project namespace a Kubeflow profile, owned by the first
   * admin, else the first user. It lives in the cluster overlay (a Profile is cluster-scoped), and
   * is never pruned: deleting a Profile deletes its namespace.
   */
  static JsonNode kubeflowProfile(Project project, Cluster cluster) {
    ObjectNode profile = Manifests.resource(PROFILE_API_VERSION, "Profile", project.namespace(), null);
    Manifests.labels(profile, NamespaceRenderer.labels(project, cluster));
    Manifests.annotate(profile, "argocd.argoproj.io/sync-options", "Prune=false,Delete=false");
    ObjectNode owner = profile.putObject("spec").putObject("owner");
    owner.put("kind", "User");
    owner.put("name", profileOwner(project).orElseThrow());
    return profile;
  }

  /** The owner of a project's Kubeflow profile: its first admin, else its first user. */
  static Optional<String> profileOwner(Project project) {
    if (!project.admins().isEmpty()) {
      return Optional.of(project.admins().get(0));
    }
    return project.users().stream().findFirst();
  }

  /**
   * The Ingress of a tool behind the login proxy, to the proxy's Service, or of a tool whose chart
   * has none, to the tool's Service: the same host, path, class, annotations and TLS Secret a
   * chart's Ingress would get.
   */
  @SuppressWarnings("unchecked")
  private static JsonNode ingress(Project project, Cluster cluster, ToolDefinition tool, ToolDefinition.Service service,
      Map<String, String> labels) {
    Map<String, Object> model = ToolRenderer.ingress(project, cluster, tool);
    String host = (String) model.get("host");
    return Manifests.tree(
        new IngressBuilder()
            .withNewMetadata().withName(tool.id()).withNamespace(project.namespace()).withLabels(labels)
            .withAnnotations((Map<String, String>) model.get("annotations"))
            .endMetadata()
            .withNewSpec()
            .withIngressClassName((String) model.get("className"))
            .addNewTl().withHosts(host).withSecretName((String) model.get("tlsSecret")).endTl()
            .addNewRule().withHost(host).withNewHttp().addNewPath()
            .withPath((String) model.get("path")).withPathType((String) model.get("pathType"))
            .withNewBackend().withNewService().withName(service.name()).withNewPort().withNumber(service.port()).endPort().endService()
            .endBackend()
            .endPath().endHttp().endRule()
            .endSpec()
            .build());
  }

  private static JsonNode sharedVolume(Project project, Cluster cluster, Map<String, String> labels) {
    return keptClaim(project, cluster, ProjectVolumes.SHARED_CLAIM, ProjectVolumes.SHARED_SIZE, true, labels);
  }

  /**
   * A claim the tree makes, never pruned nor deleted with its Application: removing the tool (or
   * the shared volume's last user) leaves the data. On the shared class when {@code shared} and the
   * cluster has one (ReadWriteMany), else on the default class (ReadWriteOnce).
   */
  private static JsonNode keptClaim(Project project, Cluster cluster, String name, String size, boolean shared,
      Map<String, String> labels) {
    boolean onShared = shared && !cluster.storage().sharedClass().isEmpty();
    String storageClass = onShared ? cluster.storage().sharedClass() : cluster.storage().defaultClass();
    return Manifests.tree(
        new PersistentVolumeClaimBuilder()
            .withNewMetadata().withName(name).withNamespace(project.namespace()).withLabels(labels)
            .addToAnnotations("argocd.argoproj.io/sync-options", "Prune=false,Delete=false")
            .endMetadata()
            .withNewSpec()
            .withAccessModes(onShared ? "ReadWriteMany" : "ReadWriteOnce")
            .withStorageClassName(storageClass.isEmpty() ? null : storageClass)
            .withNewResources().addToRequests("storage", new Quantity(size)).endResources()
            .endSpec()
            .build());
  }

  private static JsonNode sshService(Project project, String user, int port, Map<String, String> labels) {
    Map<String, String> selector = new TreeMap<>();
    selector.put("component", USER_POD_COMPONENT);
    selector.put(WorkspaceNames.USER_LABEL, WorkspaceNames.userLabel(user));
    Map<String, String> all = new TreeMap<>(labels);
    all.put(TOOL_LABEL, "workspace");
    return Manifests.tree(
        new ServiceBuilder()
            .withNewMetadata().withName(WorkspaceNames.sshService(user)).withNamespace(project.namespace()).withLabels(all)
            .addToAnnotations("maia.dev/workspace-user", user)
            .endMetadata()
            .withNewSpec()
            .withType("NodePort")
            .withSelector(selector)
            .addNewPort().withName("ssh").withProtocol("TCP").withPort(ToolRenderer.SSH_TARGET_PORT)
            .withTargetPort(new IntOrString(ToolRenderer.SSH_TARGET_PORT)).withNodePort(port).endPort()
            .endSpec()
            .build());
  }

  private static JsonNode dicomService(Project project, int port, Map<String, String> labels) {
    Map<String, String> all = new TreeMap<>(labels);
    all.put(TOOL_LABEL, "orthanc");
    return Manifests.tree(
        new ServiceBuilder()
            .withNewMetadata().withName("orthanc-dicom").withNamespace(project.namespace()).withLabels(all).endMetadata()
            .withNewSpec()
            .withType("NodePort")
            .withSelector(new TreeMap<>(ORTHANC_PODS))
            .addNewPort().withName("dicom").withProtocol("TCP").withPort(ToolRenderer.DICOM_TARGET_PORT)
            .withTargetPort(new IntOrString(ToolRenderer.DICOM_TARGET_PORT)).withNodePort(port).endPort()
            .endSpec()
            .build());
  }

  /** Lets traffic from anywhere reach {@code port} of the selected pods (a NodePort's traffic). */
  private static JsonNode allowIn(String name, Project project, Map<String, String> pods, int port, Map<String, String> labels) {
    ObjectNode policy =
        (ObjectNode)
            Manifests.tree(
                new NetworkPolicyBuilder()
                    .withNewMetadata().withName(name).withNamespace(project.namespace()).withLabels(labels).endMetadata()
                    .withNewSpec()
                    .withNewPodSelector().withMatchLabels(new TreeMap<>(pods)).endPodSelector()
                    .addNewIngress().addNewPort().withProtocol("TCP").withPort(new IntOrString(port)).endPort().endIngress()
                    .withPolicyTypes("Ingress")
                    .endSpec()
                    .build());
    return policy;
  }

  /** The ports of Orthanc's DICOM peers, each once. */
  private static java.util.SortedSet<Integer> peerPorts(List<Map<String, Object>> peers) {
    java.util.SortedSet<Integer> ports = new java.util.TreeSet<>();
    peers.forEach(peer -> ports.add(((Number) peer.get("port")).intValue())); // required by the schema
    return ports;
  }

  /**
   * Lets Orthanc send to its DICOM peers: a hospital's PACS is usually at a private address, so the
   * peers' ports are open to any address but the link-local range (cloud metadata).
   */
  private static JsonNode allowToPeers(Project project, java.util.SortedSet<Integer> ports, Map<String, String> labels) {
    io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder rule =
        new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder()
            .addNewTo().withNewIpBlock().withCidr("0.0.0.0/0").withExcept("169.254.0.0/16").endIpBlock().endTo();
    ports.forEach(port -> rule.addNewPort().withProtocol("TCP").withPort(new IntOrString(port)).endPort());
    return Manifests.tree(
        new NetworkPolicyBuilder()
            .withNewMetadata().withName("allow-egress-dicom-peers").withNamespace(project.namespace()).withLabels(labels).endMetadata()
            .withNewSpec()
            .withNewPodSelector().withMatchLabels(new TreeMap<>(ORTHANC_PODS)).endPodSelector()
            .withEgress(rule.build())
            .withPolicyTypes("Egress")
            .endSpec()
            .build());
  }

  private static Map<String, String> with(Map<String, String> labels, ToolDefinition tool) {
    Map<String, String> all = new TreeMap<>(labels);
    all.put(TOOL_LABEL, tool.id());
    return all;
  }
}
