package dev.maia.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.maia.core.ValidPlatform;
import dev.maia.core.load.LoadedPlatform;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Project;
import dev.maia.core.problem.Problem;
import dev.maia.core.verify.admission.Admission;
import dev.maia.core.verify.helm.RenderedObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the admission checks ({@link Admission}) over a generated tree and the reports of its chart
 * Applications, per cluster, and locates each finding at the platform field that decides it.
 */
final class AdmissionChecks {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String BASE = "bases/project/resources.yaml";

  private AdmissionChecks() {}

  static List<Problem> check(ValidPlatform valid, Path tree, List<ApplicationReport> reports, Instant now) {
    Map<String, List<ApplicationReport>> byNamespace = new TreeMap<>();
    for (ApplicationReport report : reports) {
      ChartApplication application = report.application();
      byNamespace.computeIfAbsent(application.cluster() + "/" + application.project(), k -> new ArrayList<>()).add(report);
    }
    List<JsonNode> base = read(tree.resolve(BASE));
    Admission admission = new Admission(valid.platform(), now);
    List<Problem> problems = new ArrayList<>();
    for (Cluster cluster : valid.platform().clusters()) {
      List<Admission.Namespace> namespaces = new ArrayList<>();
      for (Project placed : valid.platform().projects()) {
        if (!placed.clusters().contains(cluster.name())) {
          continue;
        }
        Project project = placed.on(cluster.name());
        Path own = tree.resolve("clusters").resolve(cluster.name()).resolve("projects").resolve(project.name()).resolve("resources.yaml");
        if (!Files.isRegularFile(own)) {
          continue;
        }
        List<JsonNode> objects = new ArrayList<>(base);
        objects.addAll(read(own));
        List<Admission.Chart> charts = new ArrayList<>();
        for (ApplicationReport report : byNamespace.getOrDefault(cluster.name() + "/" + project.name(), List.of())) {
          ChartApplication application = report.application();
          charts.add(new Admission.Chart(application.name(), application.tool(), application.releaseName(),
              report.rendered().stream().map(RenderedObject::object).toList()));
        }
        namespaces.add(new Admission.Namespace(cluster.name(), project, cluster.ingress().controllerNamespace(), objects, charts));
      }
      List<Admission.Result> results = new ArrayList<>();
      for (int i = 0; i < namespaces.size(); i++) {
        Admission.Result result = admission.check(namespaces.get(i), i);
        results.add(result);
        result.findings().forEach(finding -> problems.add(problem(valid.loaded(), finding)));
      }
      Admission.isolation(results).forEach(finding -> problems.add(problem(valid.loaded(), finding)));
    }
    return problems;
  }

  private static Problem problem(LoadedPlatform loaded, Admission.Finding finding) {
    String pointer = pointer(loaded, finding);
    return new Problem(loaded.sources().locate(pointer), pointer,
        finding.check() + ": " + finding.project() + " on " + finding.cluster() + ": " + finding.message(), finding.hint());
  }

  /** The pointer of a finding's field: in its project, or platform-wide when the field starts with '/'. */
  static String pointer(LoadedPlatform loaded, Admission.Finding finding) {
    JsonNode spec = loaded.document().path("spec");
    String field = finding.field();
    if (field.startsWith("/")) {
      String[] parts = field.substring(1).split("/", 3);
      if (parts.length >= 2 && (parts[0].equals("hpc") || parts[0].equals("bookings"))) {
        JsonNode list = spec.path(parts[0]);
        for (int i = 0; i < list.size(); i++) {
          JsonNode item = list.get(i);
          if (parts[1].equals(item.path("name").asText()) || parts[1].equals(item.path("id").asText())) {
            return "/spec/" + parts[0] + "/" + i;
          }
        }
        return "/spec/" + parts[0];
      }
      return "/spec" + field;
    }
    JsonNode projects = spec.path("projects");
    for (int i = 0; i < projects.size(); i++) {
      if (projects.get(i).path("name").asText().equals(finding.project())) {
        return "/spec/projects/" + i + (field.isEmpty() ? "" : "/" + field);
      }
    }
    return "/spec/projects";
  }

  private static List<JsonNode> read(Path file) {
    List<JsonNode> objects = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return objects;
    }
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && document.isObject()) {
          objects.add(document);
        }
      }
      return objects;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.getFileName() + " of the tree: " + e.getMessage(), e);
    }
  }
}
