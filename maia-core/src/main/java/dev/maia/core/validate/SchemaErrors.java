package dev.maia.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import dev.maia.core.load.SourceMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns the validator's errors into {@link Problem}s a person can act on: plain words instead of
 * schema keywords, YAML names for types (mapping, list), the offending value, an example of a valid
 * one, and "did you mean" for near-miss field names and enum values. An unknown field is reported
 * at its key; a duplicate list item at the repeated item.
 *
 * <p>Errors inside the alternatives of a failed {@code oneOf}/{@code anyOf} are not reported one by
 * one: an alternative list of required fields becomes "set exactly one of ...", any other becomes
 * the errors of the alternative that came closest.
 */
final class SchemaErrors {

  /** What a value of a {@code $defs} entry with a pattern looks like: a noun, and an example. */
  record Kind(String noun, String example) {}

  /** Every {@code $defs} entry of the schema that has a {@code pattern} (a test keeps this complete). */
  static final Map<String, Kind> KINDS =
      Map.ofEntries(
          Map.entry("dnsLabel", new Kind("a DNS-1123 label", "lower-case letters, digits and '-', starting and ending with a letter or digit, such as kth-main")),
          Map.entry("dnsSubdomain", new Kind("a DNS-1123 subdomain", "lower-case letters, digits, '-' and '.', such as local-path")),
          Map.entry("hostname", new Kind("a host name", "lower-case letters, digits, '-' and '.', such as maia.example.org")),
          Map.entry("labelKey", new Kind("a Kubernetes label key", "such as env or example.org/site")),
          Map.entry("labelValue", new Kind("a Kubernetes label value", "at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit")),
          Map.entry("gpuProduct", new Kind("a GPU product name", "as the node label nvidia.com/gpu.product shows it, such as NVIDIA-A100-SXM4-80GB")),
          Map.entry("token", new Kind("a value without spaces", null)),
          Map.entry("repoPath", new Kind("a relative folder path", "such as clusters/prod, without '..'; \"\" is the repository root")),
          Map.entry("gitURL", new Kind("a Git repository URL", "such as https://git.example.org/maia/gitops.git or git@git.example.org:maia/gitops.git")),
          Map.entry("chartRepoURL", new Kind("a Helm repository URL", "starting with https:// or oci://")),
          Map.entry("serverURL", new Kind("a Kubernetes API server URL", "such as https://k8s.example.org:6443")),
          Map.entry("httpsURL", new Kind("an https URL without query or fragment", "such as https://iam.example.org/realms/maia")),
          Map.entry("email", new Kind("an e-mail address", "such as name@example.org")),
          Map.entry("duration", new Kind("an ISO-8601 duration", "in days, hours, minutes or seconds, such as P1D, PT12H or P1DT12H")),
          Map.entry("dateTime", new Kind("an RFC 3339 date-time with a zone", "such as 2026-12-01T00:00:00Z")),
          Map.entry("quantity", new Kind("a Kubernetes quantity", "such as 32Gi, 500Mi or 1T")),
          Map.entry("cpuQuantity", new Kind("a CPU quantity", "such as 8, 0.5 or 500m")),
          Map.entry("aeTitle", new Kind("a DICOM AE title", "1 to 16 characters without backslashes or control characters, not only spaces")));

  /** Hints for keywords other than pattern, by the {@code $defs} entry they belong to. */
  private static final Map<String, String> DEF_HINTS = Map.of("portRange", "write [from, to], such as [30000, 30999]");

  /** Hints for required fields that depend on other fields, by schema location. */
  private static final Map<String, String> REQUIRED_HINTS =
      Map.of("/properties/spec/properties/secrets/else/required", "a store is needed unless provider is sealed-secrets");

  private static final int MAX_SHOWN_VALUE = 60;
  private static final int MAX_LISTED_FIELDS = 12;

  private final JsonNode schema;
  private final JsonNode document;
  private final SourceMap sources;

