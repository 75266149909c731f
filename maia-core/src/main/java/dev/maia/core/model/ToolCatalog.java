package dev.maia.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maia.core.model.Platform.CatalogOverride;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tools a project can enable: the built-in catalog ({@code templates/catalog.yaml}, packaged
 * at {@value #RESOURCE_ROOT}), with a platform's {@code spec.catalog} applied by {@link
 * #withOverrides}. Immutable.
 */
public final class ToolCatalog {

  /** Class-path folder of the catalog and the built-in values templates. */
  public static final String RESOURCE_ROOT = "/dev/maia/templates";

  private static final ToolCatalog BUILT_IN = read();

  private final Map<String, ToolDefinition> tools;
  private final LoginProxy loginProxy;

  private ToolCatalog(Map<String, ToolDefinition> tools, LoginProxy loginProxy) {
    this.tools = java.util.Collections.unmodifiableMap(new TreeMap<>(tools));
    this.loginProxy = loginProxy;
  }

  /** The catalog as built into this version of the compiler. */
  public static ToolCatalog builtIn() {
    return BUILT_IN;
  }

  /** The catalog with each override's repoURL, chart and version applied; unknown ids are ignored. */
  public ToolCatalog withOverrides(Map<String, CatalogOverride> overrides) {
    Map<String, ToolDefinition> result = new TreeMap<>(tools);
    overrides.forEach((id, o) -> result.computeIfPresent(id, (k, t) -> t.withChart(
        o.repoURL().orElse(t.repoURL()), o.chart().orElse(t.chart()), o.version().orElse(t.version()))));
    return new ToolCatalog(result, loginProxy);
  }

  /** The login proxy in front of the tools that do not log in themselves. */
  public LoginProxy loginProxy() {
    return loginProxy;
  }

  public Optional<ToolDefinition> tool(String id) {
    return Optional.ofNullable(tools.get(id));
  }

  /**
   * The catalogued tools a project enables, in id order: its {@code tools} keys, plus {@code ohif}
   * when its Orthanc names OHIF as its viewer.
   */
  public List<ToolDefinition> enabled(Project project) {
    Map<String, ToolDefinition> result = new TreeMap<>();
    project.tools().keySet().forEach(id -> tool(id).ifPresent(t -> result.put(id, t)));
    ToolSettings orthanc = project.tools().get("orthanc");
    if (orthanc != null && "ohif".equals(orthanc.text("viewer").orElse(""))) {
      tool("ohif").ifPresent(t -> result.put(t.id(), t));
    }
    return List.copyOf(result.values());
  }

  /** Every tool, in id order. */
  public Collection<ToolDefinition> tools() {
    return tools.values();
  }

  /** The tool ids, sorted. */
  public SortedSet<String> ids() {
    return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(tools.keySet()));
  }

  private static ToolCatalog read() {
    Map<String, ToolDefinition> tools = new TreeMap<>();
    JsonNode document = builtInDocument();
    document.path("tools").properties().forEach(e -> tools.put(e.getKey(), tool(e.getKey(), e.getValue())));
    return new ToolCatalog(tools, LoginProxy.of(document.path("loginProxy")));
  }

  /** The {@code chartMade} list of a catalog entry (a tool's, or a core component's). */
  public static List<ToolDefinition.ChartMade> chartMade(JsonNode list) {
    List<ToolDefinition.ChartMade> chartMade = new ArrayList<>();
    list.forEach(m -> {
      List<String> paths = new ArrayList<>();
      m.path("paths").forEach(p -> paths.add(p.asText()));
      chartMade.add(new ToolDefinition.ChartMade(m.path("apiVersion").asText("v1"), m.path("kind").asText(), m.path("name").asText(), paths,
          m.path("hook").asBoolean(false), m.path("holds").asText(""), m.path("why").asText()));
    });
    return chartMade;
  }

  /** The built-in catalog file as a tree (for the sections other than {@code tools}). */
  public static JsonNode builtInDocument() {
    try (InputStream in = ToolCatalog.class.getResourceAsStream(RESOURCE_ROOT + "/catalog.yaml")) {
      if (in == null) {
        throw new IllegalStateException("catalog.yaml is missing from the maia-core jar");
      }
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in catalog", e);
    }
  }

  private static List<String> strings(JsonNode list) {
    List<String> result = new ArrayList<>();
    list.forEach(item -> result.add(item.asText()));
    return result;
  }

  private static ToolDefinition tool(String id, JsonNode t) {
    JsonNode s = t.path("service");
    Optional<ToolDefinition.Service> service =
        s.isObject()
            ? Optional.of(new ToolDefinition.Service(s.path("name").asText(), s.path("port").asInt(), s.path("path").asText("/")))
            : Optional.empty();
    List<String> requires = new ArrayList<>();
    t.path("requires").forEach(r -> requires.add(r.asText()));
    Map<String, String> images = new TreeMap<>();
    t.path("images").properties().forEach(e -> images.put(e.getKey(), e.getValue().asText()));
    Map<String, String> homes = new TreeMap<>();
    t.path("homes").properties().forEach(e -> homes.put(e.getKey(), e.getValue().asText()));
    Map<String, ToolDefinition.ToolSecret> secrets = new TreeMap<>();
    t.path("secrets").properties().forEach(e -> {
      Map<String, String> keys = new TreeMap<>();
      e.getValue().path("keys").properties().forEach(k -> keys.put(k.getKey(), k.getValue().asText()));
      secrets.put(e.getKey(), new ToolDefinition.ToolSecret(e.getKey(), e.getValue().path("name").asText(), new TreeMap<>(keys)));
    });
    List<ToolDefinition.ChartMade> chartMade = chartMade(t.path("chartMade"));
    Map<String, ToolDefinition.Volume> volumes = new TreeMap<>();
    t.path("volumes").properties().forEach(e -> volumes.put(e.getKey(), new ToolDefinition.Volume(
        e.getKey(),
        e.getValue().path("size").asText(),
        e.getValue().path("perMember").asBoolean(false),
        e.getValue().hasNonNull("setting") ? Optional.of(e.getValue().get("setting").asText()) : Optional.empty(),
        e.getValue().hasNonNull("claim") ? Optional.of(e.getValue().get("claim").asText()) : Optional.empty(),
        e.getValue().path("shared").asBoolean(false))));
    return new ToolDefinition(
        id,
        t.path("description").asText(),
        ToolDefinition.Kind.of(t.path("kind").asText("chart")),
        t.path("repoURL").asText(""),
        t.path("chart").asText(""),
        t.path("version").asText(""),
        t.path("values").asText(""),
        t.path("path").asText("/"),
        t.path("subdomain").asText(""),
        t.path("stripPath").asBoolean(false),
        service,
        t.path("syncWave").asInt(10),
        requires,
        t.hasNonNull("pluginOf") ? Optional.of(t.get("pluginOf").asText()) : Optional.empty(),
        new TreeMap<>(images),
        new TreeMap<>(homes),
        new TreeMap<>(secrets),
        "platform".equals(t.path("ingress").asText("chart")),
        strings(t.path("valuesChecksum")),
        chartMade,
        new TreeMap<>(volumes),
        t.path("login").isObject()
            ? Optional.of(login(t.path("login")))
            : Optional.empty());
  }

  private static ToolDefinition.Login login(JsonNode login) {
    JsonNode u = login.path("upstream");
    return new ToolDefinition.Login(
        login.path("callback").asText(),
        login.path("secret").asText(),
        login.path("proxy").asBoolean(false),
        u.isObject() ? Optional.of(new ToolDefinition.Service(u.path("name").asText(), u.path("port").asInt(), u.path("path").asText("/"))) : Optional.empty());
  }
}
