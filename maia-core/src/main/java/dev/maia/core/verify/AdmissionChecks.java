package dev.maia.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.maia.core.ValidPlatform;
import dev.maia.core.Version;
import dev.maia.core.load.LoadedPlatform;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Project;
import dev.maia.core.problem.Problem;
import dev.maia.core.verify.admission.Admission;
import dev.maia.core.verify.admission.BookingAdmission;
import dev.maia.core.verify.chart.ChartDigest;
import dev.maia.core.verify.helm.RenderedObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs the admission checks ({@link Admission}) over a generated tree and the reports of its chart
 * Applications, per cluster, and locates each finding at the platform field that decides it. What
 * a namespace's checks found is kept in the {@link VerifyCache} by everything that decides it (its
 * tree files, its project's settings, the issuer and HPC systems, its bookings active now, the
 * report keys of its Applications), so a run reads the rendered objects of changed namespaces only.
 */
final class AdmissionChecks {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE = "bases/project/resources.yaml";

  private final VerifyCache cache;

  /** @param cache where results are kept, or null to check every namespace */
  AdmissionChecks(VerifyCache cache) {
    this.cache = cache;
  }

  /**
   * The located findings of the tree's project namespaces; {@code keys} are the report keys of the
   * Applications by name (a namespace with an Application without one is checked afresh).
   */
  List<Problem> check(ValidPlatform valid, Path tree, List<ApplicationReport> reports, Map<String, String> keys, Instant now) {
    Map<String, List<ApplicationReport>> byNamespace = new TreeMap<>();
    for (ApplicationReport report : reports) {
      ChartApplication application = report.application();
      byNamespace.computeIfAbsent(application.cluster() + "/" + application.project(), k -> new ArrayList<>()).add(report);
    }
    byte[] baseBytes = bytes(tree.resolve(BASE));
    List<JsonNode> base = read(tree.resolve(BASE), baseBytes);
    Admission admission = new Admission(valid.platform(), now);
    List<Problem> problems = new ArrayList<>();
    for (Cluster cluster : valid.platform().clusters()) {
      List<Admission.Result> results = new ArrayList<>();
      int index = 0;
      Path clusterFolder = tree.resolve("clusters").resolve(cluster.name());
      byte[] policyBytes = bytes(clusterFolder.resolve("gpu-policy.yaml"));
      List<String> onCluster = valid.platform().projects().stream().filter(p -> p.clusters().contains(cluster.name())).map(Project::name).toList();
      String clusterInputs = ChartDigest.of(policyBytes) + " " + onCluster;
      // read only when a namespace is checked afresh: the policy objects and every project's Namespace
      java.util.function.Supplier<BookingAdmission> booking = memoize(() -> {
        List<JsonNode> objects = new ArrayList<>(read(clusterFolder.resolve("gpu-policy.yaml"), policyBytes));
        for (String name : onCluster) {
          Path file = clusterFolder.resolve("projects").resolve(name).resolve("resources.yaml");
          read(file, bytes(file)).stream().filter(o -> "Namespace".equals(o.path("kind").asText())).forEach(objects::add);
        }
        return new BookingAdmission(objects);
      });
      for (Project placed : valid.platform().projects()) {
        if (!placed.clusters().contains(cluster.name())) {
          continue;
        }
        Project project = placed.on(cluster.name());
        Path own = tree.resolve("clusters").resolve(cluster.name()).resolve("projects").resolve(project.name()).resolve("resources.yaml");
        if (!Files.isRegularFile(own)) {
          continue;
        }
        byte[] ownBytes = bytes(own);
        List<ApplicationReport> charts = byNamespace.getOrDefault(cluster.name() + "/" + project.name(), List.of());
        String key = key(valid, cluster, project, clusterInputs, baseBytes, ownBytes, charts, keys, now);
        int at = index++;
        Admission.Result result = (key == null || cache == null ? Optional.<JsonNode>empty() : cache.admission(key))
            .flatMap(AdmissionChecks::result)
            .orElseGet(() -> {
              List<JsonNode> objects = new ArrayList<>(base);
              objects.addAll(read(own, ownBytes));
              List<Admission.Chart> rendered = new ArrayList<>();
              for (ApplicationReport report : charts) {
                ChartApplication application = report.application();
                rendered.add(new Admission.Chart(application.name(), application.tool(), application.releaseName(),
                    report.rendered().stream().map(RenderedObject::object).toList()));
              }
              Admission.Result fresh = admission.check(
                  new Admission.Namespace(cluster.name(), project, dev.maia.core.clustercore.CorePlan.ingressNamespace(cluster), objects, rendered), at, booking);
              if (key != null && cache != null) {
                cache.admission(key, JSON.valueToTree(fresh));
              }
              return fresh;
            });
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

  /**
   * The key of a namespace's result: null when an Application of it has no report key (it could
   * not be verified).
   */
  private static String key(ValidPlatform valid, Cluster cluster, Project project, String clusterInputs, byte[] base, byte[] own,
      List<ApplicationReport> charts, Map<String, String> keys, Instant now) {
    List<String> inputs = new ArrayList<>(List.of("maia-admission/1", Version.build(), cluster.name(), dev.maia.core.clustercore.CorePlan.ingressNamespace(cluster),
        valid.platform().identity().issuer(), valid.platform().hpc().toString(), project.toString(), clusterInputs,
        ChartDigest.of(base), ChartDigest.of(own)));
    valid.platform().bookings().stream()
        .filter(b -> b.project().equals(project.name()) && b.cluster().equals(cluster.name()) && !b.start().isAfter(now) && b.end().isAfter(now))
        .forEach(b -> inputs.add("active " + b.id()));
    for (ApplicationReport report : charts) {
      String reportKey = keys.get(report.application().name());
      if (reportKey == null) {
        return null;
      }
      inputs.add(report.application().name() + " " + reportKey);
    }
    return ChartDigest.of(String.join("\n", inputs).getBytes(StandardCharsets.UTF_8)).substring("sha256:".length());
  }

  private static <T> java.util.function.Supplier<T> memoize(java.util.function.Supplier<T> source) {
    return new java.util.function.Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = source.get();
        }
        return value;
      }
    };
  }

  private static Optional<Admission.Result> result(JsonNode cached) {
    try {
      return Optional.of(JSON.treeToValue(cached, Admission.Result.class));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.getFileName() + " of the tree: " + e.getMessage(), e);
    }
  }

  private static List<JsonNode> read(Path file, byte[] bytes) {
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(bytes)) {
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
