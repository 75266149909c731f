package dev.maia.core.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.model.Booking;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Project;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ValidatingAdmissionPolicies of the native GPU mode, and the params ConfigMap of each project.
 *
 * <p>{@value #POLICY} decides, for every pod created in a project namespace with a MAIA GPU
 * PriorityClass or a GPU limit:
 *
 * <ol>
 *   <li>a pod that asks for GPUs uses {@code maia-booked} or {@code maia-opportunistic};
 *   <li>a pod outside a booking asks for at most the project's {@code maxPerWorkspace} GPUs and
 *       selects the project's GPU product (the GPU quota counts GPUs, not products: without this a
 *       pod could take another product's GPUs, booked by somebody else, under the project's quota);
 *   <li>{@code maia-booked} is only for pods created by the project's JupyterHub, whose service
 *       account is {@code system:serviceaccount:<namespace>:hub} (labels and annotations can be
 *       written by anyone who creates pods, the requesting identity cannot);
 *   <li>the user (the {@code hub.jupyter.org/username} annotation KubeSpawner writes with the
 *       unescaped name; the label of that name is a slug) has a booking in the params that is
 *       active at the pod's creation;
 *   <li>the pod asks for no more than the booked GPUs and selects the booked product's nodes;
 *   <li>{@code activeDeadlineSeconds} is set and creation plus deadline is not after the end.
 * </ol>
 *
 * <p>The clock is {@code object.metadata.creationTimestamp}: on CREATE the API server fills it in
 * (with the UID) before the validating admission chain runs, and overwrites whatever a client
 * sent. Were it missing, the time of the request would be unknown, and a booked pod is refused:
 * the policy fails closed rather than trust a clock it cannot see.
 *
 * <p>Only the standard CEL library, optional types, the strings extension ({@code lowerAscii},
 * {@code substring}) and the Kubernetes list function {@code sum()} are used; no {@code
 * quantity()}: extended resources are whole numbers, which {@code int()} reads.
 */
final class BookingAdmissionPolicy {

  static final String POLICY = "maia-gpu-booking";
  static final String OUTSIDE_PROJECTS_POLICY = "maia-gpu-booked-in-projects-only";
  static final String API_VERSION = "admissionregistration.k8s.io/v1";
  /** The key of the params ConfigMap that holds the project's {@code maxPerWorkspace}. */
  static final String MAX_PER_WORKSPACE = "maxPerWorkspace";
  /** The key of the params ConfigMap that holds the project's GPU product. */
  static final String PRODUCT = "product";

  private static final String CONTAINERS = "(object.spec.containers + object.spec.?initContainers.orValue([]))";
  private static final String BOOKED_CLASS = "variables.priorityClass != '" + GpuPolicyRenderer.BOOKED + "' || ";

  /** The policy's matchConditions, name to expression: pods with a MAIA class or a GPU limit. */
  static final Map<String, String> MATCH_CONDITIONS =
      Map.of(
          "maia-class-or-gpus",
          "object.spec.?priorityClassName.orValue('') in ['" + GpuPolicyRenderer.BOOKED + "', '"
              + GpuPolicyRenderer.OPPORTUNISTIC + "'] || " + CONTAINERS
              + ".exists(c, c.?resources.?limits[?'" + GpuPolicyRenderer.GPU + "'].hasValue())");

  /** The policy's variables, in the order they are declared (later ones use earlier ones). */
  static final List<String[]> VARIABLES =
      List.of(
          new String[] {"priorityClass", "object.spec.?priorityClassName.orValue('')"},
          new String[] {
            "gpus",
            CONTAINERS + ".map(c, int(string(c.?resources.?limits[?'" + GpuPolicyRenderer.GPU + "'].orValue('0')))).sum()"
          },
          new String[] {"user", "object.metadata.?annotations[?'hub.jupyter.org/username'].orValue('').lowerAscii()"},
          new String[] {"fromHub", "request.userInfo.username == 'system:serviceaccount:' + request.namespace + ':hub'"},
          new String[] {"created", "object.metadata.?creationTimestamp.orValue('')"},
          new String[] {
            "bookings",
            "variables.user == '' ? [] : params.?data.orValue({}).filter(k, k.endsWith('.user')"
                + " && params.data[k].lowerAscii() == variables.user).map(k, k.substring(0, k.size() - 5))"
          },
          new String[] {
            "active",
            "variables.created == '' ? [] : variables.bookings.filter(id,"
                + " timestamp(params.data[id + '.start']) <= timestamp(variables.created)"
                + " && timestamp(variables.created) < timestamp(params.data[id + '.end']))"
          });

