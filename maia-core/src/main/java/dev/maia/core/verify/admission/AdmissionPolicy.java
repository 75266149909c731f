package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 */
final class VapEvaluator {

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
                  "k8s_list_int_sum", List.class, (List list) -> list.stream().mapToLong(v -> (Long) v).sum()))
          .build();

  /** The outcome of one admission request. */
  record Decision(boolean matched, boolean allowed, List<String> messages) {

    static Decision notMatched() {
      return new Decision(false, true, List.of());
    }
  }

  private final JsonNode policy;

  VapEvaluator(JsonNode policy) {
    this.policy = policy;
  }

  /** Compiles every expression of the policy; throws on the first that does not type-check. */
  List<String> compileAll() throws CelValidationException {
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
    for (String expression : expressions) {
      CEL.compile(expression).getAst();
    }
    return expressions;
  }

  /** The decision on creating {@code pod} with {@code params}, requested by {@code username}. */
  Decision admit(Map<String, Object> pod, Map<String, Object> params, String username, String namespace) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("operation", "CREATE");
    request.put("namespace", namespace);
    request.put("userInfo", Map.of("username", username));
    Map<String, Object> variables = new LinkedHashMap<>();
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("object", pod);
    input.put("request", request);
    input.put("params", params == null ? Map.of() : params);
    input.put("variables", variables);
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
      return new Decision(true, messages.isEmpty(), List.copyOf(messages));
    } catch (CelValidationException | CelEvaluationException e) {
      return new Decision(true, false, List.of("evaluation error: " + e.getMessage()));
    }
  }

  private static Object eval(String expression, Map<String, Object> input)
      throws CelValidationException, CelEvaluationException {
    CelAbstractSyntaxTree ast = CEL.compile(expression).getAst();
    return CEL.createProgram(ast).eval(input);
  }

  /** A YAML/JSON tree as the plain values CEL takes: maps, lists, strings, longs, doubles, booleans. */
  static Object plain(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
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
}
