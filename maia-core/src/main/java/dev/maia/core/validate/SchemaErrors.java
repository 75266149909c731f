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
 * one. They are grouped by the place where the alternatives were tried (the validator reports a
 * failed {@code anyOf} only through its alternatives' errors): a choice between required fields
 * becomes one sentence ("'cluster' and 'clusters' are both set", "missing 'cluster' or
 * 'clusters'"), a value of none of the allowed types one sentence, and anything else the problems
 * of the alternative that came closest.
 */
final class SchemaErrors {

  /** What a value of a {@code $defs} entry with a pattern looks like: a noun, and an example. */
  record Kind(String noun, String example) {}

  /** Every {@code $defs} entry of the schema that has a {@code pattern} (a test keeps this complete). */
  static final Map<String, Kind> KINDS =
      Map.ofEntries(
          Map.entry(
              "dnsLabel",
              new Kind("a DNS-1123 label", "lower-case letters, digits and '-', starting and ending with a letter or digit, such as kth-main")),
          Map.entry(
              "dnsSubdomain",
              new Kind("a DNS-1123 subdomain", "lower-case letters, digits, '-' and '.', such as local-path")),
          Map.entry(
              "hostname",
              new Kind("a host name", "lower-case letters, digits, '-' and '.', such as maia.example.org")),
          Map.entry(
              "labelKey",
              new Kind("a Kubernetes label key", "such as env or example.org/site")),
          Map.entry(
              "labelValue",
              new Kind("a Kubernetes label value", "at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit")),
          Map.entry(
              "gpuProduct",
              new Kind("a GPU product name", "as the node label nvidia.com/gpu.product shows it, such as NVIDIA-A100-SXM4-80GB")),
          Map.entry(
              "token",
              new Kind("a value without spaces", null)),
          Map.entry(
              "repoPath",
              new Kind("a relative folder path", "such as clusters/prod, without '..'; \"\" is the repository root")),
          Map.entry(
              "gitURL",
              new Kind("a Git repository URL", "such as https://git.example.org/maia/gitops.git or git@git.example.org:maia/gitops.git")),
          Map.entry(
              "chartRepoURL",
              new Kind("a Helm repository URL", "starting with https:// or oci://")),
          Map.entry(
              "serverURL",
              new Kind("a Kubernetes API server URL", "such as https://k8s.example.org:6443")),
          Map.entry(
              "httpsURL",
              new Kind("an https URL without query or fragment", "such as https://iam.example.org/realms/maia")),
          Map.entry(
              "email",
              new Kind("an e-mail address", "such as name@example.org")),
          Map.entry(
              "duration",
              new Kind("an ISO-8601 duration", "in days, hours, minutes or seconds, such as P1D, PT12H or P1DT12H; at most 6 digits of days")),
          Map.entry(
              "dateTime",
              new Kind("an RFC 3339 date-time with a zone", "such as 2026-12-01T00:00:00Z")),
          Map.entry(
              "quantity",
              new Kind("a Kubernetes quantity", "such as 32Gi, 500Mi or 1T")),
          Map.entry(
              "cpuQuantity",
              new Kind("a CPU quantity", "such as 8, 0.5 or 500m")),
          Map.entry(
              "aeTitle",
              new Kind("a DICOM AE title", "1 to 16 characters without backslashes or control characters, not only spaces")));

  /** Hints for keywords other than pattern, by the {@code $defs} entry they belong to. */
  private static final Map<String, String> DEF_HINTS =
      Map.of("portRange", "write [from, to], such as [30000, 30999]");

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
    // A value that breaks a pattern usually fails its format too; the pattern's problem says more.
    Set<String> patternFailures = new HashSet<>();
    for (Error error : errors) {
      if ("pattern".equals(error.getKeyword())) {
        patternFailures.add(pointer(error.getInstanceLocation()));
      }
    }
    List<Error> kept = new ArrayList<>(errors.size());
    for (Error error : errors) {
      if (!("format".equals(error.getKeyword()) && patternFailures.contains(pointer(error.getInstanceLocation())))) {
        kept.add(error);
      }
    }
    return List.copyOf(new LinkedHashSet<>(translate(kept, 0)));
  }

  /**
   * A place where alternatives were tried: the evaluation path of the {@code oneOf} or {@code
   * anyOf} keyword, and the pointer of the value it judged (the path alone is shared by every item
   * of a list).
   */
  private record Site(String evaluationPath, String instance) {}

  /**
   * Problems for errors whose evaluation paths are read from segment {@code from} on: errors
   * outside any alternative are translated one by one; errors inside the alternatives of one site
   * become that site's problems.
   */
  private List<Problem> translate(List<Error> errors, int from) {
    Map<Site, List<Error>> inside = new LinkedHashMap<>();
    Map<Site, Error> combinatorErrors = new HashMap<>();
    List<Object> order = new ArrayList<>(); // an Error or a Site, first seen first
    for (Error error : errors) {
      Site site = outermostSite(error, from);
      if (site == null && isCombinator(error)) {
        site = new Site(evaluationPath(error), pointer(error.getInstanceLocation()));
        combinatorErrors.put(site, error);
        if (inside.putIfAbsent(site, new ArrayList<>()) == null) {
          order.add(site);
        }
      } else if (site == null) {
        order.add(error);
      } else {
        if (inside.putIfAbsent(site, new ArrayList<>()) == null) {
          order.add(site);
        }
        inside.get(site).add(error);
      }
    }
    List<Problem> problems = new ArrayList<>();
    for (Object item : order) {
      if (item instanceof Site site) {
        problems.addAll(alternatives(site, combinatorErrors.get(site), inside.get(site)));
      } else {
        problems.addAll(one((Error) item));
      }
    }
    return problems;
  }

  private static boolean isCombinator(Error error) {
    return "oneOf".equals(error.getKeyword()) || "anyOf".equals(error.getKeyword());
  }

  private static String evaluationPath(Error error) {
    return error.getEvaluationPath().toString();
  }

  /** The first {@code oneOf}/{@code anyOf}, at or after segment {@code from}, whose alternatives produced this error. */
  private static Site outermostSite(Error error, int from) {
    List<String> segments = segments(evaluationPath(error));
    int last = segments.size() - 1; // the keyword that failed
    for (int k = from; k + 1 < last; k++) {
      String segment = segments.get(k);
      if (COMBINATORS.contains(segment) && isIndex(segments.get(k + 1))) {
        int steps = instanceSteps(segments, k + 2, last);
        String instance = pointer(error.getInstanceLocation());
        for (int i = 0; i < steps && instance != null; i++) {
          instance = parentPointer(instance);
        }
        return new Site("/" + String.join("/", segments.subList(0, k + 1)), instance == null ? "" : instance);
      }
      if (NAMED_SUBSCHEMAS.contains(segment)) {
        k++; // the next segment is a name, not a keyword
      }
    }
    return null;
  }

  private static final Set<String> COMBINATORS = Set.of("oneOf", "anyOf");

  /** Keywords followed by a name or index in an evaluation path. */
  private static final Set<String> NAMED_SUBSCHEMAS =
      Set.of("properties", "patternProperties", "prefixItems", "dependentSchemas", "allOf", "anyOf", "oneOf", "$defs");

  /** Keywords whose subschema judges a member or item, one level down in the instance. */
  private static final Set<String> STEP_DOWN =
      Set.of("items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "additionalItems", "contains");

  /** How many levels the instance descends along {@code segments[start..end)} of an evaluation path. */
  private static int instanceSteps(List<String> segments, int start, int end) {
    int steps = 0;
    for (int k = start; k < end; k++) {
      String segment = segments.get(k);
      if (NAMED_SUBSCHEMAS.contains(segment)) {
        if (segment.equals("properties") || segment.equals("patternProperties") || segment.equals("prefixItems")) {
          steps++;
        }
        k++;
      } else if (STEP_DOWN.contains(segment)) {
        steps++;
      }
    }
    return steps;
  }

  private static List<String> segments(String path) {
    return path.isEmpty() ? List.of() : List.of(path.substring(1).split("/", -1));
  }

  private static boolean isIndex(String segment) {
    return !segment.isEmpty() && segment.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static String parentPointer(String pointer) {
    return pointer.isEmpty() ? null : pointer.substring(0, pointer.lastIndexOf('/'));
  }

  /**
   * The problems of one failed {@code oneOf}/{@code anyOf}: a choice between required fields in
   * one sentence, a value of none of the allowed types in one sentence, else the problems of the
   * alternative that came closest.
   */
  private List<Problem> alternatives(Site site, Error combinatorError, List<Error> inside) {
    List<String> sitePath = segments(site.evaluationPath());
    boolean oneOf = "oneOf".equals(sitePath.get(sitePath.size() - 1));
    String at = site.instance();
    JsonNode found = document.at(at);
    JsonNode value = found.isMissingNode() ? null : found;
    JsonNode schemas = combinatorError != null ? combinatorError.getSchemaNode() : schemaAt(sitePath);
    List<String> requiredOnly = requiredOnlyAlternatives(schemas);
    if (requiredOnly != null && (value == null || !value.isObject())) {
      return List.of(); // required says nothing about a non-mapping; its type problem is reported
    }
    if (requiredOnly != null) {
      List<String> present = requiredOnly.stream().filter(value::has).toList();
      if (present.size() > 1 && oneOf) {
        String last = present.get(present.size() - 1);
        String names = present.stream().map(SchemaErrors::quote).collect(Collectors.joining(" and "));
        return List.of(problem(at + "/" + escape(last), names + " are both set", "set only one of them"));
      }
      if (present.isEmpty()) {
        String names = requiredOnly.stream().map(SchemaErrors::quote).collect(Collectors.joining(" or "));
        return List.of(problem(at, "missing " + names, oneOf ? "set exactly one of them" : "set at least one of them"));
      }
    }
    Map<Integer, List<Error>> byAlternative = new TreeMap<>();
    for (Error error : inside) {
      int alternative = Integer.parseInt(segments(evaluationPath(error)).get(sitePath.size()));
      byAlternative.computeIfAbsent(alternative, k -> new ArrayList<>()).add(error);
    }
    int count = schemas != null && schemas.isArray() ? schemas.size() : byAlternative.size();
    if (byAlternative.isEmpty() || byAlternative.size() < count) {
      // Some alternative passed, so a oneOf failed by matching more than one.
      return List.of(problem(at, "matches more than one of the allowed forms", "see the reference for this field"));
    }
    // Every alternative wants another type: one problem naming all of them.
    Set<String> types = new LinkedHashSet<>();
    for (List<Error> candidate : byAlternative.values()) {
      Error typeError = typeErrorAt(candidate, at);
      if (typeError == null) {
        types.clear();
        break;
      }
      types.add(expectedTypes(typeError.getSchemaNode()));
    }
    if (!types.isEmpty()) {
      return List.of(problem(at, "expected " + String.join(" or ", types) + ", got " + typeOf(value), null));
    }
    // Else the alternative that came closest: its type matched, then fewest errors, then the first.
    List<Error> closest = null;
    for (List<Error> candidate : byAlternative.values()) {
      if (closest == null || closeness(candidate, at) < closeness(closest, at)) {
        closest = candidate;
      }
    }
    return translate(closest, sitePath.size() + 1);
  }

  private static Error typeErrorAt(List<Error> errors, String pointer) {
    for (Error error : errors) {
      if ("type".equals(error.getKeyword()) && pointer.equals(pointer(error.getInstanceLocation()))) {
        return error;
      }
    }
    return null;
  }

  /** Lower is closer: an alternative whose type did not match is far, then count the errors. */
  private static long closeness(List<Error> errors, String pointer) {
    return (typeErrorAt(errors, pointer) == null ? 0L : 1L << 32) + errors.size();
  }

  /** The subschema at an evaluation path, following {@code $ref}s inside this schema document. */
  private JsonNode schemaAt(List<String> evaluationPath) {
    JsonNode node = schema;
    for (String segment : evaluationPath) {
      if ("$ref".equals(segment)) {
        JsonNode ref = node.get("$ref");
        if (ref == null || !ref.asText().startsWith("#")) {
          return null;
        }
        node = schema.at(ref.asText().substring(1));
      } else if (node.isArray()) {
        node = isIndex(segment) ? node.get(Integer.parseInt(segment)) : null;
      } else {
        node = node.get(segment.replace("~1", "/").replace("~0", "~"));
      }
      if (node == null || node.isMissingNode()) {
        return null;
      }
    }
    return node;
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
        return problem(
            at, "expected " + expectedTypes(keywordValue) + ", got " + typeOf(value), typeHint(keywordValue, value, def));
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
          Kind kind = kind(def);
          if (kind == null) {
            return problem(at, show(value) + " does not match the pattern " + keywordValue.asText(), null);
          }
          return problem(at, "expected " + kind.noun() + ", got " + show(value), kind.example());
        }
      case "format":
        {
          String format = keywordValue.asText();
          Kind kind = kind(def);
          String hint = "date-time".equals(format) ? "check that the day exists in that month" : kind == null ? null : kind.example();
          return problem(at, show(value) + " is not a valid " + format, hint);
        }
      case "minLength":
        return keywordValue.asInt() == 1
            ? problem(at, "must not be empty", null)
            : problem(at, "must be at least " + keywordValue.asInt() + " characters long", null);
      case "maxLength":
        {
          int length = value == null ? 0 : value.asText().codePointCount(0, value.asText().length());
          return problem(at, "must be at most " + keywordValue.asInt() + " characters long, got " + length, null);
        }
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
          Kind kind = kind(refName(keywordValue));
          String expected = kind == null ? "a valid key" : kind.noun();
          String hint = kind == null ? null : kind.example();
          return problem(at + "/" + escape(name), "invalid key " + quote(name) + ": expected " + expected, hint);
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
    String hint = def == null ? null : DEF_HINTS.get(def);
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
    Kind kind = kind(def);
    if (expected.contains("string") && (value.isNumber() || value.isBoolean())) {
      return kind != null && kind.example() != null
          ? kind.example()
          : "put the value in quotes: \"" + value.asText() + "\"";
    }
    boolean numeric = expected.contains("integer") || expected.contains("number");
    if (numeric && value.isTextual() && value.asText().strip().matches("-?[0-9]+(\\.[0-9]+)?")) {
      return "remove the quotes around " + value.asText().strip();
    }
    if (expected.contains("boolean") && value.isTextual()) {
      return "write true or false, without quotes";
    }
    return kind == null ? null : kind.example();
  }

  /** How values of a {@code $defs} entry look, or null for none or an entry without a pattern. */
  private static Kind kind(String def) {
    return def == null ? null : KINDS.get(def);
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

  /**
   * {@code 'text'}, shortened, with invisible characters escaped and the characters outside printable
   * ASCII named, so that a look-alike letter is seen: {@code 'kth-mаin' (with U+0430 CYRILLIC SMALL
   * LETTER A)}.
   */
  static String quote(String text) {
    return "'" + shorten(text) + "'" + Hints.unusual(text);
  }

  private static String shorten(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(MAX_SHOWN_VALUE)
        .forEach(c -> {
          if (Hints.invisible(c)) {
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
