package dev.maia.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.load.LoadedPlatform;
import dev.maia.core.load.PlatformLoader;
import dev.maia.core.load.RepoReader;
import dev.maia.core.load.SourceLocation;
import dev.maia.core.load.YamlFileReader;
import dev.maia.core.model.ToolCatalog;
import dev.maia.core.model.ToolDefinition;
import dev.maia.core.problem.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Traces what {@code maia:verify} finds back to where the platform decides it: a key of a tool's
 * values to the line of its values template that writes it (the site's template under {@code
 * templates/} of the platform repo, or the built-in one), a chart that cannot be had to its pin in
 * {@code spec.catalog} or the built-in catalog, anything else about a tool to the tool in its
 * project. The same finding in many Applications (a built-in template used by every project)
 * becomes one problem that names them.
 */
final class Tracer {

  private static final String CATALOG = "catalog.yaml";

  private final LoadedPlatform loaded;
  private final ToolCatalog catalog;
  private final Map<String, TemplateKeys> templates = new ConcurrentHashMap<>();
  private final Map<String, SourceLocation> builtInCatalog;

  Tracer(LoadedPlatform loaded, ToolCatalog catalog) {
    this.loaded = loaded;
    this.catalog = catalog;
    this.builtInCatalog = readBuiltInCatalog();
  }

  /** Where a finding about an Application is decided, and the pointer shown with it. */
  record Place(SourceLocation location, String pointer) {}

  Place place(ChartApplication application, ChartFinding finding) {
    Optional<String> core = application.coreComponent();
    if (finding.check() == ChartFinding.Check.OFFLINE) {
      return core.map(id -> pin(id, "/core/")).orElseGet(() -> pin(application.tool()));
    }
    Optional<String> template = core.isPresent()
        ? Optional.of(dev.maia.core.clustercore.CoreCatalog.builtIn().component(core.get()).valuesTemplate())
        : catalog.tool(application.tool()).map(ToolDefinition::valuesTemplate);
    if (template.isPresent() && !template.get().isEmpty()) {
      TemplateKeys keys = templates.computeIfAbsent(template.get(), this::templateKeys);
      return new Place(keys.locate(finding.valuesPointer()), finding.valuesPointer().isEmpty() ? "/" : finding.valuesPointer());
    }
    return tool(application);
  }

  /** The tool in its project: {@code /spec/projects/N/tools/TOOL}. */
  Place tool(ChartApplication application) {
    JsonNode projects = loaded.document().path("spec").path("projects");
    for (int i = 0; i < projects.size(); i++) {
      if (projects.get(i).path("name").asText().equals(application.project())) {
        String pointer = "/spec/projects/" + i + "/tools/" + application.tool();
        return new Place(loaded.sources().locate(pointer), pointer);
      }
    }
    return new Place(loaded.sources().locate(""), "");
  }

  /** Where a tool's chart is pinned: its {@code spec.catalog} override, or the built-in catalog. */
  Place pin(String toolId) {
    return pin(toolId, "/tools/");
  }

  /** Where a tool's or core component's chart is pinned ({@code section} of the built-in catalog: tools or core). */
  private Place pin(String id, String section) {
    String pointer = "/spec/catalog/" + id;
    if (loaded.sources().contains(pointer)) {
      return new Place(loaded.sources().locate(pointer + "/version"), pointer);
    }
    return pinOfBuiltIn(id, section);
  }

  /** Where the built-in catalog pins a tool's chart. */
  Place pinOfBuiltIn(String toolId) {
    return pinOfBuiltIn(toolId, "/tools/");
  }

  private Place pinOfBuiltIn(String toolId, String section) {
    String pointer = section + toolId + "/version";
    return new Place(builtInCatalog.getOrDefault(pointer, SourceLocation.startOf(SourceLocation.BUILT_IN + "templates/" + CATALOG)), pointer);
  }

  /**
   * One problem per place and finding, naming every Application that has it: the findings of
   * {@code reports}, located.
   */
  List<Problem> problems(List<ApplicationReport> reports) {
    record Key(Place place, ChartFinding.Check check, String message, String hint) {}
    Map<Key, List<String>> grouped = new TreeMap<>((a, b) -> {
      int c = a.place().location().compareTo(b.place().location());
      if (c == 0) {
        c = a.place().pointer().compareTo(b.place().pointer());
      }
      if (c == 0) {
        c = a.message().compareTo(b.message());
      }
      return c;
    });
    for (ApplicationReport report : reports) {
      for (ChartFinding finding : report.findings()) {
        Key key = new Key(place(report.application(), finding), finding.check(), finding.message(), finding.hint());
        grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(report.application().name());
      }
    }
    List<Problem> problems = new ArrayList<>();
    grouped.forEach((key, applications) -> {
      String where = applications.size() == 1
          ? "Application " + applications.get(0)
          : applications.size() + " Applications (" + Renders.list(applications, 3) + ")";
      problems.add(new Problem(key.place().location(), key.place().pointer(),
          key.check().id() + ": " + where + ": " + key.message(), key.hint()));
    });
    return problems;
  }

  private TemplateKeys templateKeys(String template) {
    String site = PlatformLoader.TEMPLATES + "/" + template;
    if (loaded.repo().read(site) instanceof RepoReader.Content content) {
      return TemplateKeys.of(site, new String(content.bytes(), StandardCharsets.UTF_8));
    }
    try (InputStream in = Tracer.class.getResourceAsStream(ToolCatalog.RESOURCE_ROOT + "/" + template)) {
      String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return TemplateKeys.of(SourceLocation.BUILT_IN + "templates/" + template, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the values template " + template + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, SourceLocation> readBuiltInCatalog() {
    try (InputStream in = Tracer.class.getResourceAsStream(ToolCatalog.RESOURCE_ROOT + "/" + CATALOG)) {
      if (in == null) {
        return Map.of();
      }
      return new YamlFileReader().read(SourceLocation.BUILT_IN + "templates/" + CATALOG, in.readAllBytes()).locations();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in catalog", e);
    }
  }
}
