package dev.maia.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words schema problems are written in: what a value of each pattern looks like, the hints
 * some keywords get, and a value or a type as a person would write it. {@link SchemaErrors} decides
 * which problem to report; this class says it.
 */
final class SchemaWords {

  private SchemaWords() {}

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
              "addressRange",
              new Kind("an address range", "a CIDR such as 192.168.10.0/28, or first-last such as 192.168.10.240-192.168.10.250")),
          Map.entry(
              "absolutePath",
              new Kind("an absolute path", "starting with / and without spaces, such as /srv/nfs/maia")),
          Map.entry(
              "hostOrAddress",
              new Kind("a host name or an IP address", "such as nfs.example.org or 10.0.0.5")),
          Map.entry(
              "hostname",
              new Kind(
                  "a host name",
                  "lower-case letters, digits, '-' and '.', each part starting and ending with a letter or digit, such as"
                      + " maia.example.org")),
          Map.entry(
              "labelKey",
              new Kind("a Kubernetes label key", "such as env or example.org/site")),
          Map.entry(
              "clusterLabelKey",
              new Kind(
                  "a label key of your own",
                  "such as env or example.org/site; keys of maia.dev, argoproj.io, kubernetes.io and k8s.io are set by the"
                      + " platform, ArgoCD and Kubernetes, and a label of theirs would be overridden or would change what they do")),
          Map.entry(
              "reservedLabelKey",
              new Kind("a label key of the platform, ArgoCD or Kubernetes", "such as maia.dev/cluster or kubernetes.io/os")),
          Map.entry(
              "labelValue",
              new Kind("a Kubernetes label value", "at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit")),
          Map.entry(
              "gpuProduct",
              new Kind("a GPU product name", "as the node label nvidia.com/gpu.product shows it, such as NVIDIA-A100-SXM4-80GB")),
          Map.entry(
              "kubernetesVersion",
              new Kind("a Kubernetes version", "major.minor or major.minor.patch, such as 1.33 or 1.33.4")),
          Map.entry(
              "userName",
              new Kind(
                  "a POSIX user name",
                  "letters, digits, '.', '_' and '-', such as maia; not starting with '-', which ssh would read as an option")),
          Map.entry(
              "schedulerName",
              new Kind(
                  "an account or partition name",
                  "letters, digits, '.', '_' and '-', starting with a letter or digit, such as NAISS2026-5-123 or alvis; a"
                      + " leading '-' would be read as an option")),
          Map.entry(
              "token",
              new Kind("a value without spaces", null)),
          Map.entry(
              "hpcKeyPattern",
              new Kind(
                  "a store key with {user} in it",
                  "such as hpc/alvis/{user}: each member's own entry, {user} standing for their user name on the system; one"
                      + " entry for every member is the explicit opt-in credentials: {shared: {user: ..., secretKey: ...}}")),
          Map.entry(
              "refName",
              new Kind(
                  "a Git branch name",
                  "such as gitops or release/2026 (git check-ref-format): no spaces, '..', '~', '^', ':', '?', '*', '[', '\\' or"
                      + " '@{', no part starting with '.' or ending with .lock, not starting with '-' or refs/")),
          Map.entry(
              "chartName",
              new Kind(
                  "a chart name",
                  "letters, digits, '.', '_' and '-', such as jupyterhub, or for a chart in a Git repository its folder, such as"
                      + " deploy/chart/local-path-provisioner; no part starting with '.'")),
          Map.entry(
              "groupPrefix",
              new Kind(
                  "a group prefix",
                  "such as MAIA:, with no ',' or '\"', no control characters, no leading space, and not system:, the prefix of"
                      + " Kubernetes' own groups")),
          Map.entry(
              "oneLine",
              new Kind("one line of text", "without line breaks or other control characters")),
          Map.entry(
              "group",
              new Kind(
                  "an OIDC group name",
                  "such as MAIA:brain-mets: no ',' or '\"' (ArgoCD's RBAC policy is CSV), no control characters or spaces at"
                      + " either end, and no system: prefix, which Kubernetes gives to every user or service account")),
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
              "pinnedImage",
              new Kind(
                  "a pinned image with its registry",
                  "such as docker.io/library/python:3.13.1-alpine3.21 or registry.example.org/mirror/python@sha256:<64 hex>; a"
                      + " tag that moves (latest, or none) would change what runs without a change in Git")),
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
  static final Map<String, String> DEF_HINTS =
      Map.of("portRange", "write [from, to], such as [30000, 30999]");

  /** Hints for required fields that depend on other fields, by schema location. */
  static final Map<String, String> REQUIRED_HINTS =
      Map.of("/properties/spec/properties/secrets/else/required", "a store is needed unless provider is sealed-secrets");


  /** A field the schema no longer has, and what to write instead. */
  record Removed(String message, String hint) {}

  /**
   * Removed fields, by the schema location of the mapping that had them and their name: an old
   * platform learns what to write instead, rather than that the field is unknown.
   */
  static final Map<String, Removed> REMOVED_FIELDS =
      Map.of(
          "/$defs/hpcSystem/user",
          new Removed(
              "'user' gave every member of every listed project one shared account; HPC accounts are per person unless"
                  + " the platform opts into sharing one",
              "give each member their own account under users ({name@example.org: their-user-name}), or opt into one"
                  + " shared account with credentials: {shared: {user: ..., secretKey: ...}}"));

  private static final int MAX_SHOWN_VALUE = 60;

  static String expectedTypes(JsonNode type) {
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

  static String typeName(String schemaType) {
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

  static String typeHint(JsonNode type, JsonNode value, String def) {
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
  static Kind kind(String def) {
    return def == null ? null : KINDS.get(def);
  }

  static String items(int n) {
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
   * LETTER A)}. Credentials in a URL are masked ({@code 'https://****@host'}).
   */
  static String quote(String text) {
    return "'" + shorten(UrlCredentials.mask(text)) + "'" + Hints.unusual(text);
  }

  static String shorten(String text) {
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

}
