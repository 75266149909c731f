package dev.maia.core.validate;

import dev.maia.core.problem.Problem;

import static dev.maia.core.validate.SchemaWords.*;

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
        String names = present.stream().map(SchemaWords::quote).collect(Collectors.joining(" and "));
        return List.of(problem(at + "/" + escape(last), names + " are both set", "set only one of them"));
      }
      if (present.isEmpty()) {
        String names = requiredOnly.stream().map(SchemaWords::quote).collect(Collectors.joining(" or "));
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
      case "maxProperties": {
        List<String> fields = new ArrayList<>();
        JsonNode instance = error.getInstanceNode();
        if (instance != null) {
          instance.fieldNames().forEachRemaining(fields::add);
        }
        int shown = Math.min(fields.size(), MAX_LISTED_FIELDS);
        String written = fields.isEmpty() ? ""
            : " (" + String.join(", ", fields.subList(0, shown)) + (fields.size() > shown ? ", ..." : "") + ")";
        return keywordValue.asInt() == 1
            ? problem(at, "takes one field, not " + fields.size() + written, "keep the one you mean")
            : problem(at, "takes at most " + keywordValue.asText() + " fields, not " + fields.size() + written, null);
      }
      default:
        return problem(at, error.getMessage(), null);
    }
  }

  private Problem unknownField(Error error, String at) {
    String name = error.getProperty();
    NodePath keyword = error.getSchemaLocation().getFragment();
    String ownerPointer = jsonPointer(keyword.getParent());
    Removed removed = REMOVED_FIELDS.get(ownerPointer + "/" + name);
    if (removed != null) {
      return problem(at + "/" + escape(name), removed.message(), removed.hint());
    }
    JsonNode owner = schema.at(ownerPointer);
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
