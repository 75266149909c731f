package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.clustercore.CoreComponent;
import dev.maia.core.clustercore.CorePlan;
import dev.maia.core.load.RepoReader;
import dev.maia.core.load.SourceLocation;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Lock;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.model.ToolDefinition;
import dev.maia.core.output.Finding;
import dev.maia.core.output.SecurityLint;
import dev.maia.core.plan.GpuSchedule;
import dev.maia.core.problem.Problem;
import dev.maia.core.validate.Suggestions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The site's templates, checked before anything is written: the files of {@code templates/}
 * ({@link SiteTemplates}), every template a site template replaces or includes parsed and
 * searched for built-ins no template may use, then every overriding template rendered in the
 * {@link TemplateSandbox} for every place it applies (each tool of each project on each of its
 * clusters, each core component of each cluster), its output read as YAML and linted by the
 * output lint's document rules. Each problem is located at the template's own {@code
 * file:line:col}: where the template fails, or where it writes the YAML or the value that is
 * wrong. A file that replaces nothing and that no template reads is a warning.
 */
public final class TemplateCheck {

  /** What the check found: problems (the run stops) and warnings (it goes on). */
  public record Result(List<Problem> problems, List<String> warnings) {
    public Result {
      problems = List.copyOf(problems);
      warnings = List.copyOf(warnings);
    }
  }

  private static final Pattern INCLUDE = Pattern.compile("<#(?:include|import)\\s+(?:\"([^\"$]+)\"|'([^'$]+)')");

  private TemplateCheck() {}

  /**
   * Checks the site templates of the platform repo that {@code repo} reads, for the valid {@code platform}.
   *
   * @param schedule the GPU bookings in force at the time of the run, as the renderer sees them
   * @param lock the allocation of the platform's NodePorts
   */
  public static Result check(Platform platform, RepoReader repo, GpuSchedule schedule, Lock lock) {
    return check(platform, repo, schedule, lock, TemplateSandbox.TIME_BUDGET);
  }

  static Result check(Platform platform, RepoReader repo, GpuSchedule schedule, Lock lock, Duration timeBudget) {
    SiteTemplates site = SiteTemplates.of(repo);
    if (site.files().isEmpty() && site.problems().isEmpty()) {
      return new Result(List.of(), List.of());
    }
    SortedSet<String> builtIn = SiteTemplates.builtIn();
    List<Problem> problems = new ArrayList<>(site.problems());
    TemplateSandbox sandbox = new TemplateSandbox(site, timeBudget);
    Set<String> overrides = new TreeSet<>(site.files());
    overrides.retainAll(builtIn);
    Set<String> included = included(site, overrides);
    Grouped grouped = new Grouped();
    for (String name : sorted(overrides, included)) {
      sandbox.check(name).forEach(failure -> grouped.add(failure.location(), "", "", failure.getMessage(), failure.hint(), null));
    }
    if (grouped.isEmpty() && problems.isEmpty()) {
      UnitRenderer renderer = new UnitRenderer(platform, repo, schedule, lock, new ToolValues(sandbox));
      for (Map.Entry<String, List<Place>> template : places(platform, renderer, overrides).entrySet()) {
        render(sandbox, template.getKey(), template.getValue(), grouped);
      }
    }
    problems.addAll(grouped.problems());
    return new Result(problems, warnings(site, builtIn, overrides, included, sandbox.siteNamesRead()));
  }

  /** A render-stage failure of a template, as the problem it is. */
  static Problem problem(TemplateFailure failure, String place) {
    return new Problem(failure.location(), "", "for " + place + ": " + failure.getMessage(), failure.hint());
  }

  /** One place a template applies: what it is for, in messages, and its model. */
  private record Place(String description, Supplier<Map<String, Object>> model) {}

  /** The places of each overriding template, in the order of the platform. */
  private static Map<String, List<Place>> places(Platform platform, UnitRenderer renderer, Set<String> overrides) {
    Map<String, List<Place>> places = new LinkedHashMap<>();
    for (Cluster cluster : platform.clusters()) {
      CorePlan plan = renderer.core().plan(cluster);
      for (String id : plan.components()) {
        CoreComponent component = renderer.core().component(id);
        if (overrides.contains(component.valuesTemplate())) {
          places.computeIfAbsent(component.valuesTemplate(), t -> new ArrayList<>())
              .add(new Place(CoreRenderer.place(plan, component), () -> renderer.core().model(plan, component)));
        }
      }
    }
    for (Project written : platform.projects()) {
      for (String clusterName : written.clusters()) {
        Optional<Cluster> cluster = platform.cluster(clusterName);
        if (cluster.isEmpty()) {
          continue;
        }
        Project project = written.on(clusterName);
        for (ToolDefinition tool : renderer.tools().applicationTools(project)) {
          if (overrides.contains(tool.valuesTemplate())) {
            places.computeIfAbsent(tool.valuesTemplate(), t -> new ArrayList<>()).add(new Place(
                ToolRenderer.place(project, cluster.get(), tool), () -> renderer.tools().model(project, cluster.get(), tool)));
          }
        }
      }
    }
    return places;
  }

