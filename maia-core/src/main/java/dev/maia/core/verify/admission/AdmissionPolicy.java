package dev.maia.core.verify.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates a ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1, as generated) the way
 * the API server does, with a real CEL implementation (cel-java): matchConditions decide whether
 * the policy applies; variables are evaluated in order and visible as {@code variables.<name>};
 * every validation must be true, else the request is denied with the validation's message (or
 * messageExpression). An evaluation error denies, as {@code failurePolicy: Fail} does.
 *
 * <p>The environment is the one the policy may rely on in Kubernetes: the standard library and
 * macros, optional types, the strings extension, and from the Kubernetes libraries only the list
 * function {@code sum()}, declared here with its Kubernetes meaning (the sum of a list of ints).
 *
 * <p>Through its bindings ({@link #admit(Request, List, Params)}) a pod's creation is decided as
 * the API server decides it: a binding takes part when it names the policy and its {@code
 * matchResources} select the request (namespaceSelector on the namespace's labels, to which the API
 * server always adds {@code kubernetes.io/metadata.name}; objectSelector on the pod's labels;
 * resource rules), within the policy's own {@code matchConstraints}. Its {@code paramRef} names the
 * params object of the policy's {@code paramKind}, by name or by selector, in the paramRef's
 * namespace or else the request's; when none is found, {@code parameterNotFoundAction: Deny} is a
 * configuration error, which {@code failurePolicy} turns into a denial, and {@code Allow} leaves the
 * binding out. A binding denies only when its {@code validationActions} include {@code Deny}.
 *
 * <p>Every expression is compiled once, when the policy is read; the compiled programs are
 * immutable and may be evaluated from several threads.
 */
public final class AdmissionPolicy {

  private static final Cel CEL =
      CelFactory.standardCelBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addCompilerLibraries(CelExtensions.optional(), CelExtensions.strings())
          .addRuntimeLibraries(CelExtensions.optional(), CelExtensions.strings())
          .addVar("object", SimpleType.DYN)
          .addVar("oldObject", SimpleType.DYN)
          .addVar("request", SimpleType.DYN)
          .addVar("params", SimpleType.DYN)
          .addVar("namespaceObject", SimpleType.DYN)
          .addVar("variables", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .addFunctionDeclarations(
              CelFunctionDecl.newFunctionDeclaration(
                  "sum", CelOverloadDecl.newMemberOverload("k8s_list_int_sum", SimpleType.INT, ListType.create(SimpleType.INT))))
          .addFunctionBindings(
              CelFunctionBinding.from(
                  "k8s_list_int_sum", List.class, (List list) -> ((List<?>) list).stream().mapToLong(Long.class::cast).sum()))
          .build();

  /** The label the API server puts on every namespace, with the namespace's name. */
  public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  /** The outcome of one admission request. */
  public record Decision(boolean matched, boolean allowed, List<String> messages) {

    public Decision {
      messages = List.copyOf(messages);
    }

    static Decision notMatched() {
      return new Decision(false, true, List.of());
    }
  }

  /**
   * The creation of {@code pod} in {@code namespace} (the Namespace object, whose labels the
   * bindings select on), requested by {@code username}.
   */
  public record Request(JsonNode pod, JsonNode namespace, String username) {

    /** The namespace's name. */
    public String namespaceName() {
      return namespace.path("metadata").path("name").asText();
    }
  }

  /** What the match rules of policies and bindings look at: the labels of the namespace and the pod, its name. */
  private record Target(Map<String, String> namespaceLabels, Map<String, String> podLabels, String podName) {}

  /** An expression compiled once: its program, or why it does not compile. */
  private record Compiled(CelRuntime.Program program, CelValidationException error) {}

  private final JsonNode policy;
  private final String name;
  private final Map<String, Compiled> compiled = new HashMap<>();

  public AdmissionPolicy(JsonNode policy) {
    this.policy = policy;
    this.name = policy.path("metadata").path("name").asText();
    for (String expression : expressions()) {
      compiled.computeIfAbsent(expression, AdmissionPolicy::compile);
    }
  }

  /** The policy's name. */
  public String name() {
    return name;
  }

  /** Compiles every expression of the policy; throws on the first that does not type-check. */
  public List<String> compileAll() throws CelValidationException {
    List<String> expressions = expressions();
    for (String expression : expressions) {
      CelValidationException error = compiled.get(expression).error();
      if (error != null) {
        throw error;
      }
    }
    return expressions;
  }

  private List<String> expressions() {
    List<String> expressions = new ArrayList<>();
    JsonNode spec = policy.path("spec");
    spec.path("matchConditions").forEach(c -> expressions.add(c.path("expression").asText()));
    spec.path("variables").forEach(v -> expressions.add(v.path("expression").asText()));
    for (JsonNode v : spec.path("validations")) {
      expressions.add(v.path("expression").asText());
      if (v.has("messageExpression")) {
        expressions.add(v.path("messageExpression").asText());
      }
    }
    return expressions;
  }

  private static Compiled compile(String expression) {
    try {
      return new Compiled(CEL.createProgram(CEL.compile(expression).getAst()), null);
    } catch (CelValidationException e) {
      return new Compiled(null, e);
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("cel-java cannot plan an expression it compiled: " + expression, e);
    }
  }

  /** The decision on creating {@code pod} with {@code params}, requested by {@code username}. */
  public Decision admit(Map<String, Object> pod, Map<String, Object> params, String username, String namespace) {
    return evaluate(pod, params == null ? Map.of() : params, null, request(pod, username, namespace));
  }

  /**
   * The decision on {@code request} through every one of {@code bindings} that names this policy,
   * with the params each names among {@code params}: denied when one binding denies, with the
   * messages of every denying binding as the API server words them.
   */
  public Decision admit(Request request, List<JsonNode> bindings, Params params) {
    JsonNode spec = policy.path("spec");
    JsonNode namespace = namespaceAsStored(request.namespace());
    Target target = new Target(labels(namespace), labels(request.pod()), request.pod().path("metadata").path("name").asText());
    if (!selects(spec.path("matchConstraints"), target, true)) {
      return Decision.notMatched();
    }
    Map<String, Object> pod = asMap(plain(request.pod()));
    Map<String, Object> namespaceObject = asMap(plain(namespace));
    Map<String, Object> attributes = request(pod, request.username(), request.namespaceName());
    boolean fail = !"Ignore".equals(spec.path("failurePolicy").asText("Fail"));
    boolean matched = false;
    List<String> messages = new ArrayList<>();
    for (JsonNode binding : bindings) {
      JsonNode bindingSpec = binding.path("spec");
      if (!name.equals(bindingSpec.path("policyName").asText()) || !selects(bindingSpec.path("matchResources"), target, false)) {
        continue;
      }
      String bindingName = binding.path("metadata").path("name").asText();
      String prefix = "ValidatingAdmissionPolicy '" + name + "' with binding '" + bindingName + "' denied request: ";
      boolean denies = false;
      for (JsonNode action : bindingSpec.path("validationActions")) {
        denies |= "Deny".equals(action.asText());
      }
      Optional<List<Map<String, Object>>> resolved = params(spec.path("paramKind"), bindingSpec.path("paramRef"), request, params);
      if (resolved.isEmpty()) { // a configuration error: failurePolicy decides
        matched = true;
        if (fail) {
          messages.add(prefix + configurationError(spec.path("paramKind"), bindingSpec.path("paramRef")));
        }
        continue;
      }
      for (Map<String, Object> param : resolved.get()) {
        Decision decision = evaluate(pod, param, namespaceObject, attributes);
        matched |= decision.matched();
        if (!decision.allowed() && denies) {
          decision.messages().forEach(m -> messages.add(prefix + m));
        }
      }
    }
    return new Decision(matched, messages.isEmpty(), messages);
  }

  /**
   * The params of a binding: one entry (null without a paramKind) per params object it names; an
   * empty list when there are none and {@code parameterNotFoundAction} is {@code Allow}; empty when
   * the binding is misconfigured or finds none with {@code Deny}.
   */
  private static Optional<List<Map<String, Object>>> params(JsonNode paramKind, JsonNode paramRef, Request request, Params params) {
    if (paramKind.isMissingNode() || paramKind.isNull()) {
      List<Map<String, Object>> none = new ArrayList<>();
      none.add(null);
      return Optional.of(none);
    }
    if (!paramRef.isObject() || (!paramRef.hasNonNull("name") && !paramRef.hasNonNull("selector"))) {
      return Optional.empty();
    }
    String apiVersion = paramKind.path("apiVersion").asText();
    String kind = paramKind.path("kind").asText();
    String namespace = paramRef.path("namespace").asText("");
    List<JsonNode> found = new ArrayList<>();
    for (String in : namespace.isEmpty() ? List.of(request.namespaceName(), "") : List.of(namespace)) {
      if (paramRef.hasNonNull("name")) {
        params.get(apiVersion, kind, in, paramRef.path("name").asText()).ifPresent(found::add);
      } else {
        found.addAll(params.select(apiVersion, kind, in, paramRef.path("selector")));
      }
      if (!found.isEmpty()) {
        break;
      }
    }
    if (found.isEmpty()) {
      return "Deny".equals(paramRef.path("parameterNotFoundAction").asText("Deny")) ? Optional.empty() : Optional.of(List.of());
    }
    return Optional.of(found.stream().map(params::plainOf).toList());
  }

  private static String configurationError(JsonNode paramKind, JsonNode paramRef) {
    if (!paramRef.isObject()) {
      return "failed to configure binding: paramKind " + paramKind.path("kind").asText() + " is set but paramRef is not";
    }
    if (!paramRef.hasNonNull("name") && !paramRef.hasNonNull("selector")) {
      return "failed to configure binding: paramRef names neither a name nor a selector";
    }
    return "failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction ("
        + paramKind.path("kind").asText() + " " + paramRef.path("namespace").asText("") + "/"
        + paramRef.path("name").asText(paramRef.path("selector").toString()) + ")";
  }

  /**
   * Whether matchConstraints (of the policy, whose resource rules are required) or matchResources
   * (of a binding, where no rules means every resource the policy matches) select the request.
   */
  private static boolean selects(JsonNode match, Target target, boolean rulesRequired) {
    if (!labelsMatch(match.path("namespaceSelector"), target.namespaceLabels())) {
      return false;
    }
    if (!labelsMatch(match.path("objectSelector"), target.podLabels())) {
      return false;
    }
    JsonNode rules = match.path("resourceRules");
    boolean included = rules.isEmpty() ? !rulesRequired : false;
    for (JsonNode rule : rules) {
      included |= podCreation(rule, target);
    }
    for (JsonNode rule : match.path("excludeResourceRules")) {
      included &= !podCreation(rule, target);
    }
    return included;
  }

  private static boolean podCreation(JsonNode rule, Target target) {
    return listed(rule.path("apiGroups"), "") && listed(rule.path("apiVersions"), "v1")
        && listed(rule.path("operations"), "CREATE")
        && (listed(rule.path("resources"), "pods") || listed(rule.path("resources"), "*/*"))
        && (rule.path("resourceNames").isEmpty() || listed(rule.path("resourceNames"), target.podName()))
        && Set.of("*", "Namespaced").contains(rule.path("scope").asText("*"));
  }

  private static boolean listed(JsonNode values, String value) {
    for (JsonNode v : values) {
      if (v.asText().equals(value) || v.asText().equals("*")) {
        return true;
      }
    }
    return false;
  }

  /** A label selector: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist); none selects all. */
  static boolean labelsMatch(JsonNode selector, Map<String, String> labels) {
    if (selector.isMissingNode() || selector.isNull()) {
      return true;
    }
    var matchLabels = selector.path("matchLabels").properties().iterator();
    while (matchLabels.hasNext()) {
      var label = matchLabels.next();
      if (!label.getValue().asText().equals(labels.get(label.getKey()))) {
        return false;
      }
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String value = labels.get(expression.path("key").asText());
      boolean in = false;
      for (JsonNode v : expression.path("values")) {
        in |= v.asText().equals(value);
      }
      boolean holds = switch (expression.path("operator").asText()) {
        case "In" -> value != null && in;
        case "NotIn" -> value == null || !in;
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        default -> false;
      };
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, String> labels(JsonNode object) {
    Map<String, String> labels = new HashMap<>();
    object.path("metadata").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  /** The namespace as the API server keeps it: with the label of its name, whatever the manifest says. */
  private static JsonNode namespaceAsStored(JsonNode namespace) {
    String name = namespace.path("metadata").path("name").asText();
    if (name.equals(namespace.path("metadata").path("labels").path(NAMESPACE_NAME_LABEL).asText(null))) {
      return namespace;
    }
    ObjectNode copy = namespace.deepCopy();
    copy.withObject("/metadata/labels").put(NAMESPACE_NAME_LABEL, name);
    return copy;
  }

  /**
   * The request attributes: a CREATE of a v1 Pod by {@code username}; a service account's groups
   * are those the API server gives it.
   */
  private static Map<String, Object> request(Map<String, Object> pod, String username, String namespace) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("operation", "CREATE");
    request.put("namespace", namespace);
    Object metadata = pod.get("metadata");
    if (metadata instanceof Map<?, ?> m && m.get("name") instanceof String podName) {
      request.put("name", podName);
    }
    request.put("kind", Map.of("group", "", "version", "v1", "kind", "Pod"));
    request.put("resource", Map.of("group", "", "version", "v1", "resource", "pods"));
    List<String> groups = new ArrayList<>();
    String[] parts = username.split(":");
    if (parts.length == 4 && username.startsWith("system:serviceaccount:")) {
      groups.add("system:serviceaccounts");
      groups.add("system:serviceaccounts:" + parts[2]);
    }
    groups.add("system:authenticated");
    request.put("userInfo", Map.of("username", username, "groups", groups));
    return request;
  }

  private Decision evaluate(Map<String, Object> pod, Map<String, Object> params, Map<String, Object> namespaceObject,
      Map<String, Object> request) {
    Map<String, Object> variables = new LinkedHashMap<>();
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("object", pod);
    input.put("request", request);
    input.put("params", params == null ? Map.of() : params);
    input.put("variables", variables);
    if (namespaceObject != null) {
      input.put("namespaceObject", namespaceObject);
    }
    JsonNode spec = policy.path("spec");
    try {
      for (JsonNode condition : spec.path("matchConditions")) {
        if (!Boolean.TRUE.equals(eval(condition.path("expression").asText(), input))) {
          return Decision.notMatched();
        }
      }
      for (JsonNode variable : spec.path("variables")) {
        variables.put(variable.path("name").asText(), eval(variable.path("expression").asText(), input));
      }
      List<String> messages = new ArrayList<>();
      for (JsonNode validation : spec.path("validations")) {
        if (!Boolean.TRUE.equals(eval(validation.path("expression").asText(), input))) {
          messages.add(
              validation.has("messageExpression")
                  ? (String) eval(validation.path("messageExpression").asText(), input)
                  : validation.path("message").asText());
        }
      }
      return new Decision(true, messages.isEmpty(), messages);
    } catch (CelValidationException | CelEvaluationException e) {
      return new Decision(true, false, List.of("evaluation error: " + e.getMessage()));
    }
  }

  private Object eval(String expression, Map<String, Object> input) throws CelValidationException, CelEvaluationException {
    Compiled program = compiled.get(expression);
    if (program.error() != null) {
      throw program.error();
    }
    return program.program().eval(input);
  }

  /** A YAML/JSON tree as the plain values CEL takes: maps, lists, strings, longs, doubles, booleans. */
  public static Object plain(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(plain(n)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asText();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object plain) {
    return (Map<String, Object>) plain;
  }

  /**
   * The objects a binding's paramRef may name (the params ConfigMaps), by apiVersion, kind,
   * namespace and name, each also held in the plain form CEL takes so that it is converted once.
   */
  public static final class Params {

    private final Map<String, JsonNode> byKey = new HashMap<>();
    private final Map<String, List<JsonNode>> byNamespace = new HashMap<>();
    private final Map<JsonNode, Map<String, Object>> plain = new IdentityHashMap<>();

    public Params(Collection<JsonNode> objects) {
      for (JsonNode object : objects) {
        JsonNode metadata = object.path("metadata");
        String namespace = metadata.path("namespace").asText("");
        byKey.put(key(object.path("apiVersion").asText(), object.path("kind").asText(), namespace, metadata.path("name").asText()), object);
        byNamespace.computeIfAbsent(key(object.path("apiVersion").asText(), object.path("kind").asText(), namespace, ""),
            k -> new ArrayList<>()).add(object);
        plain.put(object, asMap(AdmissionPolicy.plain(object)));
      }
    }

    Optional<JsonNode> get(String apiVersion, String kind, String namespace, String name) {
      return Optional.ofNullable(byKey.get(key(apiVersion, kind, namespace, name)));
    }

    List<JsonNode> select(String apiVersion, String kind, String namespace, JsonNode selector) {
      return byNamespace.getOrDefault(key(apiVersion, kind, namespace, ""), List.of()).stream()
          .filter(object -> labelsMatch(selector, labels(object)))
          .toList();
    }

    Map<String, Object> plainOf(JsonNode object) {
      return plain.get(object);
    }

    private static String key(String apiVersion, String kind, String namespace, String name) {
      return apiVersion + '|' + kind + '|' + namespace + '|' + name;
    }
  }
}
