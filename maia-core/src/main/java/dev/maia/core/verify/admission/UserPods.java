package dev.maia.core.verify.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pods JupyterHub's KubeSpawner creates for a workspace, built from the chart's merged values
 * (the {@code values.yaml} the zero-to-jupyterhub chart keeps in its hub Secret) the way the
 * chart's {@code jupyterhub_config.py} hands them to KubeSpawner: image, CPU and memory guarantee
 * and limit, extra resource limits, user and group, privilege escalation, service account, labels
 * (common, extra with {@code {username}} expanded, {@code component: singleuser-server}), the
 * {@code notebook-port} 8888, the cloud-metadata init container when the chart adds it, the home
 * extraEnv, the extra volumes and their mounts ({@code singleuser.storage.extraVolumes} and
 * {@code extraVolumeMounts}, with {@code {username}} expanded), and a profile's {@code
 * kubespawner_override}. A booked profile also gets what MAIA's hub hook sets: {@code
 * activeDeadlineSeconds} up to a minute before the booking ends.
 */
public final class UserPods {

  /** The container port of a user server, as KubeSpawner names it. */
  public static final int NOTEBOOK_PORT = 8888;
  /** The annotation KubeSpawner puts the (unescaped) user name in. */
  public static final String USERNAME_ANNOTATION = "hub.jupyter.org/username";
  private static final Duration DEADLINE_MARGIN = Duration.ofSeconds(60);

  private final JsonNode values;
  private final String namespace;
  private final String release;

  /**
   * @param values the workspace chart's merged values
   * @param namespace the project namespace
   * @param release the Helm release (the Application's release name)
   */
  public UserPods(JsonNode values, String namespace, String release) {
    this.values = values;
    this.namespace = namespace;
    this.release = release;
  }

  /** The profiles every user sees ({@code singleuser.profileList}); empty when there is no list. */
  public List<JsonNode> profiles() {
    List<JsonNode> profiles = new ArrayList<>();
    values.path("singleuser").path("profileList").forEach(profiles::add);
    return profiles;
  }

  /** The announced bookings ({@code custom.maia.gpuBookings}), each with its booked profile. */
  public List<Booking> bookings() {
    List<Booking> bookings = new ArrayList<>();
    for (JsonNode b : values.path("custom").path("maia").path("gpuBookings")) {
      bookings.add(new Booking(b.path("id").asText(), b.path("user").asText(), Instant.parse(b.path("start").asText()),
          Instant.parse(b.path("end").asText()), b.path("profile")));
    }
    return bookings;
  }

  /** A booking the hub offers its user, with the profile it shows them while it is active. */
  public record Booking(String id, String user, Instant start, Instant end, JsonNode profile) {}

  /** How many user servers may run at once: {@code hub.activeServerLimit}, when set. */
  public Optional<Integer> activeServerLimit() {
    JsonNode limit = values.path("hub").path("activeServerLimit");
    return limit.canConvertToInt() && limit.asInt() > 0 ? Optional.of(limit.asInt()) : Optional.empty();
  }

  /** The capacity of each user's home volume claim, when the chart makes one. */
  public Optional<String> homeCapacity() {
    JsonNode storage = values.path("singleuser").path("storage");
    return "dynamic".equals(storage.path("type").asText()) && storage.hasNonNull("capacity")
        ? Optional.of(storage.path("capacity").asText())
        : Optional.empty();
  }

  /** The pod of {@code username} with the default profile (the first marked default, else the first). */
  public ObjectNode pod(String username, Instant created) {
    List<JsonNode> profiles = profiles();
    JsonNode chosen = profiles.stream().filter(p -> p.path("default").asBoolean()).findFirst()
        .orElse(profiles.isEmpty() ? JsonNodeFactory.instance.objectNode() : profiles.get(0));
    return pod(username, chosen, created);
  }