  /** The policy's validations: expression, and message or messageExpression (marked by a leading '='). */
  static final List<String[]> VALIDATIONS =
      List.of(
          new String[] {
            "variables.gpus == 0 || variables.priorityClass in ['" + GpuPolicyRenderer.BOOKED + "', '"
                + GpuPolicyRenderer.OPPORTUNISTIC + "']",
            "a pod that asks for GPUs must use PriorityClass " + GpuPolicyRenderer.BOOKED + " (inside a GPU booking) or "
                + GpuPolicyRenderer.OPPORTUNISTIC
          },
          new String[] {
            "variables.priorityClass == '" + GpuPolicyRenderer.BOOKED + "' || variables.gpus <= int(params.?data[?'"
                + MAX_PER_WORKSPACE + "'].orValue('0'))",
            "='a pod outside a GPU booking may ask for at most ' + params.?data[?'" + MAX_PER_WORKSPACE
                + "'].orValue('0') + ' GPUs in this project, not ' + string(variables.gpus)"
          },
          new String[] {
            "variables.gpus == 0 || variables.priorityClass == '" + GpuPolicyRenderer.BOOKED + "' || object.spec.?nodeSelector[?'"
                + GpuPolicyRenderer.PRODUCT_LABEL + "'].orValue('') == params.?data[?'" + PRODUCT + "'].orValue('')",
            "='a pod outside a GPU booking must select the GPU product of the project, ' + params.?data[?'" + PRODUCT
                + "'].orValue('none') + ', with nodeSelector " + GpuPolicyRenderer.PRODUCT_LABEL + "'"
          },
          new String[] {
            BOOKED_CLASS + "variables.fromHub",
            "PriorityClass " + GpuPolicyRenderer.BOOKED + " is only for pods that the project's JupyterHub"
                + " (service account hub) creates"
          },
          new String[] {
            BOOKED_CLASS + "variables.created != ''",
            "the pod has no creationTimestamp, so the time of the request is unknown; booked pods are refused"
          },
          new String[] {
            BOOKED_CLASS + "size(variables.active) > 0",
            "='user ' + variables.user + ' has no GPU booking in namespace ' + request.namespace"
                + " + ' that is active at ' + variables.created"
          },
          new String[] {
            BOOKED_CLASS + "variables.active.exists(id, variables.gpus <= int(params.data[id + '.gpus'])"
                + " && object.spec.?nodeSelector[?'" + GpuPolicyRenderer.PRODUCT_LABEL + "'].orValue('') == params.data[id + '.product'])",
            "a booked pod asks for at most the booked GPUs and selects the booked product with nodeSelector "
                + GpuPolicyRenderer.PRODUCT_LABEL
          },
          new String[] {
            BOOKED_CLASS + "variables.active.exists(id, has(object.spec.activeDeadlineSeconds)"
                + " && timestamp(variables.created) + duration(string(object.spec.activeDeadlineSeconds) + 's')"
                + " <= timestamp(params.data[id + '.end']))",
            "a booked pod must set activeDeadlineSeconds so that it ends by the end of the booking"
          });

  /** The one validation of {@value #OUTSIDE_PROJECTS_POLICY}. */
  static final String OUTSIDE_PROJECTS_EXPRESSION =
      "object.spec.?priorityClassName.orValue('') != '" + GpuPolicyRenderer.BOOKED + "'";

  private BookingAdmissionPolicy() {}

  /** The policy, shared by every project namespace of the cluster; each binding names its params. */
  static ObjectNode policy(Map<String, String> labels) {
    ObjectNode policy = Manifests.resource(API_VERSION, "ValidatingAdmissionPolicy", POLICY, null);
    Manifests.labels(policy, labels);
    ObjectNode spec = policy.putObject("spec");
    spec.put("failurePolicy", "Fail");
    ObjectNode paramKind = spec.putObject("paramKind");
    paramKind.put("apiVersion", "v1");
    paramKind.put("kind", "ConfigMap");
    spec.set("matchConstraints", podCreation());
    ArrayNode conditions = spec.putArray("matchConditions");
    new TreeMap<>(MATCH_CONDITIONS).forEach((name, expression) -> {
      ObjectNode condition = conditions.addObject();
      condition.put("name", name);
      condition.put("expression", expression);
    });
    ArrayNode variables = spec.putArray("variables");
    for (String[] variable : VARIABLES) {
      ObjectNode item = variables.addObject();
      item.put("name", variable[0]);
      item.put("expression", variable[1]);
    }
    ArrayNode validations = spec.putArray("validations");
    for (String[] validation : VALIDATIONS) {
      ObjectNode item = validations.addObject();
      item.put("expression", validation[0]);
      if (validation[1].startsWith("=")) {
        item.put("messageExpression", validation[1].substring(1));
      } else {
        item.put("message", validation[1]);
      }
      item.put("reason", "Forbidden");
    }
    return policy;
  }

