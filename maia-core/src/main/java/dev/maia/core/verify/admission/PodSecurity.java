package dev.maia.core.verify.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The Pod Security Standards (<a
 * href="https://kubernetes.io/docs/concepts/security/pod-security-standards/">kubernetes.io</a>),
 * levels {@code baseline} and {@code restricted}, as the pod-security-admission library of
 * Kubernetes {@value #VERSION} evaluates them for the {@code latest} policy version: the same checks
 * under the same ids, in the same order (baseline, then restricted, each by id), with the same
 * allowed values and the same exemptions (a pod in a user namespace, {@code hostUsers: false}, for
 * {@code runAsNonRoot}, {@code runAsUser} and the baseline {@code procMount}; a pod with {@code
 * spec.os.name: windows} for {@code allowPrivilegeEscalation}, {@code capabilities_restricted} and
 * {@code seccompProfile_restricted}). Every container is checked: init, regular and ephemeral.
 *
 * <p>Restricted runs every baseline check except the four it replaces by a stricter one of its own:
 * {@code capabilities_baseline} by {@code capabilities_restricted}, {@code hostPathVolumes} by
 * {@code restrictedVolumes}, {@code procMount} by {@code procMount_restricted} and {@code
 * seccompProfile_baseline} by {@code seccompProfile_restricted}.
 *
 * <p>Where the library sums up a check in one result, this reports one violation per place in the
 * pod (the pod's or a container's security context, a volume, a port), in the library's words for
 * that one place, and all of them: a pod that sets {@code runAsNonRoot: false} and has a container
 * that sets nothing gets both violations, where the library names only the first.
 */
public final class PodSecurity {

  /** The Pod Security Standards version implemented. */
  public static final String VERSION = "v1.36";

  /** A Pod Security Standards level, as a namespace's {@code pod-security.kubernetes.io/*} labels name it. */
  public enum Level {
    PRIVILEGED,
    BASELINE,
    RESTRICTED;

    /** The level a namespace label value names: {@code privileged}, {@code baseline} or {@code restricted}. */
    public static Optional<Level> of(String label) {
      for (Level level : values()) {
        if (level.label().equals(label)) {
          return Optional.of(level);
        }
      }
      return Optional.empty();
    }

    /** The label value of this level: {@code baseline}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One failed check.
   *
   * @param level the level whose check it fails (a baseline check stays baseline when a pod is checked at restricted)
   * @param check the check id as the pod-security-admission library names it, such as {@code privileged}
   * @param field where in the pod: {@code spec.initContainers[block-cloud-metadata].securityContext.privileged}
   * @param message what is wrong, in the library's words: {@code container "block-cloud-metadata" must not set
   *     securityContext.privileged=true}
   */
  public record Violation(Level level, String check, String field, String message) {}

  private static final Set<String> DEFAULT_CAPABILITIES = Set.of(
      "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP",
      "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

  private static final Set<String> SELINUX_TYPES =
      Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");

  /** The safe sysctls, as the list stood at policy version 1.32 (the newest change before 1.37). */
  private static final Set<String> SYSCTLS = Set.of(
      "kernel.shm_rmid_forced",
      "net.ipv4.ip_local_port_range",
      "net.ipv4.tcp_syncookies",
      "net.ipv4.ping_group_range",
      "net.ipv4.ip_unprivileged_port_start",
      "net.ipv4.ip_local_reserved_ports",
      "net.ipv4.tcp_keepalive_time",
      "net.ipv4.tcp_fin_timeout",
      "net.ipv4.tcp_keepalive_intvl",
      "net.ipv4.tcp_keepalive_probes",
      "net.ipv4.tcp_rmem",
      "net.ipv4.tcp_wmem");

  private static final Set<String> PROFILE_TYPES = Set.of("RuntimeDefault", "Localhost");

  private static final String APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

  /** Volume sources restricted allows. */
  private static final List<String> RESTRICTED_ALLOWED_VOLUMES = List.of(
      "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected",
      "secret");

  /** The other volume sources, in the order the library names the first one a volume has. */
  private static final List<String> RESTRICTED_VOLUMES = List.of(
      "hostPath", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs", "rbd",
      "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile", "vsphereVolume", "quobyte", "azureDisk",
      "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos");

  private static final List<String> PROBES = List.of("livenessProbe", "readinessProbe", "startupProbe");
  private static final List<String> LIFECYCLE_HANDLERS = List.of("postStart", "preStop");

  /** Every check, in the library's order. */
  private static final List<Control> CONTROLS = List.of(
      new Control("appArmorProfile", Level.BASELINE, Set.of(), PodSecurity::appArmorProfile),
      new Control("capabilities_baseline", Level.BASELINE, Set.of(), PodSecurity::capabilitiesBaseline),
      new Control("hostNamespaces", Level.BASELINE, Set.of(), PodSecurity::hostNamespaces),
      new Control("hostPathVolumes", Level.BASELINE, Set.of(), PodSecurity::hostPathVolumes),
      new Control("hostPorts", Level.BASELINE, Set.of(), PodSecurity::hostPorts),
      new Control("hostProbesAndHostLifecycle", Level.BASELINE, Set.of(), PodSecurity::hostProbesAndHostLifecycle),
      new Control("privileged", Level.BASELINE, Set.of(), PodSecurity::privileged),
      new Control("procMount", Level.BASELINE, Set.of(), PodSecurity::procMountBaseline),
      new Control("seLinuxOptions", Level.BASELINE, Set.of(), PodSecurity::seLinuxOptions),
      new Control("seccompProfile_baseline", Level.BASELINE, Set.of(), PodSecurity::seccompProfileBaseline),
      new Control("sysctls", Level.BASELINE, Set.of(), PodSecurity::sysctls),
      new Control("windowsHostProcess", Level.BASELINE, Set.of(), PodSecurity::windowsHostProcess),
      new Control("allowPrivilegeEscalation", Level.RESTRICTED, Set.of(), PodSecurity::allowPrivilegeEscalation),
      new Control("capabilities_restricted", Level.RESTRICTED, Set.of("capabilities_baseline"),
          PodSecurity::capabilitiesRestricted),
      new Control("procMount_restricted", Level.RESTRICTED, Set.of("procMount"), PodSecurity::procMountRestricted),
      new Control("restrictedVolumes", Level.RESTRICTED, Set.of("hostPathVolumes"), PodSecurity::restrictedVolumes),
      new Control("runAsNonRoot", Level.RESTRICTED, Set.of(), PodSecurity::runAsNonRoot),
      new Control("runAsUser", Level.RESTRICTED, Set.of(), PodSecurity::runAsUser),
      new Control("seccompProfile_restricted", Level.RESTRICTED, Set.of("seccompProfile_baseline"),
          PodSecurity::seccompProfileRestricted));

  /** The baseline checks restricted replaces. */
  private static final Set<String> OVERRIDDEN =
      CONTROLS.stream().flatMap(c -> c.overrides().stream()).collect(Collectors.toUnmodifiableSet());

  private PodSecurity() {}

  /**
   * The violations of {@code level} by a pod; empty when the pod meets the level, and always for
   * {@link Level#PRIVILEGED}. Restricted includes every baseline check (or the stricter one that
   * replaces it).
   *
   * @param metadata the pod's (or pod template's) metadata, for its annotations; may be missing
   * @param spec the PodSpec
   */
  /**
   * What a namespace's admission says of a pod with {@code violations}: {@code does not meet the Pod
   * Security Standard baseline (v1.36) that NS enforces: privileged: ...}.
   */
  public static String refusal(Level level, String namespace, List<Violation> violations) {
    return "does not meet the Pod Security Standard " + level.label() + " (" + VERSION + ") that " + namespace + " enforces: "
        + String.join("; ", violations.stream().map(v -> v.check() + ": " + v.message()).distinct().toList());
  }

  public static List<Violation> check(JsonNode metadata, JsonNode spec, Level level) {
    if (level == Level.PRIVILEGED) {
      return List.of();
    }
    Pod pod = new Pod(orMissing(metadata), orMissing(spec));
    List<Violation> violations = new ArrayList<>();
    for (Control control : CONTROLS) {
      if (control.level().compareTo(level) > 0 || (level == Level.RESTRICTED && OVERRIDDEN.contains(control.id()))) {
        continue;
      }
      control.rule().check(pod,
          (field, message) -> violations.add(new Violation(control.level(), control.id(), field, message)));
    }
    return List.copyOf(violations);
  }

  /** A check: its id, its level, the baseline checks it replaces at restricted, and what it looks at. */
  private record Control(String id, Level level, Set<String> overrides, Rule rule) {}

  /** Reports each violation by its field and message. */
  @FunctionalInterface
  private interface Rule {
    void check(Pod pod, BiConsumer<String, String> report);
  }

  private record Pod(JsonNode metadata, JsonNode spec) {

    JsonNode context() {
      return spec.path("securityContext");
    }

    /** Init containers, then containers, then ephemeral containers, as the library visits them. */
    List<Container> containers() {
      List<Container> containers = new ArrayList<>();
      for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
        for (JsonNode container : spec.path(list)) {
          String name = text(container.path("name"));
          containers.add(new Container(name, "spec." + list + "[" + name + "]", container));
        }
      }
      return containers;
    }

    boolean windows() {
      return text(spec.path("os").path("name")).equals("windows");
    }

    /** In a user namespace ({@code hostUsers: false}), where some checks relax. */
    boolean userNamespace() {
      JsonNode hostUsers = spec.path("hostUsers");
      return hostUsers.isBoolean() && !hostUsers.booleanValue();
    }
  }

  private record Container(String name, String path, JsonNode node) {

    JsonNode context() {
      return node.path("securityContext");
    }

    String field(String suffix) {
      return path + "." + suffix;
    }

    /** How the library names it in a message: {@code container "notebook"}. */
    String named() {
      return "container " + quote(name);
    }
  }

  // Baseline

  private static void appArmorProfile(Pod pod, BiConsumer<String, String> report) {
    JsonNode podProfile = pod.context().path("appArmorProfile");
    if (present(podProfile) && !PROFILE_TYPES.contains(text(podProfile.path("type")))) {
      report.accept("spec.securityContext.appArmorProfile.type",
          "pod must not set AppArmor profile type to " + quote(text(podProfile.path("type"))));
    }
    for (Container c : pod.containers()) {
      JsonNode profile = c.context().path("appArmorProfile");
      if (present(profile) && !PROFILE_TYPES.contains(text(profile.path("type")))) {
        report.accept(c.field("securityContext.appArmorProfile.type"),
            c.named() + " must not set AppArmor profile type to " + quote(text(profile.path("type"))));
      }
    }
    Map<String, String> annotations = new TreeMap<>();
    pod.metadata().path("annotations").properties().forEach(e -> annotations.put(e.getKey(), text(e.getValue())));
    annotations.forEach((key, value) -> {
      boolean allowed = value.isEmpty() || value.equals("runtime/default") || value.startsWith("localhost/");
      if (key.startsWith(APPARMOR_ANNOTATION) && !allowed) {
        report.accept("metadata.annotations[" + key + "]",
            "annotation must not set AppArmor profile type to " + key + "=" + quote(value));
      }
    });
  }

  private static void capabilitiesBaseline(Pod pod, BiConsumer<String, String> report) {
    for (Container c : pod.containers()) {
      SortedSet<String> added = new TreeSet<>();
      c.context().path("capabilities").path("add").forEach(cap -> added.add(text(cap)));
      added.removeAll(DEFAULT_CAPABILITIES);
      if (!added.isEmpty()) {
        report.accept(c.field("securityContext.capabilities.add"),
            c.named() + " must not include " + joinQuote(added) + " in securityContext.capabilities.add");
      }
    }
  }

  private static void hostNamespaces(Pod pod, BiConsumer<String, String> report) {
    for (String namespace : List.of("hostNetwork", "hostPID", "hostIPC")) {
      if (isTrue(pod.spec().path(namespace))) {
        report.accept("spec." + namespace, "host namespaces (" + namespace + "=true)");
      }
    }
  }

  private static void hostPathVolumes(Pod pod, BiConsumer<String, String> report) {
    for (JsonNode volume : pod.spec().path("volumes")) {
      if (present(volume.path("hostPath"))) {
        String name = text(volume.path("name"));
        report.accept("spec.volumes[" + name + "].hostPath", "hostPath volumes (volume " + quote(name) + ")");
      }
    }
  }

  private static void hostPorts(Pod pod, BiConsumer<String, String> report) {
    for (Container c : pod.containers()) {
      JsonNode ports = c.node().path("ports");
      for (int i = 0; i < ports.size(); i++) {
        JsonNode hostPort = ports.get(i).path("hostPort");
        if (hostPort.isNumber() && hostPort.longValue() != 0) {
          report.accept(c.field("ports[" + i + "].hostPort"), c.named() + " uses hostPort " + hostPort.asText());
        }
      }
    }
  }

  private static void hostProbesAndHostLifecycle(Pod pod, BiConsumer<String, String> report) {
    for (Container c : pod.containers()) {
      for (String probe : PROBES) {
        hostOf(c, probe, c.node().path(probe), report);
      }
      for (String handler : LIFECYCLE_HANDLERS) {
        hostOf(c, "lifecycle." + handler, c.node().path("lifecycle").path(handler), report);
      }
    }
  }

  /** The {@code host} of a probe's or handler's {@code httpGet} and {@code tcpSocket}, which must be empty. */
  private static void hostOf(Container c, String path, JsonNode handler, BiConsumer<String, String> report) {
    for (String action : List.of("httpGet", "tcpSocket")) {
      String host = text(handler.path(action).path("host"));
      if (!host.isEmpty()) {
        report.accept(c.field(path + "." + action + ".host"), c.named() + " uses probe or lifecycle host " + quote(host));
      }
    }
  }

  private static void privileged(Pod pod, BiConsumer<String, String> report) {
    for (Container c : pod.containers()) {
      if (isTrue(c.context().path("privileged"))) {
        report.accept(c.field("securityContext.privileged"),
            c.named() + " must not set securityContext.privileged=true");
      }
    }
  }

  private static void procMountBaseline(Pod pod, BiConsumer<String, String> report) {
    if (!pod.userNamespace()) {
      procMountRestricted(pod, report);
    }
  }

  private static void seLinuxOptions(Pod pod, BiConsumer<String, String> report) {
    seLinuxOptionsOf("pod", "spec.securityContext.seLinuxOptions", pod.context(), report);
    for (Container c : pod.containers()) {
      seLinuxOptionsOf(c.named(), c.field("securityContext.seLinuxOptions"), c.context(), report);
    }
  }

  private static void seLinuxOptionsOf(String setter, String field, JsonNode context, BiConsumer<String, String> report) {
    JsonNode options = context.path("seLinuxOptions");
    if (!present(options)) {
      return;
    }
    List<String> bad = new ArrayList<>();
    String type = text(options.path("type"));
    if (!SELINUX_TYPES.contains(type)) {
      bad.add("type " + quote(type));
    }
    if (!text(options.path("user")).isEmpty()) {
      bad.add("user may not be set");
    }
    if (!text(options.path("role")).isEmpty()) {
      bad.add("role may not be set");
    }
    if (!bad.isEmpty()) {
      report.accept(field, setter + " set forbidden securityContext.seLinuxOptions: " + String.join("; ", bad));
    }
  }

  private static void seccompProfileBaseline(Pod pod, BiConsumer<String, String> report) {
    JsonNode podProfile = pod.context().path("seccompProfile");
    if (present(podProfile) && !PROFILE_TYPES.contains(text(podProfile.path("type")))) {
      report.accept("spec.securityContext.seccompProfile.type", seccompForbidden("pod", podProfile));
    }
    for (Container c : pod.containers()) {
      JsonNode profile = c.context().path("seccompProfile");
      if (present(profile) && !PROFILE_TYPES.contains(text(profile.path("type")))) {
        report.accept(c.field("securityContext.seccompProfile.type"), seccompForbidden(c.named(), profile));
      }
    }
  }

  private static String seccompForbidden(String setter, JsonNode profile) {
    return setter + " must not set securityContext.seccompProfile.type to " + quote(text(profile.path("type")));
  }

  private static void sysctls(Pod pod, BiConsumer<String, String> report) {
    for (JsonNode sysctl : pod.context().path("sysctls")) {
      String name = text(sysctl.path("name"));
      if (!SYSCTLS.contains(name)) {
        report.accept("spec.securityContext.sysctls[" + name + "]", "forbidden sysctls (" + name + ")");
      }
    }
  }

  private static void windowsHostProcess(Pod pod, BiConsumer<String, String> report) {
    if (isTrue(pod.context().path("windowsOptions").path("hostProcess"))) {
      report.accept("spec.securityContext.windowsOptions.hostProcess",
          "pod must not set securityContext.windowsOptions.hostProcess=true");
    }
    for (Container c : pod.containers()) {
      if (isTrue(c.context().path("windowsOptions").path("hostProcess"))) {
        report.accept(c.field("securityContext.windowsOptions.hostProcess"),
            c.named() + " must not set securityContext.windowsOptions.hostProcess=true");
      }
    }
  }

  // Restricted

  private static void allowPrivilegeEscalation(Pod pod, BiConsumer<String, String> report) {
    if (pod.windows()) {
      return;
    }
    for (Container c : pod.containers()) {
      JsonNode allow = c.context().path("allowPrivilegeEscalation");
      if (!allow.isBoolean() || allow.booleanValue()) {
        report.accept(c.field("securityContext.allowPrivilegeEscalation"),
            c.named() + " must set securityContext.allowPrivilegeEscalation=false");
      }
    }
  }

  private static void capabilitiesRestricted(Pod pod, BiConsumer<String, String> report) {
    if (pod.windows()) {
      return;
    }
    for (Container c : pod.containers()) {
      JsonNode capabilities = c.context().path("capabilities");
      boolean droppedAll = false;
      for (JsonNode cap : capabilities.path("drop")) {
        droppedAll |= text(cap).equals("ALL");
      }
      if (!droppedAll) {
        report.accept(c.field("securityContext.capabilities.drop"),
            c.named() + " must set securityContext.capabilities.drop=[\"ALL\"]");
      }
      SortedSet<String> added = new TreeSet<>();
      capabilities.path("add").forEach(cap -> added.add(text(cap)));
      added.remove("NET_BIND_SERVICE");
      if (!added.isEmpty()) {
        report.accept(c.field("securityContext.capabilities.add"),
            c.named() + " must not include " + joinQuote(added) + " in securityContext.capabilities.add");
      }
    }
  }

  private static void procMountRestricted(Pod pod, BiConsumer<String, String> report) {
    for (Container c : pod.containers()) {
      JsonNode procMount = c.context().path("procMount");
      if (present(procMount) && !text(procMount).equals("Default")) {
        report.accept(c.field("securityContext.procMount"),
            c.named() + " must not set securityContext.procMount to " + quote(text(procMount)));
      }
    }
  }

  private static void restrictedVolumes(Pod pod, BiConsumer<String, String> report) {
    for (JsonNode volume : pod.spec().path("volumes")) {
      if (RESTRICTED_ALLOWED_VOLUMES.stream().anyMatch(source -> present(volume.path(source)))) {
        continue;
      }
      String name = text(volume.path("name"));
      Optional<String> type = RESTRICTED_VOLUMES.stream().filter(source -> present(volume.path(source))).findFirst();
      report.accept("spec.volumes[" + name + "]" + type.map(t -> "." + t).orElse(""),
          "volume " + quote(name) + " uses restricted volume type " + quote(type.orElse("unknown")));
    }
  }

  private static void runAsNonRoot(Pod pod, BiConsumer<String, String> report) {
    if (pod.userNamespace()) {
      return;
    }
    JsonNode podNonRoot = pod.context().path("runAsNonRoot");
    if (podNonRoot.isBoolean() && !podNonRoot.booleanValue()) {
      report.accept("spec.securityContext.runAsNonRoot", "pod must not set securityContext.runAsNonRoot=false");
    }
    boolean inherited = isTrue(podNonRoot);
    for (Container c : pod.containers()) {
      JsonNode nonRoot = c.context().path("runAsNonRoot");
      String field = c.field("securityContext.runAsNonRoot");
      if (nonRoot.isBoolean() && !nonRoot.booleanValue()) {
        report.accept(field, c.named() + " must not set securityContext.runAsNonRoot=false");
      } else if (!nonRoot.isBoolean() && !inherited) {
        report.accept(field, "pod or " + c.named() + " must set securityContext.runAsNonRoot=true");
      }
    }
  }

  private static void runAsUser(Pod pod, BiConsumer<String, String> report) {
    if (pod.userNamespace()) {
      return;
    }
    if (isRoot(pod.context().path("runAsUser"))) {
      report.accept("spec.securityContext.runAsUser", "pod must not set runAsUser=0");
    }
    for (Container c : pod.containers()) {
      if (isRoot(c.context().path("runAsUser"))) {
        report.accept(c.field("securityContext.runAsUser"), c.named() + " must not set runAsUser=0");
      }
    }
  }

  private static void seccompProfileRestricted(Pod pod, BiConsumer<String, String> report) {
    if (pod.windows()) {
      return;
    }
    seccompProfileBaseline(pod, report);
    JsonNode podProfile = pod.context().path("seccompProfile");
    if (present(podProfile) && PROFILE_TYPES.contains(text(podProfile.path("type")))) {
      return;
    }
    for (Container c : pod.containers()) {
      if (!present(c.context().path("seccompProfile"))) {
        report.accept(c.field("securityContext.seccompProfile.type"),
            "pod or " + c.named() + " must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"");
      }
    }
  }

  // JSON as the Go types read it: null is unset, and an unset string is empty

  private static JsonNode orMissing(JsonNode node) {
    return Objects.requireNonNullElse(node, MissingNode.getInstance());
  }

  private static boolean present(JsonNode node) {
    return !node.isMissingNode() && !node.isNull();
  }

  private static String text(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? node.asText() : "";
  }

  private static boolean isTrue(JsonNode node) {
    return node.isBoolean() && node.booleanValue();
  }

  private static boolean isRoot(JsonNode uid) {
    return uid.isIntegralNumber() && uid.longValue() == 0;
  }

  private static String quote(String value) {
    return "\"" + value + "\"";
  }

  private static String joinQuote(SortedSet<String> values) {
    return values.stream().map(PodSecurity::quote).collect(Collectors.joining(", "));
  }
}