  /**
   * The pod of {@code username} with {@code profile} (a profile list entry), created at {@code
   * created}. A booked profile ({@code maia.dev/booking} among its annotations) gets the deadline
   * of the booking it names, as the hub sets it at {@code created}.
   */
  public ObjectNode pod(String username, JsonNode profile, Instant created) {
    JsonNode user = values.path("singleuser");
    JsonNode override = profile.path("kubespawner_override");
    String slug = slug(username);
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode pod = f.objectNode();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    ObjectNode metadata = pod.putObject("metadata");
    metadata.put("name", "jupyter-" + slug);
    metadata.put("namespace", namespace);
    metadata.put("creationTimestamp", created.toString());
    ObjectNode labels = metadata.putObject("labels");
    labels.put("app", values.path("nameOverride").asText("jupyterhub").isEmpty() ? "jupyterhub" : values.path("nameOverride").asText("jupyterhub"));
    labels.put("app.kubernetes.io/name", labels.path("app").asText());
    labels.put("heritage", "jupyterhub");
    labels.put("release", release);
    labels.put("app.kubernetes.io/instance", release);
    labels.put("app.kubernetes.io/managed-by", "kubespawner");
    labels.put("component", "singleuser-server");
    labels.put("hub.jupyter.org/username", slug);
    labels.put("hub.jupyter.org/servername", "");
    expand(user.path("extraLabels"), slug, labels);
    expand(override.path("extra_labels"), slug, labels);
    ObjectNode annotations = metadata.putObject("annotations");
    annotations.put(USERNAME_ANNOTATION, username);
    annotations.put("hub.jupyter.org/servername", "");
    expand(user.path("extraAnnotations"), slug, annotations);
    expand(override.path("extra_annotations"), slug, annotations);

    ObjectNode spec = pod.putObject("spec");
    String serviceAccount = text(override, "service_account", user.path("serviceAccountName").asText(""));
    if (!serviceAccount.isEmpty()) {
      spec.put("serviceAccountName", serviceAccount);
    }
    String priority = text(override, "priority_class_name", "");
    if (!priority.isEmpty()) {
      spec.put("priorityClassName", priority);
    }
    ObjectNode selector = f.objectNode();
    expand(user.path("nodeSelector"), slug, selector);
    expand(override.path("node_selector"), slug, selector);
    if (!selector.isEmpty()) {
      spec.set("nodeSelector", selector);
    }
    JsonNode fsGid = override.has("fs_gid") ? override.path("fs_gid") : user.path("fsGid");
    if (fsGid.isNumber()) {
      spec.putObject("securityContext").put("fsGroup", fsGid.asLong());
    }
    ArrayNode inits = spec.putArray("initContainers");
    if (user.path("cloudMetadata").path("blockWithIptables").asBoolean(false)) {
      ObjectNode block = inits.addObject();
      block.put("name", "block-cloud-metadata");
      block.put("image", user.path("networkTools").path("image").path("name").asText() + ":"
          + user.path("networkTools").path("image").path("tag").asText());
      ObjectNode context = block.putObject("securityContext");
      context.put("privileged", true);
      context.put("runAsUser", 0);
      context.putObject("capabilities").putArray("add").add("NET_ADMIN");
      if (user.path("networkTools").path("resources").isObject()) {
        block.set("resources", user.path("networkTools").path("resources"));
      }
    }
    user.path("initContainers").forEach(c -> inits.add(c.deepCopy()));
    override.path("init_containers").forEach(c -> inits.add(c.deepCopy()));
    if (inits.isEmpty()) {
      spec.remove("initContainers");
    }
    ArrayNode containers = spec.putArray("containers");
    ObjectNode notebook = containers.addObject();
    notebook.put("name", "notebook");
    notebook.put("image", text(override, "image", user.path("image").path("name").asText() + ":" + user.path("image").path("tag").asText()));
    notebook.putArray("ports").addObject().put("name", "notebook-port").put("containerPort", NOTEBOOK_PORT).put("protocol", "TCP");
    ArrayNode env = f.arrayNode();
    environment(user.path("extraEnv"), env);
    environment(override.path("environment"), env);
    if (!env.isEmpty()) {
      notebook.set("env", env);
    }
    ObjectNode resources = notebook.putObject("resources");
    ObjectNode requests = f.objectNode();
    ObjectNode limits = f.objectNode();
    quantity(requests, "cpu", pick(override, "cpu_guarantee", user.path("cpu").path("guarantee")));
    quantity(limits, "cpu", pick(override, "cpu_limit", user.path("cpu").path("limit")));
    quantity(requests, "memory", pick(override, "mem_guarantee", user.path("memory").path("guarantee")));
    quantity(limits, "memory", pick(override, "mem_limit", user.path("memory").path("limit")));
    extra(requests, pick(override, "extra_resource_guarantees", user.path("extraResource").path("guarantees")));
    extra(limits, pick(override, "extra_resource_limits", user.path("extraResource").path("limits")));
    if (!requests.isEmpty()) {
      resources.set("requests", requests);
    }
    if (!limits.isEmpty()) {
      resources.set("limits", limits);
    }
    ObjectNode context = notebook.putObject("securityContext");
    JsonNode uid = override.has("uid") ? override.path("uid") : user.path("uid");
    if (uid.isNumber()) {
      context.put("runAsUser", uid.asLong());
    }
    JsonNode escalation = override.has("allow_privilege_escalation")
        ? override.path("allow_privilege_escalation") : user.path("allowPrivilegeEscalation");
    if (escalation.isBoolean()) {
      context.put("allowPrivilegeEscalation", escalation.asBoolean());
    }
    ArrayNode volumes = expandedList(user.path("storage").path("extraVolumes"), slug);
    if (!volumes.isEmpty()) {
      spec.set("volumes", volumes);
    }
    ArrayNode mounts = expandedList(user.path("storage").path("extraVolumeMounts"), slug);
    if (!mounts.isEmpty()) {
      notebook.set("volumeMounts", mounts);
    }
    user.path("extraContainers").forEach(c -> containers.add(c.deepCopy()));
    override.path("extra_containers").forEach(c -> containers.add(c.deepCopy()));
    String booking = annotations.path("maia.dev/booking").asText("");
    if (!booking.isEmpty()) {
      bookings().stream().filter(b -> b.id().equals(booking)).findFirst().ifPresent(b -> {
        long seconds = Duration.between(created, b.end()).minus(DEADLINE_MARGIN).getSeconds();
        if (seconds >= 1) {
          spec.put("activeDeadlineSeconds", seconds);
        }
      });
    }
    return pod;
  }