  /** Binds the policy to one project namespace, with that project's params. */
  static ObjectNode binding(Project project, Map<String, String> labels) {
    ObjectNode binding =
        Manifests.resource(API_VERSION, "ValidatingAdmissionPolicyBinding", POLICY + "-" + project.name(), null);
    Manifests.labels(binding, labels);
    ObjectNode spec = binding.putObject("spec");
    spec.put("policyName", POLICY);
    spec.set("validationActions", Manifests.strings(List.of("Deny")));
    ObjectNode paramRef = spec.putObject("paramRef");
    paramRef.put("name", paramsName(project));
    paramRef.put("namespace", NativeGpuRenderer.SYSTEM_NAMESPACE);
    paramRef.put("parameterNotFoundAction", "Deny");
    spec.putObject("matchResources")
        .putObject("namespaceSelector")
        .putObject("matchLabels")
        .put("kubernetes.io/metadata.name", project.namespace());
    return binding;
  }

  /** Refuses {@code maia-booked} in every namespace that is not a MAIA project namespace. */
  static List<ObjectNode> outsideProjects(List<Project> projects, Map<String, String> labels) {
    ObjectNode policy = Manifests.resource(API_VERSION, "ValidatingAdmissionPolicy", OUTSIDE_PROJECTS_POLICY, null);
    Manifests.labels(policy, labels);
    ObjectNode spec = policy.putObject("spec");
    spec.put("failurePolicy", "Fail");
    spec.set("matchConstraints", podCreation());
    ObjectNode validation = spec.putArray("validations").addObject();
    validation.put("expression", OUTSIDE_PROJECTS_EXPRESSION);
    validation.put(
        "message", "PriorityClass " + GpuPolicyRenderer.BOOKED + " may only be used in MAIA project namespaces");
    validation.put("reason", "Forbidden");

    ObjectNode binding =
        Manifests.resource(API_VERSION, "ValidatingAdmissionPolicyBinding", OUTSIDE_PROJECTS_POLICY, null);
    Manifests.labels(binding, labels);
    ObjectNode bindingSpec = binding.putObject("spec");
    bindingSpec.put("policyName", OUTSIDE_PROJECTS_POLICY);
    bindingSpec.set("validationActions", Manifests.strings(List.of("Deny")));
    ObjectNode expression =
        bindingSpec.putObject("matchResources").putObject("namespaceSelector").putArray("matchExpressions").addObject();
    expression.put("key", "kubernetes.io/metadata.name");
    expression.put("operator", "NotIn");
    expression.set("values", Manifests.strings(projects.stream().map(Project::namespace).sorted().distinct().toList()));
    return List.of(policy, binding);
  }

  static String paramsName(Project project) {
    return "gpu-bookings-" + project.name();
  }

  /**
   * The params of one project on a cluster: its {@code maxPerWorkspace} and GPU {@code product},
   * and for each announced booking {@code <id>.user}, {@code .start}, {@code .end}, {@code .gpus}
   * and {@code .product}; a product as its nodes' {@value GpuPolicyRenderer#PRODUCT_LABEL} shows it.
   */
  static Map<String, String> params(Project project, Cluster cluster, List<Booking> announced) {
    Map<String, String> data = new TreeMap<>();
    data.put(MAX_PER_WORKSPACE, String.valueOf(project.gpu().map(Project.ProjectGpu::maxPerWorkspace).orElse(0)));
    project.gpu().ifPresent(gpu -> data.put(PRODUCT, GpuPolicyRenderer.nodeLabel(cluster, gpu.product())));
    for (Booking booking : announced) {
      data.put(booking.id() + ".user", booking.user());
      data.put(booking.id() + ".start", booking.start().toString());
      data.put(booking.id() + ".end", booking.end().toString());
      data.put(booking.id() + ".gpus", String.valueOf(booking.gpus()));
      data.put(booking.id() + ".product", GpuPolicyRenderer.nodeLabel(cluster, booking.product()));
    }
    return data;
  }

  private static ObjectNode podCreation() {
    ObjectNode constraints = Manifests.object();
    ObjectNode rule = constraints.putArray("resourceRules").addObject();
    rule.set("apiGroups", Manifests.strings(List.of("")));
    rule.set("apiVersions", Manifests.strings(List.of("v1")));
    rule.set("operations", Manifests.strings(List.of("CREATE")));
    rule.set("resources", Manifests.strings(List.of("pods")));
    return constraints;
  }
}