  SchemaErrors(JsonNode schema, JsonNode document, SourceMap sources) {
    this.schema = schema;
    this.document = document;
    this.sources = sources;
  }

  /** One problem per distinct complaint, in the order the validator found them. */
  List<Problem> translate(List<Error> errors) {
    // Which errors come from inside an alternative of a failed oneOf/anyOf, by alternative index.
    Map<String, Error> combinators = new LinkedHashMap<>();
    for (Error error : errors) {
      if (isCombinator(error)) {
        combinators.putIfAbsent(error.getEvaluationPath().toString(), error);
      }
    }
    Map<String, Map<Integer, List<Error>>> alternatives = new HashMap<>();
    List<Error> topLevel = new ArrayList<>();
    for (Error error : errors) {
      String owner = owningCombinator(error, combinators.keySet());
      if (owner == null) {
        topLevel.add(error);
      } else {
        int index = alternativeIndex(error.getEvaluationPath().toString(), owner);
        alternatives.computeIfAbsent(owner, k -> new TreeMap<>()).computeIfAbsent(index, k -> new ArrayList<>()).add(error);
      }
    }
    // A value that breaks a pattern usually fails its format too; the pattern's problem says more.
    Set<String> patternFailures = new HashSet<>();
    for (Error error : errors) {
      if ("pattern".equals(error.getKeyword())) {
        patternFailures.add(pointer(error.getInstanceLocation()));
      }
    }
    Set<Problem> problems = new LinkedHashSet<>();
    for (Error error : topLevel) {
      if ("format".equals(error.getKeyword()) && patternFailures.contains(pointer(error.getInstanceLocation()))) {
        continue;
      }
      if (isCombinator(error)) {
        problems.addAll(combinator(error, alternatives.getOrDefault(error.getEvaluationPath().toString(), Map.of()), alternatives));
      } else {
        problems.addAll(one(error));
      }
    }
    return List.copyOf(problems);
  }

  private static boolean isCombinator(Error error) {
    return "oneOf".equals(error.getKeyword()) || "anyOf".equals(error.getKeyword());
  }

  /** The innermost failed combinator whose alternatives evaluated this error, or null. */
  private static String owningCombinator(Error error, Set<String> combinatorPaths) {
    String path = error.getEvaluationPath().toString();
    String owner = null;
    for (String candidate : combinatorPaths) {
      if (path.startsWith(candidate + "/") && (owner == null || candidate.length() > owner.length())) {
        owner = candidate;
      }
    }
    return owner;
  }