  /**
   * Renders a template at each of its places. The first place alone: a template that runs out of
   * its budget there is not tried again elsewhere, where it would cost as much again.
   */
  private static void render(TemplateSandbox sandbox, String name, List<Place> places, Grouped grouped) {
    for (int i = 0; i < places.size(); i++) {
      Place place = places.get(i);
      try {
        TemplateSandbox.Rendered rendered = sandbox.render(name, place.model().get(), true);
        checkOutput(sandbox, name, place, rendered, grouped);
      } catch (TemplateFailure failure) {
        grouped.add(failure.location(), "", "", failure.getMessage(), failure.hint(), place.description());
        if (failure.kind() == TemplateFailure.Kind.BUDGET) {
          return;
        }
      }
    }
  }

  /** The rendered values: YAML as values must be, and nothing the output lint refuses. */
  private static void checkOutput(TemplateSandbox sandbox, String name, Place place, TemplateSandbox.Rendered rendered, Grouped grouped) {
    SourceLocation start = sandbox.location(name, 1, 1);
    RenderedYaml yaml = RenderedYaml.read(rendered.text());
    for (RenderedYaml.Issue issue : yaml.issues()) {
      String earlier = issue.earlier() == null ? "" : " (first at " + locate(rendered, issue.earlier(), start) + ")";
      grouped.add(locate(rendered, issue.at(), start), "", "", issue.message() + earlier, issue.hint(), place.description());
    }
    if (!yaml.issues().isEmpty()) {
      return;
    }
    JsonNode values;
    try {
      values = ToolValues.parse(rendered.text());
    } catch (IOException e) {
      grouped.add(start, "", "", "the template renders values that are no YAML mapping: " + TemplateSandbox.words(e.getMessage()), null,
          place.description());
      return;
    }
    for (Finding finding : SecurityLint.values(name, values)) {
      String detail = finding.detail();
      String pointer = detail.startsWith("/") ? detail.substring(0, detail.indexOf(' ') < 0 ? detail.length() : detail.indexOf(' ')) : "";
      SourceLocation at = yaml.locate(pointer).map(a -> locate(rendered, a, start)).orElse(start);
      grouped.add(at, pointer, "output lint rule " + finding.rule().id() + ", ", detail, null, place.description());
    }
  }

  private static SourceLocation locate(TemplateSandbox.Rendered rendered, RenderedYaml.At at, SourceLocation fallback) {
    return rendered.map().locate(at.line(), at.column()).orElse(fallback);
  }

  /** The files the overriding templates include or import by a literal name, and the files those include. */
  private static Set<String> included(SiteTemplates site, Set<String> overrides) {
    Set<String> found = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>(overrides);
    while (!todo.isEmpty()) {
      String from = todo.pop();
      Optional<String> text = site.text(from);
      if (text.isEmpty()) {
        continue;
      }
      Matcher include = INCLUDE.matcher(text.get());
      while (include.find()) {
        resolve(from, include.group(1) != null ? include.group(1) : include.group(2))
            .filter(site.files()::contains)
            .filter(found::add)
            .ifPresent(todo::push);
      }
    }
    found.removeAll(overrides);
    return found;
  }

  /** The template name {@code reference} stands for in template {@code from}, as Freemarker resolves it; empty above the root. */
  static Optional<String> resolve(String from, String reference) {
    String base = reference.startsWith("/") || from.lastIndexOf('/') < 0 ? "" : from.substring(0, from.lastIndexOf('/') + 1);
    Deque<String> parts = new ArrayDeque<>();
    for (String part : (base + reference).split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("/", parts));
  }

  private static List<String> sorted(Set<String> overrides, Set<String> included) {
    Set<String> all = new TreeSet<>(overrides);
    all.addAll(included);
    return List.copyOf(all);
  }

  /** One warning per file of the folder that replaces no built-in template and that no template reads. */
  private static List<String> warnings(SiteTemplates site, SortedSet<String> builtIn, Set<String> overrides, Set<String> included,
      Set<String> read) {
    List<String> warnings = new ArrayList<>();
    for (String name : site.files()) {
      if (overrides.contains(name) || included.contains(name) || read.contains(name)) {
        continue;
      }
      String file = name.isEmpty() ? SiteTemplateLoader.FOLDER : SiteTemplateLoader.FOLDER + "/" + name;
      String closest = name.isEmpty() ? null : Suggestions.hint(name, builtIn);
      warnings.add(file + " replaces no built-in template and no template includes it, so nothing reads it"
          + (closest == null ? "" : " (" + closest + ")") + "; a site's template replaces the built-in one of the same path under "
          + SiteTemplateLoader.FOLDER + "/, one of " + String.join(", ", builtIn) + ".");
    }
    return warnings;
  }

  /** Problems with the places each was found at: one problem per place in the template, naming the first place. */
  private static final class Grouped {
    private record Key(SourceLocation location, String pointer, String lead, String what, String hint) {}

    private final Map<Key, List<String>> places = new LinkedHashMap<>();

    void add(SourceLocation location, String pointer, String lead, String what, String hint, String place) {
      List<String> at = places.computeIfAbsent(new Key(location, pointer, lead, what, hint), k -> new ArrayList<>());
      if (place != null) {
        at.add(place);
      }
    }

    boolean isEmpty() {
      return places.isEmpty();
    }

    List<Problem> problems() {
      List<Problem> problems = new ArrayList<>();
      places.forEach((key, at) -> {
        String where = at.isEmpty()
            ? ""
            : "for " + at.get(0) + (at.size() == 1 ? "" : " and " + (at.size() - 1) + (at.size() == 2 ? " other place" : " other places")) + ": ";
        problems.add(new Problem(key.location(), key.pointer(), key.lead() + where + key.what(), key.hint()));
      });
      return problems;
    }
  }
}
