package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maia.core.model.Platform.CatalogOverride;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The built-in tools ({@code templates/catalog.yaml}) with the platform's {@code spec.catalog} applied. */
final class ToolCatalog {

  static final String RESOURCE_ROOT = "/dev/maia/templates";

  private final Map<String, ToolDefinition> tools;

  private ToolCatalog(Map<String, ToolDefinition> tools) {
    this.tools = Map.copyOf(tools);
  }

  static ToolCatalog builtIn() {
    try (InputStream in = ToolCatalog.class.getResourceAsStream(RESOURCE_ROOT + "/catalog.yaml")) {
      if (in == null) {
        throw new IllegalStateException("catalog.yaml is missing from the maia-core jar");
      }
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
      Map<String, ToolDefinition> tools = new TreeMap<>();
      root.path("tools").fields().forEachRemaining(e -> {
        JsonNode t = e.getValue();
        tools.put(
            e.getKey(),
            new ToolDefinition(
                e.getKey(),
                t.path("description").asText(),
                t.path("repoURL").asText(),
                t.path("chart").asText(),
                t.path("version").asText(),
                t.path("values").asText(),
                t.path("path").asText("/"),
                t.path("syncWave").asInt(10)));
      });
      return new ToolCatalog(tools);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in tool catalog", e);
    }
  }

  /** The catalog with each override's repoURL, chart and version applied. */
  ToolCatalog withOverrides(Map<String, CatalogOverride> overrides) {
    Map<String, ToolDefinition> result = new TreeMap<>(tools);
    overrides.forEach((id, o) -> result.computeIfPresent(id, (k, t) -> new ToolDefinition(
        t.id(),
        t.description(),
        o.repoURL().orElse(t.repoURL()),
        o.chart().orElse(t.chart()),
        o.version().orElse(t.version()),
        t.valuesTemplate(),
        t.path(),
        t.syncWave())));
    return new ToolCatalog(result);
  }

  Optional<ToolDefinition> tool(String id) {
    return Optional.ofNullable(tools.get(id));
  }
}