  /**
   * The user name as KubeSpawner's {@code escape} slug scheme writes it into names and labels:
   * every byte that is not a lower-case letter or digit as {@code -xx}.
   */
  static String slug(String username) {
    StringBuilder slug = new StringBuilder();
    for (char c : username.toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        slug.append(c);
      } else {
        for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
          slug.append(String.format(Locale.ROOT, "-%02x", b & 0xff));
        }
      }
    }
    return slug.toString();
  }

  /** z2jh's {@code extraEnv}: a map of names to a value or a {@code valueFrom}, or a list of env entries. */
  private static void environment(JsonNode from, ArrayNode into) {
    if (from.isArray()) {
      from.forEach(e -> into.add(e.deepCopy()));
      return;
    }
    from.properties().forEach(e -> {
      ObjectNode entry = into.addObject().put("name", e.getKey());
      if (e.getValue().isObject()) {
        entry.setAll((ObjectNode) e.getValue().deepCopy());
      } else {
        entry.put("value", e.getValue().asText());
      }
    });
  }

  /**
   * z2jh's extra volumes or mounts, a list or a map of them (as the chart's config hands them to
   * KubeSpawner), with {@code {username}} expanded in every string, as KubeSpawner expands them.
   */
  private static ArrayNode expandedList(JsonNode from, String slug) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    (from.isObject() ? from.elements() : from.iterator()).forEachRemaining(item -> list.add(expanded(item, slug)));
    return list;
  }

  private static JsonNode expanded(JsonNode node, String slug) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (node.isTextual()) {
      return f.textNode(expand(node.asText(), slug));
    }
    if (node.isObject()) {
      ObjectNode copy = f.objectNode();
      node.properties().forEach(e -> copy.set(e.getKey(), expanded(e.getValue(), slug)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = f.arrayNode();
      node.forEach(item -> copy.add(expanded(item, slug)));
      return copy;
    }
    return node.deepCopy();
  }

  private static void expand(JsonNode from, String slug, ObjectNode into) {
    from.properties().forEach(e -> into.put(e.getKey(), expand(e.getValue().asText(), slug)));
  }

  /** {@code text} with KubeSpawner's {@code {username}} replaced by the user's slug. */
  private static String expand(String text, String slug) {
    return text.replace("{username}", slug);
  }

  private static String text(JsonNode override, String key, String otherwise) {
    return override.hasNonNull(key) ? override.path(key).asText() : otherwise;
  }

  private static JsonNode pick(JsonNode override, String key, JsonNode otherwise) {
    return override.has(key) ? override.path(key) : otherwise;
  }

  /** KubeSpawner writes a memory of {@code 1G} as is, and a CPU as a number of cores. */
  private static void quantity(ObjectNode into, String resource, JsonNode value) {
    if (value.isNumber() || (value.isTextual() && !value.asText().isEmpty())) {
      into.put(resource, value.asText());
    }
  }

  private static void extra(ObjectNode into, JsonNode values) {
    values.properties().forEach(e -> into.put(e.getKey(), e.getValue().asText()));
  }
}
