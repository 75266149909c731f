package dev.maia.core.clustercore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.model.Platform.CatalogOverride;
import dev.maia.core.model.ToolCatalog;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The foundation components: the {@code core:} section of the built-in catalog, with a
 * platform's {@code spec.catalog} applied by {@link #withOverrides} (a mirror, another version),
 * as for the tools. Immutable.
 */
public final class CoreCatalog {

  private static final CoreCatalog BUILT_IN = read();

  private final Map<String, CoreComponent> components;

  private CoreCatalog(Map<String, CoreComponent> components) {
    this.components = java.util.Collections.unmodifiableMap(new TreeMap<>(components));
  }

  public static CoreCatalog builtIn() {
    return BUILT_IN;
  }

  /** The catalog with each override's repoURL, chart and version applied; ids of tools are ignored. */
  public CoreCatalog withOverrides(Map<String, CatalogOverride> overrides) {
    Map<String, CoreComponent> result = new TreeMap<>(components);
    overrides.forEach((id, o) -> result.computeIfPresent(id, (k, c) -> c.withChart(
        o.repoURL().orElse(c.repoURL()), o.chart().orElse(c.chart()), o.version().orElse(c.version()))));
    return new CoreCatalog(result);
  }

  public CoreComponent component(String id) {
    return Optional.ofNullable(components.get(id)).orElseThrow(() -> new IllegalArgumentException("no core component " + id));
  }

  /** The component ids, sorted. */
  public SortedSet<String> ids() {
    return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(components.keySet()));
  }

  private static CoreCatalog read() {
    Map<String, CoreComponent> components = new TreeMap<>();
    ToolCatalog.builtInDocument().path("core").properties().forEach(e -> components.put(e.getKey(), component(e.getKey(), e.getValue())));
    return new CoreCatalog(components);
  }

  private static CoreComponent component(String id, JsonNode c) {
    return new CoreComponent(
        id,
        c.path("description").asText(),
        c.path("repoURL").asText(),
        c.path("chart").asText(),
        c.path("version").asText(),
        c.path("namespace").asText(),
        c.path("podSecurity").asText(""),
        c.path("values").asText(),
        c.path("syncWave").asInt(),
        c.path("crds").asBoolean(false),
        c.path("skipCrds").asBoolean(false),
        ToolCatalog.chartMade(c.path("chartMade")));
  }
}
