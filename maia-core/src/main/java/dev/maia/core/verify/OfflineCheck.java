package dev.maia.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maia.core.verify.ChartFinding.Check;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Check {@code offline}: a chart whose {@code values.schema.json} (its own or a subchart's) refers
 * to a schema on another host makes Helm download it on every render (Helm 3.18 and later load
 * {@code http} and {@code https} references), so an ArgoCD repo-server without internet access
 * cannot render the chart, and the render depends on a host outside the platform. The check reads
 * the schemas before anything is rendered: such a chart is not given to Helm at all, so that
 * {@code maia:verify} itself never reaches another host. {@code skipSchemaValidation} on the
 * Application turns Helm's schema validation off, and this check with it.
 */
final class OfflineCheck {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OfflineCheck() {}

  /** The finding for a working copy whose schemas refer to other hosts, or empty. */
  static Optional<ChartFinding> check(ChartApplication application, Path chart) {
    if (application.skipSchemaValidation()) {
      return Optional.empty();
    }
    TreeSet<String> remote = new TreeSet<>();
    try (Stream<Path> files = Files.walk(chart)) {
      for (Path schema : files.filter(p -> p.getFileName().toString().equals("values.schema.json")).sorted().toList()) {
        remote.addAll(remoteReferences(Files.readAllBytes(schema)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the schemas of " + chart + ": " + e.getMessage(), e);
    }
    if (remote.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ChartFinding(
        Check.OFFLINE,
        "",
        "the values schema of " + application.chart().chart() + " " + application.chart().version() + " refers to "
            + Renders.list(remote, 3) + ": Helm downloads them on every render, so an ArgoCD repo-server without internet "
            + "access cannot render the chart (maia:verify did not render it, to reach no other host)",
        "use a chart version whose values.schema.json is self-contained (a published archive with its schemas "
            + "dereferenced, or a mirror's), or set spec.source.helm.skipSchemaValidation: true in a site template of the tool's "
            + "Application (Helm then skips the chart's schema; maia:verify still renders and checks what it makes)"));
  }

  /** The {@code http(s)} URLs a schema document refers to, resolved against its {@code $id}. */
  static List<String> remoteReferences(byte[] schema) {
    JsonNode root;
    try {
      root = JSON.readTree(schema);
    } catch (IOException e) {
      return List.of(); // Helm reports a schema it cannot read when it renders
    }
    URI base = null;
    try {
      String id = root.path("$id").asText(root.path("id").asText(""));
      base = id.isEmpty() ? null : new URI(id);
    } catch (URISyntaxException e) {
      base = null;
    }
    List<String> result = new ArrayList<>();
    collect(root, base, result);
    return result;
  }

  private static void collect(JsonNode node, URI base, List<String> result) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if ((field.getKey().equals("$ref") || field.getKey().equals("$dynamicRef")) && field.getValue().isTextual()) {
          remote(field.getValue().asText(), base).ifPresent(result::add);
        } else {
          collect(field.getValue(), base, result);
        }
      }
    } else if (node.isArray()) {
      node.forEach(item -> collect(item, base, result));
    }
  }

  private static Optional<String> remote(String reference, URI base) {
    try {
      URI ref = new URI(reference);
      URI resolved = base == null ? ref : base.resolve(ref);
      String scheme = resolved.getScheme();
      if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
        return Optional.empty();
      }
      URI document = new URI(resolved.getScheme(), resolved.getSchemeSpecificPart(), null);
      if (base != null && document.equals(new URI(base.getScheme(), base.getSchemeSpecificPart(), null))) {
        return Optional.empty(); // a reference into the schema itself
      }
      return Optional.of(document.toString());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
