package dev.maia.core.verify.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.verify.admission.AdmissionPolicy.Decision;
import dev.maia.core.verify.admission.AdmissionPolicy.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Does a cluster's GPU booking policy decide right on the pods the project hubs create? The
 * cluster's ValidatingAdmissionPolicies, their bindings and the params ConfigMaps (its {@code
 * gpu-policy.yaml}) and its project Namespaces are evaluated as the API server would
 * ({@link AdmissionPolicy}) on the pods KubeSpawner makes from each workspace's profiles
 * ({@link UserPods}), and every pod the policies admit that they should refuse, or refuse that they
 * should admit, is a finding.
 *
 * <p>For each announced booking of a workspace ({@code custom.maia.gpuBookings}), its user's pod
 * with the booked profile, requested by the project's hub ({@code system:serviceaccount:<namespace>:hub}):
 *
 * <ul>
 *   <li>is admitted when created a minute after the start, and now when the booking is active now
 *       (and the hub would still start it: more than its one-minute margin before the end);
 *   <li>is refused when created a second before the start, and at the end;
 *   <li>is refused when requested by another identity: the namespace's {@code default} service
 *       account, the service account of the user's own server, the user themselves, the hub of
 *       another project namespace of the cluster;
 *   <li>is refused in another project namespace of the cluster, requested by that namespace's hub
 *       (a user's bookings never overlap, so they have none there at the time);
 *   <li>is refused when it selects another GPU product (each other product the cluster's params and
 *       profiles name, and one that does not exist), asks for one GPU more than booked, has no
 *       {@code activeDeadlineSeconds}, or a deadline that runs one second past the end;
 *   <li>is refused for another user of the project who has no booking at the time (a made-up one
 *       when every other user has).
 * </ul>
 *
 * <p>Every profile of the profile list (CPU, the opportunistic GPU profile) is admitted for a user
 * of the project, created now and requested by the hub; a GPU profile's pod that selects another
 * product than the profile's (each other product, as above) is refused.
 *
 * <p>The policies are compiled once, when the BookingAdmission is made, and the workspaces are
 * checked in parallel: a cluster may hold a thousand projects. A cluster whose objects hold no ValidatingAdmissionPolicy (no
 * GPUs, or Kueue mode, where Kueue decides) has nothing to check.
 */
public final class BookingAdmission {

  /** The service account of a project's JupyterHub, which creates the user pods. */
  public static final String HUB_ACCOUNT = "hub";
  /** The label of a MAIA project namespace. */
  static final String PROJECT_LABEL = "maia.dev/project";
  static final String PRODUCT_LABEL = "nvidia.com/gpu.product";
  static final String GPU = "nvidia.com/gpu";
  /** A GPU product no cluster has. */
  static final String NO_SUCH_PRODUCT = "NVIDIA-NO-SUCH-PRODUCT";
  private static final Duration AFTER_START = Duration.ofMinutes(1);
  /** The hub's margin: it writes a deadline a minute before the end, and starts nothing closer to it. */
  private static final Duration HUB_MARGIN = Duration.ofSeconds(60);

  /**
   * A pod the policies decide wrongly, in {@code project}; {@code bookingId} names the booking it
   * is about, or is empty for a profile of the profile list (the project's GPU settings).
   */
  public record Finding(String project, String bookingId, String message) {}

  /**
   * A project's workspace on the cluster: the project, its namespace, the pods its hub creates,
   * and the project's users.
   */
  public record Workspace(String project, String namespace, UserPods pods, List<String> users) {

    public Workspace {
      users = List.copyOf(users);
    }
  }

  /** A pod to create, who asks, and whether the policies should admit it. */
  private record Case(String project, String bookingId, String what, String user, String profile, JsonNode pod,
      String namespace, String requester, boolean admit) {}

  /** A case of one booking. */
  private interface CaseOf {
    Case of(String what, String user, JsonNode pod, String namespace, String requester, boolean admit);
  }

  private final List<AdmissionPolicy> policies = new ArrayList<>();
  private final List<JsonNode> bindings = new ArrayList<>();
  private final AdmissionPolicy.Params params;
  private final Map<String, JsonNode> namespaces = new TreeMap<>();
  private final Set<String> projectNamespaces = new TreeSet<>();
  private final Set<String> products = new TreeSet<>();

  /**
   * @param objects the cluster's generated objects: those of its {@code gpu-policy.yaml} (the
   *     policies, bindings and params ConfigMaps) and the Namespaces of its projects; others are
   *     ignored
   */
  public BookingAdmission(Collection<JsonNode> objects) {
    List<JsonNode> configMaps = new ArrayList<>();
    for (JsonNode object : objects) {
      JsonNode metadata = object.path("metadata");
      switch (object.path("kind").asText()) {
        case "ValidatingAdmissionPolicy" -> policies.add(new AdmissionPolicy(object));
        case "ValidatingAdmissionPolicyBinding" -> bindings.add(object);
        case "ConfigMap" -> {
          configMaps.add(object);
          object.path("data").properties().forEach(e -> {
            if (e.getKey().endsWith(".product")) {
              products.add(e.getValue().asText());
            }
          });
        }
        case "Namespace" -> {
          String name = metadata.path("name").asText();
          namespaces.put(name, object);
          if (metadata.path("labels").has(PROJECT_LABEL)) {
            projectNamespaces.add(name);
          }
        }
        default -> {}
      }
    }
    this.params = new AdmissionPolicy.Params(configMaps);
  }

  /** The pods of {@code workspaces} the policies decide wrongly, with {@code now} the time the tree is for. */
  public List<Finding> check(List<Workspace> workspaces, Instant now) {
    if (policies.isEmpty()) {
      return List.of();
    }
    Set<String> clusterProducts = new TreeSet<>(products);
    Set<String> inProjects = new TreeSet<>(projectNamespaces);
    for (Workspace workspace : workspaces) {
      inProjects.add(workspace.namespace());
      workspace.pods().profiles().forEach(p -> product(p).ifPresent(clusterProducts::add));
      workspace.pods().bookings().forEach(b -> product(b.profile()).ifPresent(clusterProducts::add));
    }
    List<String> others = List.copyOf(inProjects);
    return workspaces.parallelStream()
        .flatMap(workspace -> cases(workspace, now, clusterProducts, others).stream())
        .map(this::judge)
        .flatMap(Optional::stream)
        .toList();
  }

  private List<Case> cases(Workspace workspace, Instant now, Set<String> clusterProducts, List<String> namespaces) {
    String ns = workspace.namespace();
    String hub = account(ns, HUB_ACCOUNT);
    Optional<String> other = next(namespaces, ns);
    List<Case> cases = new ArrayList<>();
    UserPods pods = workspace.pods();
    for (UserPods.Booking booking : pods.bookings()) {
      String id = booking.id();
      String user = booking.user();
      String slug = slug(booking.profile());
      CaseOf make = (what, who, pod, namespace, requester, admit) ->
          new Case(workspace.project(), id, "booking '" + id + "': " + what, who, slug, pod, namespace, requester, admit);
      Instant inside = booking.start().plus(AFTER_START);
      List<Instant> admitted = new ArrayList<>();
      if (spawns(inside, booking)) {
        admitted.add(inside);
      }
      if (!booking.start().isAfter(now) && now.isBefore(booking.end()) && spawns(now, booking) && !now.equals(inside)) {
        admitted.add(now);
      }
      for (Instant at : admitted) {
        cases.add(make.of("its user's booked pod inside the booking", user, pods.pod(user, booking.profile(), at), ns, hub, true));
      }
      cases.add(make.of("its user's booked pod before the start", user,
          pods.pod(user, booking.profile(), booking.start().minusSeconds(1)), ns, hub, false));
      cases.add(make.of("its user's booked pod at the end", user, pods.pod(user, booking.profile(), booking.end()), ns, hub, false));
      if (admitted.isEmpty()) {
        continue;
      }
      Instant at = admitted.get(0);
      ObjectNode pod = pods.pod(user, booking.profile(), at);
      cases.add(make.of("its user's booked pod requested by another service account than the project's hub", user, pod, ns,
          account(ns, "default"), false));
      String own = pod.path("spec").path("serviceAccountName").asText("");
      if (!own.isEmpty() && !own.equals(HUB_ACCOUNT) && !own.equals("default")) {
        cases.add(make.of("its user's booked pod requested by the service account of the user's own server", user, pod, ns,
            account(ns, own), false));
      }
      cases.add(make.of("its user's booked pod requested by the user", user, pod, ns, user, false));
      if (other.isPresent()) {
        cases.add(make.of("its user's booked pod requested by the hub of project namespace " + other.get(), user, pod, ns,
            account(other.get(), HUB_ACCOUNT), false));
        ObjectNode moved = pod.deepCopy();
        ((ObjectNode) moved.path("metadata")).put("namespace", other.get());
        cases.add(make.of("its user's booked pod in project namespace " + other.get(), user, moved, other.get(),
            account(other.get(), HUB_ACCOUNT), false));
      }
      String booked = product(booking.profile()).orElse("");
      for (String product : otherProducts(clusterProducts, booked)) {
        ObjectNode elsewhere = pod.deepCopy();
        elsewhere.withObject("/spec/nodeSelector").put(PRODUCT_LABEL, product);
        cases.add(make.of("its user's booked pod selecting " + product + " instead of the booked " + booked, user, elsewhere, ns,
            hub, false));
      }
      Optional<ObjectNode> moreGpus = moreGpus(pod);
      moreGpus.ifPresent(p -> cases.add(make.of("its user's booked pod asking for one GPU more than booked", user, p, ns, hub, false)));
      ObjectNode noDeadline = pod.deepCopy();
      ((ObjectNode) noDeadline.path("spec")).remove("activeDeadlineSeconds");
      cases.add(make.of("its user's booked pod without activeDeadlineSeconds", user, noDeadline, ns, hub, false));
      ObjectNode pastEnd = pod.deepCopy();
      ((ObjectNode) pastEnd.path("spec")).put("activeDeadlineSeconds", Duration.between(at, booking.end()).getSeconds() + 1);
      cases.add(make.of("its user's booked pod whose activeDeadlineSeconds runs one second past the end", user, pastEnd, ns, hub,
          false));
      String stranger = anotherUser(workspace, booking, at);
      cases.add(make.of("the booked profile for another user of the project, " + stranger, stranger,
          pods.pod(stranger, booking.profile(), at), ns, hub, false));
    }
    String member = workspace.users().isEmpty()
        ? pods.bookings().stream().map(UserPods.Booking::user).findFirst().orElse("user@example.org")
        : workspace.users().get(0);
    for (JsonNode profile : pods.profiles()) {
      JsonNode pod = pods.pod(member, profile, now);
      cases.add(new Case(workspace.project(), "", "profile '" + slug(profile) + "' for a user of the project", member, slug(profile),
          pod, ns, hub, true));
      Optional<String> product = product(profile);
      if (product.isEmpty()) {
        continue;
      }
      for (String selected : otherProducts(clusterProducts, product.get())) {
        ObjectNode elsewhere = pod.deepCopy();
        elsewhere.withObject("/spec/nodeSelector").put(PRODUCT_LABEL, selected);
        cases.add(new Case(workspace.project(), "", "profile '" + slug(profile) + "' selecting " + selected + " instead of the project's "
            + product.get(), member, slug(profile), elsewhere, ns, hub, false));
      }
    }
    return cases;
  }

  /** Each product of the cluster but {@code product}, and one that does not exist. */
  private static List<String> otherProducts(Set<String> clusterProducts, String product) {
    List<String> others = new ArrayList<>(clusterProducts);
    others.add(NO_SUCH_PRODUCT);
    others.remove(product);
    return others;
  }

  /** The finding, when the policies decide {@code c} wrongly. */
  private Optional<Finding> judge(Case c) {
    Request request = new Request(c.pod(), namespace(c.namespace()), c.requester());
    boolean matched = false;
    List<String> messages = new ArrayList<>();
    for (AdmissionPolicy policy : policies) {
      Decision decision = policy.admit(request, bindings, params);
      matched |= decision.matched();
      messages.addAll(decision.messages());
    }
    boolean admitted = messages.isEmpty();
    if (admitted == c.admit()) {
      return Optional.empty();
    }
    String pod = "the pod of " + c.user() + " with profile '" + c.profile() + "', created at "
        + c.pod().path("metadata").path("creationTimestamp").asText() + " in namespace " + c.namespace() + " by " + c.requester();
    String message = admitted
        ? c.what() + " should be refused, but the admission policies admit it" + (matched ? "" : " (none applies to it)") + ": " + pod
        : c.what() + " should be admitted, but is refused: " + pod + ": " + String.join("; ", messages);
    return Optional.of(new Finding(c.project(), c.bookingId(), message));
  }

  private JsonNode namespace(String name) {
    JsonNode namespace = namespaces.get(name);
    if (namespace != null) {
      return namespace;
    }
    ObjectNode bare = JsonNodeFactory.instance.objectNode();
    bare.put("apiVersion", "v1");
    bare.put("kind", "Namespace");
    bare.putObject("metadata").put("name", name);
    return bare;
  }

  /** Whether the hub starts the booked profile at {@code at}: it must leave a deadline of a second or more. */
  private static boolean spawns(Instant at, UserPods.Booking booking) {
    return Duration.between(at, booking.end()).minus(HUB_MARGIN).getSeconds() >= 1;
  }

  /** The first other user of the project without a booking of the workspace at {@code at}; a made-up one if none. */
  private static String anotherUser(Workspace workspace, UserPods.Booking booking, Instant at) {
    for (String user : workspace.users()) {
      boolean booked = workspace.pods().bookings().stream()
          .anyMatch(b -> b.user().equalsIgnoreCase(user) && !b.start().isAfter(at) && at.isBefore(b.end()));
      if (!user.equalsIgnoreCase(booking.user()) && !booked) {
        return user;
      }
    }
    return "not." + booking.user();
  }

  /** The booked pod with one GPU more in the container that asks for them. */
  private static Optional<ObjectNode> moreGpus(ObjectNode pod) {
    ObjectNode more = pod.deepCopy();
    for (JsonNode container : more.path("spec").path("containers")) {
      JsonNode limits = container.path("resources").path("limits");
      if (limits.has(GPU)) {
        ((ObjectNode) limits).put(GPU, String.valueOf(Long.parseLong(limits.path(GPU).asText("0")) + 1));
        return Optional.of(more);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> next(List<String> namespaces, String ns) {
    int at = namespaces.indexOf(ns);
    for (int i = 1; i < namespaces.size(); i++) {
      String candidate = namespaces.get(Math.floorMod(at + i, namespaces.size()));
      if (!candidate.equals(ns)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> product(JsonNode profile) {
    JsonNode product = profile.path("kubespawner_override").path("node_selector").path(PRODUCT_LABEL);
    return product.isTextual() ? Optional.of(product.asText()) : Optional.empty();
  }

  private static String slug(JsonNode profile) {
    return profile.path("slug").asText(profile.path("display_name").asText(""));
  }

  private static String account(String namespace, String name) {
    return "system:serviceaccount:" + namespace + ":" + name;
  }
}
