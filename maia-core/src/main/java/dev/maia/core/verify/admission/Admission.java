package dev.maia.core.verify.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.maia.core.model.HpcSystem;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.model.ToolSettings;
import dev.maia.core.render.identity.LoginProxyRenderer;
import dev.maia.core.verify.admission.NetworkPolicies.Endpoint;
import dev.maia.core.verify.admission.NetworkPolicies.Verdict;
import dev.maia.core.verify.admission.Reachability.Pod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether a cluster would admit and connect what one project namespace gets: the namespace's own
 * objects from the tree and the objects its chart Applications render, with the user servers
 * JupyterHub would start ({@link UserPods}). The checks:
 *
 * <ul>
 *   <li>{@code quota-fit}: every pod passes the namespace's LimitRanges, and every tool replica,
 *       the concurrent user servers (and each GPU profile's server in place of one) and every volume
 *       claim, the users' home volumes included, fit the ResourceQuotas ({@link QuotaFit});
 *   <li>{@code pod-security}: every pod meets the Pod Security level the namespace enforces ({@link
 *       PodSecurity});
 *   <li>{@code reachable}: every connection the wiring uses is allowed by the NetworkPolicies
 *       ({@link NetworkPolicies}): the ingress controller to each login an Ingress leads to, each pod to the
 *       in-cluster services it is given, every pod to DNS and to the OIDC issuer, workspaces to their
 *       HPC login nodes, Orthanc to its DICOM peers;
 *   <li>{@code gated}: the tools are reached from outside only through their logins: every
 *       Ingress leads to a login (a login proxy, or a tool that logs in with OIDC itself), and the
 *       ingress controller's namespace can reach no other pod;
 *   <li>{@code isolated}: no pod of one project namespace can open a connection to a pod of
 *       another: pairs of a namespace whose egress is open to other projects' pods on a port and one
 *       whose ingress is open to them on that port.
 * </ul>
 */
public final class Admission {

  /** Addresses that stand for hosts outside the cluster a policy cannot name (documentation ranges). */
  static final String PUBLIC_ADDRESS = "203.0.113.10";
  static final String PRIVATE_ADDRESS = "10.200.0.10";
  private static final String DNS_NAMESPACE = "kube-system";
  /** Another project's namespace, as the isolation check probes it: without policies of its own. */
  private static final String FOREIGN = "maia-isolation-probe";
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String TOOL_LABEL = "maia.dev/tool";
  /** Where the ingress controller's connections come from, in its namespace. */
  private static final String CONTROLLER_ADDRESS = "10.250.0.10";

  /** A project namespace on a cluster: its own objects and its charts' rendered ones. */
  public record Namespace(String cluster, Project project, String ingressNamespace, List<JsonNode> objects, List<Chart> charts) {

    public Namespace {
      objects = List.copyOf(objects);
      charts = List.copyOf(charts);
    }

    public String name() {
      return project.namespace();
    }
  }

  /** What one chart Application renders into the namespace. */
  public record Chart(String application, String tool, String release, List<JsonNode> objects) {

    public Chart {
      objects = List.copyOf(objects);
    }
  }

  /**
   * One finding, decided by a field of the project ({@code resources}, {@code tools/workspace/server},
   * {@code tools/<tool>}) or of the platform ({@code identity}, {@code hpc}); {@code field} is
   * relative to the project unless it starts with {@code /}.
   */
  public record Finding(String check, String cluster, String project, String field, String message, String hint) {}

  private final Platform platform;
  private final Instant now;

  public Admission(Platform platform, Instant now) {
    this.platform = platform;
    this.now = now;
  }

  /**
   * What one namespace's checks found, and the ports on which its pods are open to other projects'
   * pods (egress) or accept them (ingress), by the pods that are, for {@link #isolation}.
   */
  public record Result(String cluster, String project, String namespace, List<Finding> findings,
      Map<Integer, List<String>> egressOpen, Map<Integer, List<String>> ingressOpen) {

    public Result {
      findings = List.copyOf(findings);
      egressOpen = Map.copyOf(egressOpen);
      ingressOpen = Map.copyOf(ingressOpen);
    }
  }

  /**
   * Checks one namespace. Only its own policies and the labels of the namespaces its pods talk to
   * decide its connections, so namespaces are checked (and their results kept) one by one.
   */
  public Result check(Namespace namespace, int index) {
    return check(namespace, index, null);
  }

  /** As {@link #check(Namespace, int)}, with the cluster's booking policy run on its user servers (when not null). */
  public Result check(Namespace namespace, int index, java.util.function.Supplier<BookingAdmission> booking) {
    View view = view(namespace, index);
    Map<String, Map<String, String>> labels = new TreeMap<>();
    labels.put(namespace.name(), view.labels());
    labels.putIfAbsent(namespace.ingressNamespace(), Map.of());
    labels.putIfAbsent(DNS_NAMESPACE, Map.of());
    // another project's namespace carries what ours does, but its own name
    Map<String, String> foreign = new TreeMap<>(view.labels());
    foreign.replaceAll((key, value) -> value.equals(namespace.name()) || value.equals(namespace.project().name()) ? FOREIGN : value);
    labels.put(FOREIGN, foreign);
    NetworkPolicies network = new NetworkPolicies(view.policies(), labels);
    List<Finding> findings = new ArrayList<>();
    findings.addAll(new QuotaFit(now).check(view));
    findings.addAll(podSecurity(view));
    findings.addAll(reachable(view, network));
    findings.addAll(gated(view, network));
    if (booking != null && view.users().isPresent() && namespace.project().gpu().isPresent()) {
      for (BookingAdmission.Finding wrong : booking.get().check(
          List.of(new BookingAdmission.Workspace(namespace.project().name(), namespace.name(), view.users().get(), view.members())), now)) {
        findings.add(view.finding("booking-admission", wrong.bookingId().isEmpty() ? "gpu" : "/bookings/" + wrong.bookingId(), wrong.message(),
            "the ValidatingAdmissionPolicy maia-gpu-booking and the workspace's profiles must agree (see docs/gpu-booking.md)"));
      }
    }
    Map<Integer, List<String>> egressOpen = new TreeMap<>();
    Map<Integer, List<String>> ingressOpen = new TreeMap<>();
    isolation(view, network, egressOpen, ingressOpen);
    return new Result(namespace.cluster(), namespace.project().name(), namespace.name(), findings, egressOpen, ingressOpen);
  }

  /**
   * The connections between two project namespaces of one cluster that the policies allow: a pod
   * whose egress is open to other projects' pods on a port, and a pod of another namespace whose
   * ingress is open to them on that port.
   */
  public static List<Finding> isolation(List<Result> cluster) {
    List<Finding> findings = new ArrayList<>();
    for (Result from : cluster) {
      from.egressOpen().forEach((port, sources) -> {
        for (Result to : cluster) {
          List<String> targets = to.ingressOpen().getOrDefault(port, List.of());
          if (to == from || targets.isEmpty()) {
            continue;
          }
          findings.add(new Finding("isolated", from.cluster(), from.project(), "",
              sources.get(0) + " in " + from.namespace() + " may open connections to " + targets.get(0) + " in " + to.namespace()
                  + " on port " + port + ": traffic between two projects is allowed",
              "a NetworkPolicy that lets pods reach other namespaces, or accept them, must name the namespace it means"));
          return; // one pair per namespace and port tells the story
        }
      });
    }
    return findings;
  }

  private View view(Namespace namespace, int index) {
    String ns = namespace.name();
    List<JsonNode> objects = new ArrayList<>();
    List<Workload> workloads = new ArrayList<>();
    Optional<UserPods> users = Optional.empty();
    for (JsonNode object : namespace.objects()) {
      objects.add(inNamespace(object, ns));
      // the namespace's own, or a tool's that the tree makes (a login proxy)
      workloads.addAll(Workload.of(object, object.path("metadata").path("labels").path(TOOL_LABEL).asText("")));
    }
    for (Chart chart : namespace.charts()) {
      for (JsonNode object : chart.objects()) {
        if (!object.path("metadata").path("namespace").asText(ns).equals(ns) && !object.path("metadata").path("namespace").asText().isEmpty()) {
          continue;
        }
        objects.add(inNamespace(object, ns));
        workloads.addAll(Workload.of(object, chart.tool()));
        if ("workspace".equals(chart.tool()) && "Secret".equals(object.path("kind").asText())
            && object.path("data").has("values.yaml")) {
          users = Optional.of(new UserPods(values(object), ns, chart.release()));
        }
      }
    }
    Map<String, String> labels = new TreeMap<>();
    objects.stream().filter(o -> "Namespace".equals(o.path("kind").asText())).findFirst()
        .ifPresent(n -> n.path("metadata").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText())));
    List<Pod> pods = new ArrayList<>();
    int host = 10;
    for (Workload workload : workloads) {
      pods.add(Reachability.pod(workload, ns, ip(index, host++)));
    }
    List<String> members = View.members(namespace.project());
    if (users.isPresent() && !members.isEmpty()) {
      pods.add(Reachability.pod(Workload.user(users.get().pod(members.get(0), now), 1, "user server"), ns, ip(index, host)));
    }
    Map<String, JsonNode> configs = new TreeMap<>();
    objects.stream().filter(o -> Set.of("ConfigMap", "Secret", "Service").contains(o.path("kind").asText()))
        .forEach(o -> configs.put(o.path("kind").asText() + "/" + o.path("metadata").path("name").asText(), o));
    return new View(namespace, members, labels, objects, workloads, users, pods, configs);
  }

  // ---- pod-security

  private List<Finding> podSecurity(View view) {
    Namespace namespace = view.namespace();
    Optional<PodSecurity.Level> level = PodSecurity.Level.of(view.labels().getOrDefault("pod-security.kubernetes.io/enforce", "privileged"));
    if (level.isEmpty() || level.get() == PodSecurity.Level.PRIVILEGED) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    List<Workload> pods = new ArrayList<>(view.workloads());
    view.users().ifPresent(users -> {
      List<String> members = view.members();
      String user = members.isEmpty() ? "user" : members.get(0);
      if (users.profiles().isEmpty()) {
        pods.add(Workload.user(users.pod(user, now), 1, "user server"));
      }
      for (JsonNode profile : users.profiles()) {
        pods.add(Workload.user(users.pod(user, profile, now), 1, "user server (" + profile.path("slug").asText() + ")"));
      }
    });
    for (Workload pod : pods) {
      List<PodSecurity.Violation> violations = PodSecurity.check(pod.metadata(), pod.spec(), level.get());
      if (!violations.isEmpty()) {
        findings.add(view.finding("pod-security", View.toolField(pod.tool()),
            pod.origin() + " " + PodSecurity.refusal(level.get(), namespace.name(), violations),
            "set the tool's values so that its pods meet the level; the namespace refuses them otherwise"));
      }
    }
    return findings;
  }

  // ---- reachable

  private List<Finding> reachable(View view, NetworkPolicies network) {
    Namespace namespace = view.namespace();
    String ns = namespace.name();
    List<Finding> findings = new ArrayList<>();
    Endpoint dns = Endpoint.pod(DNS_NAMESPACE, Map.of("k8s-app", "kube-dns"), "10.96.0.10",
        List.of(new NetworkPolicies.ContainerPort("dns", 53, "UDP"), new NetworkPolicies.ContainerPort("dns-tcp", 53, "TCP")));
    int issuerPort = platform.identity().issuerPort();
    Set<String> seen = new LinkedHashSet<>();
    for (Pod pod : view.pods()) {
      String tool = pod.workload().tool();
      check(findings, seen, view, View.toolField(tool), pod, dns, 53, "UDP", "DNS", network);
      check(findings, seen, view, "/identity/issuer", pod, Endpoint.external(PUBLIC_ADDRESS), issuerPort, "TCP", "the OIDC issuer", network);
      for (Map.Entry<String, Integer> wire : Reachability.wired(pod.workload(), ns, view.configs())) {
        JsonNode service = view.configs().get("Service/" + wire.getKey());
        if (service == null) {
          continue; // a Service of a tool not rendered here (or of the Kubernetes API): nothing to check
        }
        List<Integer> ports = new ArrayList<>();
        service.path("spec").path("ports").forEach(p -> {
          if (wire.getValue() < 0 || p.path("port").asInt() == wire.getValue()) {
            ports.add(p.path("port").asInt());
          }
        });
        for (int port : ports) {
          for (Map.Entry<Pod, Integer> backend : Reachability.backends(service, port, view.pods())) {
            check(findings, seen, view, View.toolField(tool), pod, backend.getKey().endpoint(), backend.getValue(), "TCP",
                "Service " + wire.getKey() + " (" + backend.getKey().workload().origin() + ")", network);
          }
        }
      }
    }
    // the ingress controller to every login an Ingress leads to (an Ingress to anything else is gated's)
    Endpoint controller = controller(namespace);
    for (IngressTarget target : ingressTargets(view)) {
      if (!gate(target.pod())) {
        continue;
      }
      Verdict verdict = network.connect(controller, target.pod().endpoint(), target.port(), "TCP");
      if (!verdict.allowed() && seen.add("ingress " + target.pod().workload().origin() + target.port())) {
        findings.add(view.finding("reachable", View.toolField(target.pod().workload().tool()),
            "the ingress controller cannot reach " + target.pod().workload().origin() + " (Ingress "
                + target.ingress().path("metadata").path("name").asText() + ", port " + target.port() + "): " + verdict.reason(),
            "the namespace must let the ingress controller's namespace (" + namespace.ingressNamespace() + ") in"));
      }
    }
    // workspaces to their HPC login nodes, Orthanc to its DICOM peers
    Project project = namespace.project();
    view.pods().stream().filter(p -> "singleuser-server".equals(p.workload().labels().get("component"))).findFirst().ifPresent(user -> {
      for (HpcSystem system : platform.hpc()) {
        if (system.projects().contains(project.name())) {
          check(findings, seen, view, "/hpc/" + system.name(), user, Endpoint.external(PUBLIC_ADDRESS), system.port(), "TCP",
              "HPC system " + system.name() + " (" + system.host() + ")", network);
        }
      }
    });
    ToolSettings orthanc = project.tools().get("orthanc");
    if (orthanc != null) {
      view.pods().stream().filter(p -> "orthanc".equals(p.workload().tool()) && p.workload().labels().containsKey("app.kubernetes.io/name") && !gate(p))
          .findFirst().ifPresent(pod -> {
            for (Map<String, Object> peer : orthanc.list("peers")) {
              int port = ((Number) peer.get("port")).intValue();
              check(findings, seen, view, "tools/orthanc/peers", pod, Endpoint.external(PRIVATE_ADDRESS), port, "TCP",
                  "DICOM peer " + peer.get("aeTitle") + " (" + peer.get("host") + ")", network);
            }
          });
    }
    return findings;
  }

  private void check(List<Finding> findings, Set<String> seen, View view, String field, Pod from, Endpoint to, int port,
      String protocol, String what, NetworkPolicies network) {
    Verdict verdict = network.connect(from.endpoint(), to, port, protocol);
    if (!verdict.allowed() && seen.add(from.workload().origin() + " " + what + " " + port)) {
      findings.add(view.finding("reachable", field,
          from.workload().origin() + " cannot reach " + what + " on " + protocol + " " + port + ": " + verdict.reason(),
          "the namespace's NetworkPolicies must allow every connection the tools are wired with"));
    }
  }

  // ---- gated

  /**
   * Whether the tools are reached from outside only through a login: every Ingress of the namespace
   * leads to a login (a pod labelled {@value LoginProxyRenderer#GATE_LABEL}: a login proxy, or the
   * front of a tool that logs in with OIDC itself), and the policies let the ingress controller's
   * namespace open no connection to any other pod, on any port the pod declares but the ones a
   * NodePort Service exposes to every source.
   */
  private List<Finding> gated(View view, NetworkPolicies network) {
    Namespace namespace = view.namespace();
    List<Finding> findings = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    String hint = "a tool's Ingress must lead to its login (the catalog's login), and only the logins may let the ingress"
        + " controller's namespace (" + namespace.ingressNamespace() + ") in";
    for (IngressTarget target : ingressTargets(view)) {
      Pod pod = target.pod();
      if (!gate(pod) && seen.add("ingress " + pod.workload().origin())) {
        findings.add(view.finding("gated", View.toolField(pod.workload().tool()),
            "Ingress " + target.ingress().path("metadata").path("name").asText() + " (" + target.rule().path("host").asText()
                + target.path().path("path").asText() + ") leads to " + pod.workload().origin()
                + ", which is no login: whoever reaches the host reaches the tool",
            hint));
      }
    }
    // a port a NodePort Service exposes (Orthanc's DICOM, a workspace's SSH) is open to every source by design
    Set<String> nodePorts = new TreeSet<>();
    for (JsonNode service : view.configs().values()) {
      if ("Service".equals(service.path("kind").asText()) && "NodePort".equals(service.path("spec").path("type").asText())) {
        service.path("spec").path("ports").forEach(p -> Reachability.backends(service, p.path("port").asInt(), view.pods())
            .forEach(b -> nodePorts.add(b.getKey().workload().origin() + ":" + b.getValue())));
      }
    }
    Endpoint controller = controller(namespace);
    for (Pod pod : view.pods()) {
      if (gate(pod)) {
        continue;
      }
      for (NetworkPolicies.ContainerPort port : pod.endpoint().ports()) {
        if (nodePorts.contains(pod.workload().origin() + ":" + port.port())) {
          continue;
        }
        Verdict verdict = network.connect(controller, pod.endpoint(), port.port(), port.protocol());
        if (verdict.allowed() && seen.add("controller " + pod.workload().origin())) {
          findings.add(view.finding("gated", View.toolField(pod.workload().tool()),
              "the ingress controller can reach " + pod.workload().origin() + " on " + port.protocol() + " " + port.port()
                  + ", past the tool's login: " + verdict.reason(),
              hint));
        }
      }
    }
    return findings;
  }

  /** A pod an Ingress path of the namespace leads to, on the pod's port. */
  private record IngressTarget(JsonNode ingress, JsonNode rule, JsonNode path, Pod pod, int port) {}

  /** Every pod the namespace's Ingresses lead to, through their Services, in Ingress and path order. */
  private static List<IngressTarget> ingressTargets(View view) {
    List<IngressTarget> targets = new ArrayList<>();
    for (JsonNode ingress : view.objects()) {
      if (!"Ingress".equals(ingress.path("kind").asText())) {
        continue;
      }
      for (JsonNode rule : ingress.path("spec").path("rules")) {
        for (JsonNode path : rule.path("http").path("paths")) {
          JsonNode backend = path.path("backend").path("service");
          JsonNode service = view.configs().get("Service/" + backend.path("name").asText());
          if (service != null) {
            for (Map.Entry<Pod, Integer> target : Reachability.backends(service, servicePort(service, backend.path("port")), view.pods())) {
              targets.add(new IngressTarget(ingress, rule, path, target.getKey(), target.getValue()));
            }
          }
        }
      }
    }
    return targets;
  }

  /** The ingress controller, as a pod of its namespace. */
  private static Endpoint controller(Namespace namespace) {
    return Endpoint.pod(namespace.ingressNamespace(), Map.of(), CONTROLLER_ADDRESS, List.of());
  }

  private static boolean gate(Pod pod) {
    return "true".equals(pod.workload().labels().get(LoginProxyRenderer.GATE_LABEL));
  }

  // ---- isolated

  private void isolation(View view, NetworkPolicies network, Map<Integer, List<String>> egressOpen, Map<Integer, List<String>> ingressOpen) {
    String other = FOREIGN;
    Set<Integer> ports = new TreeSet<>();
    view.pods().forEach(p -> p.endpoint().ports().forEach(port -> ports.add(port.port())));
    for (Pod pod : view.pods()) {
      // another project's pod that looks like this one, in a namespace without policies
      Endpoint foreign = Endpoint.pod(other, pod.endpoint().labels(), "10.244.255.10", pod.endpoint().ports());
      for (int port : ports) {
        if (network.connect(pod.endpoint(), foreign, port, "TCP").allowed()) {
          egressOpen.computeIfAbsent(port, k -> new ArrayList<>()).add(pod.workload().origin());
        }
      }
      for (NetworkPolicies.ContainerPort port : pod.endpoint().ports()) {
        if (network.connect(foreign, pod.endpoint(), port.port(), port.protocol()).allowed()) {
          ingressOpen.computeIfAbsent(port.port(), k -> new ArrayList<>()).add(pod.workload().origin());
        }
      }
    }
  }

  // ---- helpers

  private static JsonNode inNamespace(JsonNode object, String ns) {
    if (object.path("metadata").path("namespace").asText().isEmpty() && object.isObject()) {
      ObjectNode copy = object.deepCopy();
      if (!"Namespace".equals(copy.path("kind").asText())) {
        ((ObjectNode) copy.with("metadata")).put("namespace", ns);
      }
      return copy;
    }
    return object;
  }

  private static JsonNode values(JsonNode secret) {
    try {
      return YAML.readTree(new String(Base64.getDecoder().decode(secret.path("data").path("values.yaml").asText()), StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      return JsonNodeFactory.instance.objectNode();
    }
  }

  private static int servicePort(JsonNode service, JsonNode port) {
    if (port.has("number")) {
      return port.path("number").asInt();
    }
    for (JsonNode p : service.path("spec").path("ports")) {
      if (p.path("name").asText().equals(port.path("name").asText())) {
        return p.path("port").asInt();
      }
    }
    return -1;
  }

  private static String ip(int namespace, int host) {
    return "10.244." + (namespace % 250) + "." + (host % 250 + 1);
  }
}