  private static int alternativeIndex(String path, String combinatorPath) {
    String rest = path.substring(combinatorPath.length() + 1);
    int slash = rest.indexOf('/');
    String index = slash < 0 ? rest : rest.substring(0, slash);
    try {
      return Integer.parseInt(index);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private List<Problem> combinator(Error error, Map<Integer, List<Error>> byAlternative, Map<String, Map<Integer, List<Error>>> all) {
    String at = pointer(error.getInstanceLocation());
    JsonNode value = valueAt(error, at);
    List<String> requiredOnly = requiredOnlyAlternatives(error.getSchemaNode());
    boolean oneOf = "oneOf".equals(error.getKeyword());
    if (requiredOnly != null && (value == null || !value.isObject())) {
      return List.of(); // required says nothing about a non-mapping; its type problem is reported
    }
    if (requiredOnly != null) {
      List<String> present = requiredOnly.stream().filter(value::has).toList();
      if (present.size() > 1 && oneOf) {
        String last = present.get(present.size() - 1);
        return List.of(
            problem(
                at + "/" + escape(last),
                present.stream().map(SchemaErrors::quote).collect(Collectors.joining(" and ")) + " are both set",
                "set only one of them"));
      }
      if (present.isEmpty()) {
        String names = requiredOnly.stream().map(SchemaErrors::quote).collect(Collectors.joining(" or "));
        return List.of(problem(at, "missing " + names, oneOf ? "set exactly one of them" : "set at least one of them"));
      }
    }
    if (byAlternative.isEmpty()) {
      return List.of(problem(at, "matches more than one of the allowed forms", "see the reference for this field"));
    }
    // The alternative that came closest: fewest errors, then the first.
    List<Error> closest = null;
    for (List<Error> candidate : byAlternative.values()) {
      if (closest == null || candidate.size() < closest.size()) {
        closest = candidate;
      }
    }
    List<Problem> result = new ArrayList<>();
    for (Error inner : closest) {
      if (isCombinator(inner)) {
        result.addAll(combinator(inner, all.getOrDefault(inner.getEvaluationPath().toString(), Map.of()), all));
      } else {
        result.addAll(one(inner));
      }
    }
    return result;
  }

  /** The field names if every alternative is just {@code {"required": [name]}}, else null. */
  private static List<String> requiredOnlyAlternatives(JsonNode alternatives) {
    if (alternatives == null || !alternatives.isArray() || alternatives.isEmpty()) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (JsonNode alternative : alternatives) {
      JsonNode required = alternative.get("required");
      if (alternative.size() != 1 || required == null || required.size() != 1 || !required.get(0).isTextual()) {
        return null;
      }
      names.add(required.get(0).asText());
    }
    return names;
  }

  private List<Problem> one(Error error) {
    if ("uniqueItems".equals(error.getKeyword())) {
      String at = pointer(error.getInstanceLocation());
      return duplicates(at, valueAt(error, at));
    }
    return List.of(single(error));
  }

  private Problem single(Error error) {
    String at = pointer(error.getInstanceLocation());
    JsonNode value = valueAt(error, at);
    JsonNode keywordValue = error.getSchemaNode();
    String def = defName(error.getSchemaLocation().getFragment());
    switch (error.getKeyword()) {
      case "additionalProperties":
      case "unevaluatedProperties":
        return unknownField(error, at);
      case "required":
        {
          String name = error.getProperty();
          String hint = REQUIRED_HINTS.get(error.getEvaluationPath().toString());
          return problem(at, "missing required field " + quote(name), hint);
        }
      case "type":
        return problem(at, "expected " + expectedTypes(keywordValue) + ", got " + typeOf(value), typeHint(keywordValue, value, def));
      case "enum":
        {
          List<String> allowed = new ArrayList<>();
          keywordValue.forEach(v -> allowed.add(v.asText()));
          String hint = value != null && value.isTextual() ? Suggestions.hint(value.asText(), allowed) : null;
          return problem(at, "must be one of " + String.join(", ", allowed) + ", not " + show(value), hint);
        }
      case "const":
        return problem(at, "must be " + show(keywordValue) + ", not " + show(value), null);
      case "pattern":
        {
          Kind kind = KINDS.get(def);
          if (kind == null) {
            return problem(at, show(value) + " does not match the pattern " + keywordValue.asText(), null);
          }
          return problem(at, "expected " + kind.noun() + ", got " + show(value), kind.example());
        }
      case "format":
        {
          Kind kind = KINDS.get(def);
          return problem(
              at,
              show(value) + " is not a valid " + keywordValue.asText(),
              "date-time".equals(keywordValue.asText()) ? "check that the day exists in that month" : kind == null ? null : kind.example());
        }
      case "minLength":
        return keywordValue.asInt() == 1
            ? problem(at, "must not be empty", null)
            : problem(at, "must be at least " + keywordValue.asInt() + " characters long", null);
      case "maxLength":
        return problem(
            at,
            "must be at most " + keywordValue.asInt() + " characters long, got " + (value == null ? 0 : value.asText().codePointCount(0, value.asText().length())),
            null);
      case "minimum":
        return problem(at, "must be at least " + keywordValue.asText() + ", got " + show(value), null);
      case "maximum":
        return problem(at, "must be at most " + keywordValue.asText() + ", got " + show(value), null);
      case "exclusiveMinimum":
        return problem(at, "must be greater than " + keywordValue.asText() + ", got " + show(value), null);
      case "exclusiveMaximum":
        return problem(at, "must be less than " + keywordValue.asText() + ", got " + show(value), null);
      case "minItems":
      case "maxItems":
        return itemCount(error, at, value, def);
      case "propertyNames":
        {
          String name = error.getProperty();
          Kind kind = KINDS.get(refName(keywordValue));
          String expected = kind == null ? "a valid key" : kind.noun();
          return problem(at + "/" + escape(name), "expected " + expected + " as key, got " + quote(name), kind == null ? null : kind.example());
        }
      case "minProperties":
        return problem(at, "must not be empty", null);
      case "maxProperties":
        return problem(at, "must have at most " + keywordValue.asText() + " fields", null);
      default:
        return problem(at, error.getMessage(), null);
    }
  }

  private Problem unknownField(Error error, String at) {
    String name = error.getProperty();
    NodePath keyword = error.getSchemaLocation().getFragment();
    JsonNode owner = schema.at(jsonPointer(keyword.getParent()));
    List<String> allowed = new ArrayList<>();
    owner.path("properties").fieldNames().forEachRemaining(allowed::add);
    String hint = Suggestions.hint(name, allowed);
    if (hint == null) {
      if (allowed.isEmpty()) {
        hint = "this mapping takes no fields; write {}";
      } else if (allowed.size() <= MAX_LISTED_FIELDS) {
        hint = "allowed fields: " + String.join(", ", allowed);
      } else {
        hint = "see the reference for the allowed fields";
      }
    }
    return problem(at + "/" + escape(name), "unknown field " + quote(name), hint);
  }

  private Problem itemCount(Error error, String at, JsonNode value, String def) {
    JsonNode owner = schema.at(jsonPointer(error.getSchemaLocation().getFragment().getParent()));
    int count = value != null && value.isArray() ? value.size() : 0;
    String hint = DEF_HINTS.get(def);
    JsonNode min = owner.get("minItems");
    JsonNode max = owner.get("maxItems");
    if (min != null && max != null && min.asInt() == max.asInt()) {
      return problem(at, "must have exactly " + items(min.asInt()) + ", got " + count, hint);
    }
    if ("minItems".equals(error.getKeyword())) {
      return problem(at, "must have at least " + items(error.getSchemaNode().asInt()) + ", got " + count, hint);
    }
    return problem(at, "must have at most " + items(error.getSchemaNode().asInt()) + ", got " + count, hint);
  }

  /** Every repeated item of a list that must not repeat, at the repetition. */
  private List<Problem> duplicates(String at, JsonNode list) {
    List<Problem> found = new ArrayList<>();
    if (list != null && list.isArray()) {
      Map<JsonNode, Integer> first = new HashMap<>();
      for (int i = 0; i < list.size(); i++) {
        Integer earlier = first.putIfAbsent(list.get(i), i);
        if (earlier != null) {
          found.add(
              problem(
                  at + "/" + i,
                  show(list.get(i)) + " is listed more than once (first as item " + (earlier + 1) + ")",
                  "remove the repetition"));
        }
      }
    }
    return found.isEmpty() ? List.of(problem(at, "must not list the same item twice", "remove the repetition")) : found;
  }

  private Problem problem(String pointer, String message, String hint) {
    return new Problem(sources.locate(pointer), pointer, message, hint);
  }

  private JsonNode valueAt(Error error, String pointer) {
    JsonNode node = error.getInstanceNode();
    if (node != null) {
      return node;
    }
    JsonNode found = document.at(pointer);
    return found.isMissingNode() ? null : found;
  }

  /** The {@code $defs} entry a keyword sits directly in ({@code #/$defs/NAME/keyword}), or null. */
  private static String defName(NodePath fragment) {
    if (fragment != null && fragment.getNameCount() == 3 && "$defs".equals(fragment.getName(0))) {
      return fragment.getName(1);
    }
    return null;
  }

  /** NAME of a schema that is just {@code {"$ref": "#/$defs/NAME"}}, or null. */
  private static String refName(JsonNode schemaNode) {
    JsonNode ref = schemaNode == null ? null : schemaNode.get("$ref");
    if (ref == null || !ref.isTextual() || !ref.asText().startsWith("#/$defs/")) {
      return null;
    }
    return ref.asText().substring("#/$defs/".length());
  }

  private static String expectedTypes(JsonNode type) {
    if (type == null) {
      return "another type";
    }
    if (type.isArray()) {
      List<String> names = new ArrayList<>();
      type.forEach(t -> names.add(typeName(t.asText())));
      return String.join(" or ", names);
    }
    return typeName(type.asText());
  }

  private static String typeName(String schemaType) {
    switch (schemaType) {
      case "object":
        return "a mapping";
      case "array":
        return "a list";
      case "string":
        return "a string";
      case "integer":
        return "an integer";
      case "number":
        return "a number";
      case "boolean":
        return "true or false";
      case "null":
        return "null";
      default:
        return schemaType;
    }
  }

  /** The YAML type of a value, in words. */
  static String typeOf(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isTextual()) {
      return "a string";
    }
    if (value.isIntegralNumber()) {
      return "an integer";
    }
    if (value.isNumber()) {
      return "a number";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    if (value.isNull()) {
      return "an empty value";
    }
    return "a " + value.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static String typeHint(JsonNode type, JsonNode value, String def) {
    Set<String> expected = new LinkedHashSet<>();
    if (type != null && type.isArray()) {
      type.forEach(t -> expected.add(t.asText()));
    } else if (type != null) {
      expected.add(type.asText());
    }
    if (value == null || value.isNull()) {
      return expected.contains("object") ? "write {} for an empty mapping" : "write a value, or remove the field";
    }
    if (expected.contains("string") && (value.isNumber() || value.isBoolean())) {
      return "put the value in quotes: \"" + value.asText() + "\"";
    }
    if ((expected.contains("integer") || expected.contains("number")) && value.isTextual() && value.asText().strip().matches("-?[0-9]+(\\.[0-9]+)?")) {
      return "remove the quotes around " + value.asText().strip();
    }
    if (expected.contains("boolean") && value.isTextual()) {
      return "write true or false, without quotes";
    }
    Kind kind = KINDS.get(def);
    return kind == null ? null : kind.example();
  }

  private static String items(int n) {
    return n == 1 ? "1 item" : n + " items";
  }

  /** A value as a person would write it, shortened: strings quoted, containers named. */
  static String show(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isTextual()) {
      return quote(value.asText());
    }
    if (value.isNumber() || value.isBoolean()) {
      return shorten(value.asText());
    }
    if (value.isNull()) {
      return "an empty value";
    }
    return typeOf(value);
  }

  static String quote(String text) {
    return "'" + shorten(text) + "'";
  }

  private static String shorten(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(MAX_SHOWN_VALUE)
        .forEach(c -> {
          if (Character.isISOControl(c)) {
            out.append(String.format(Locale.ROOT, "\\u%04x", c));
          } else {
            out.appendCodePoint(c);
          }
        });
    if (text.codePointCount(0, text.length()) > MAX_SHOWN_VALUE) {
      out.append("...");
    }
    return out.toString();
  }

  /** The JSON pointer of a validator path, built from its segments (RFC 6901). */
  static String pointer(NodePath path) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      out.append('/').append(element instanceof Integer ? element.toString() : escape(String.valueOf(element)));
    }
    return out.toString();
  }

  private static String jsonPointer(NodePath fragment) {
    return fragment == null ? "" : pointer(fragment);
  }

  /** RFC 6901 escaping of one reference token. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
