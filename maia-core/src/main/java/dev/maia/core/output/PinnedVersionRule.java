package dev.maia.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.output.LintedDocument.Node;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rule {@code pinned-versions}: what runs is decided by the Git commit, not by the day of the sync.
 *
 * <ul>
 *   <li>every Helm chart source of an ArgoCD resource (an object with {@code repoURL} and {@code chart}) has an exact
 *       {@code targetRevision} ({@code 4.2.0}, {@code v1.2.3-rc.1}); not {@code latest}, {@code *},
 *       {@code ^1.2}, {@code ~1}, {@code >=1.0.0}, {@code 1.x}, {@code HEAD}, a branch or empty. In an
 *       ApplicationSet whose template takes the revision from its elements, each element is such a
 *       source and is checked instead;
 *   <li>every image reference in a string field named {@code image} (or {@code ...Image}) has a
 *       digest or a tag that does not move ({@code :latest}, {@code :stable}, ... move; no tag
 *       means {@code latest});
 *   <li>every {@code tag} next to a {@code repository} (or an image {@code name}) that is given is
 *       not a moving one. An absent or empty tag leaves the chart's own default, which the exact
 *       chart version pins.
 * </ul>
 */
final class PinnedVersionRule implements DocumentRule {

  /** An exact SemVer 2 version, optionally with a leading {@code v}. */
  private static final Pattern EXACT_VERSION =
      Pattern.compile("v?(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

  private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}");

  /** Tags that point at a different image from one day to the next. */
  static final Set<String> MOVING_TAGS =
      Set.of("latest", "stable", "edge", "nightly", "main", "master", "head", "dev", "develop", "canary");

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{.*}}|\\$\\{[^}]+}", Pattern.DOTALL);

  @Override
  public void check(LintedDocument document, List<Finding> findings) {
    for (Node node : document.nodes()) {
      JsonNode value = node.value();
      if (value.isObject()) {
        if (document.isArgoCd() && value.has("chart") && value.has("repoURL")) {
          chartRevision(document, node, findings);
        }
        imageTag(document, node, findings);
      } else if (value.isTextual() && node.key() != null && LintedDocument.normalized(node.key()).endsWith("image")
          && !hasTag(node.parent())) {
        imageReference(document, node, findings);
      }
    }
  }

  private static void chartRevision(LintedDocument document, Node node, List<Finding> findings) {
    String chart = node.value().path("chart").asText("");
    JsonNode revision = node.value().get("targetRevision");
    String text = revision == null || revision.isNull() ? "" : revision.asText("").strip();
    if ("ApplicationSet".equals(document.kind()) && GoTemplate.isTemplate(text)) {
      return; // filled in by the generator's elements, which hold repoURL, chart and targetRevision and are checked as sources
    }
    if (!EXACT_VERSION.matcher(text).matches()) {
      findings.add(
          document.finding(
              SecurityRule.PINNED_VERSIONS,
              node.pointer() + "/targetRevision of chart '" + chart + "' is "
                  + (text.isEmpty() ? "empty" : "'" + text + "'")
                  + ", not an exact version; pin one such as 1.2.3 (spec.catalog.TOOL.version)"));
    }
  }

  /** {@code {repository: x, tag: y}} or {@code {name: x, tag: y}}. */
  private static void imageTag(LintedDocument document, Node node, List<Finding> findings) {
    JsonNode object = node.value();
    JsonNode tag = object.get("tag");
    boolean image = object.has("repository") || object.has("name") || object.has("image");
    if (!image || tag == null || !(tag.isTextual() || tag.isNumber()) || hasDigest(object)) {
      return;
    }
    String text = tag.asText().strip();
    if (MOVING_TAGS.contains(text.toLowerCase(Locale.ROOT))) {
      findings.add(
          document.finding(
              SecurityRule.PINNED_VERSIONS,
              node.pointer() + "/tag is '" + text + "', which moves; pin an exact tag or a digest"));
    }
  }

  private static void imageReference(LintedDocument document, Node node, List<Finding> findings) {
    String ref = node.value().textValue().strip();
    if (ref.isEmpty() || TEMPLATE.matcher(ref).find()) {
      return;
    }
    int at = ref.indexOf('@');
    if (at >= 0) {
      if (!DIGEST.matcher(ref.substring(at + 1)).matches()) {
        findings.add(
            document.finding(
                SecurityRule.PINNED_VERSIONS,
                node.pointer() + " is '" + ref + "', whose digest is not algorithm:hex; use a digest such as sha256:..."));
      }
      return;
    }
    int colon = ref.lastIndexOf(':');
    if (colon <= ref.lastIndexOf('/')) {
      findings.add(
          document.finding(
              SecurityRule.PINNED_VERSIONS,
              node.pointer() + " is '" + ref + "' without a tag, which pulls 'latest'; pin an exact tag or a digest"));
    } else if (MOVING_TAGS.contains(ref.substring(colon + 1).toLowerCase(Locale.ROOT))) {
      findings.add(
          document.finding(
              SecurityRule.PINNED_VERSIONS,
              node.pointer() + " is '" + ref + "', whose tag moves; pin an exact tag or a digest"));
    }
  }

  /** True when the object holding an image string gives the tag or digest beside it. */
  private static boolean hasTag(JsonNode parent) {
    return parent != null && parent.isObject() && (parent.has("tag") || hasDigest(parent));
  }

  private static boolean hasDigest(JsonNode object) {
    JsonNode digest = object.get("digest");
    return digest != null && digest.isTextual() && !digest.textValue().isBlank();
  }
}
