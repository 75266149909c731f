package dev.maia.core.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.model.ChartRef;
import dev.maia.core.model.Lock;
import dev.maia.core.model.Lock.Range;
import dev.maia.core.model.Lock.Slot;
import dev.maia.core.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the allocation lock {@value #FILE} next to the platform file. A missing lock is an empty
 * one. The file's form:
 *
 * <pre>
 * apiVersion: maia/v1alpha1
 * kind: Lock
 * ports:
 *   CLUSTER:
 *     dicom: {PROJECT: PORT}
 *     ssh: {PROJECT: {USER: PORT}}
 * charts:
 *   REPO_URL:
 *     CHART: {VERSION: sha256:DIGEST}
 * </pre>
 */
public final class LockReader {

  public static final String FILE = "maia.lock";
  public static final String API_VERSION = "maia/v1alpha1";
  public static final String KIND = "Lock";

  private static final String FIX = "delete the entry (or the file); maia:generate allocates the port again";
  private static final String CHART_FIX = "delete the entry; maia:verify pulls the chart and records its digest again";

  /** The lock, where it was read from (empty when the file does not exist), and its problems. */
  public record Result(Lock lock, Optional<RepoFiles.Document> document, List<Problem> problems) {

    public Result {
      problems = List.copyOf(problems);
    }
  }

  /** Reads the lock of the platform repo that {@code repo} reads. */
  public Result read(RepoReader repo) {
    RepoFiles.Read read = new RepoFiles(repo).read(FILE);
    if (read.document().isEmpty()) {
      return new Result(Lock.EMPTY, Optional.empty(), read.problems());
    }
    RepoFiles.Document doc = read.document().get();
    List<Problem> problems = new ArrayList<>();
    JsonNode root = doc.root();
    if (!root.isObject()) {
      problems.add(problem(doc, "", "the lock file must be a YAML mapping", FIX));
      return new Result(Lock.EMPTY, read.document(), problems);
    }
    if (!API_VERSION.equals(root.path("apiVersion").asText()) || !KIND.equals(root.path("kind").asText())) {
      problems.add(
          problem(doc, "", "the lock file must start with apiVersion: " + API_VERSION + " and kind: " + KIND, FIX));
    }
    Map<Slot, Integer> ports = new TreeMap<>();
    root.properties().forEach(top -> {
      if (!List.of("apiVersion", "kind", "ports", "charts").contains(top.getKey())) {
        problems.add(problem(doc, "/" + escape(top.getKey()), "unknown field '" + top.getKey() + "' in the lock file", FIX));
      }
    });
    JsonNode clusters = root.path("ports");
    if (!clusters.isMissingNode() && !clusters.isObject()) {
      problems.add(problem(doc, "/ports", "ports must be a mapping of cluster names", FIX));
    }
    clusters.properties().forEach(c -> {
      String cp = "/ports/" + escape(c.getKey());
      c.getValue().properties().forEach(r -> {
        String rp = cp + "/" + escape(r.getKey());
        Optional<Range> range = Range.of(r.getKey());
        if (range.isEmpty()) {
          problems.add(problem(doc, rp, "unknown port range '" + r.getKey() + "'; the ranges are 'dicom' and 'ssh'", FIX));
          return;
        }
        r.getValue().properties().forEach(p -> {
          String pp = rp + "/" + escape(p.getKey());
          if (range.get() == Range.DICOM) {
            port(doc, pp, p.getValue(), problems).ifPresent(port -> ports.put(Slot.dicom(c.getKey(), p.getKey()), port));
          } else {
            p.getValue().properties().forEach(u -> port(doc, pp + "/" + escape(u.getKey()), u.getValue(), problems)
                .ifPresent(port -> ports.put(Slot.ssh(c.getKey(), p.getKey(), u.getKey()), port)));
          }
        });
      });
    });
    return new Result(new Lock(new TreeMap<>(ports), charts(doc, root.path("charts"), problems)), read.document(), problems);
  }

  private static TreeMap<ChartRef, String> charts(RepoFiles.Document doc, JsonNode charts, List<Problem> problems) {
    TreeMap<ChartRef, String> digests = new TreeMap<>();
    if (charts.isMissingNode()) {
      return digests;
    }
    if (!charts.isObject()) {
      problems.add(problem(doc, "/charts", "charts must be a mapping of chart repository URLs", CHART_FIX));
      return digests;
    }
    charts.properties().forEach(repo -> {
      String rp = "/charts/" + escape(repo.getKey());
      repo.getValue().properties().forEach(chart -> {
        String cp = rp + "/" + escape(chart.getKey());
        chart.getValue().properties().forEach(version -> {
          String vp = cp + "/" + escape(version.getKey());
          String digest = version.getValue().asText("");
          if (!version.getValue().isTextual() || !Lock.DIGEST.matcher(digest).matches()) {
            problems.add(problem(doc, vp, "expected a chart digest (sha256: and 64 lower-case hex digits), got " + version.getValue(), CHART_FIX));
          } else {
            digests.put(new ChartRef(repo.getKey(), chart.getKey(), version.getKey()), digest);
          }
        });
      });
    });
    return digests;
  }

  private static Optional<Integer> port(RepoFiles.Document doc, String pointer, JsonNode value, List<Problem> problems) {
    if (value.isIntegralNumber() && value.asLong() >= 1 && value.asLong() <= 65535) {
      return Optional.of(value.asInt());
    }
    problems.add(problem(doc, pointer, "expected a port (an integer from 1 to 65535), got " + value, FIX));
    return Optional.empty();
  }

  private static Problem problem(RepoFiles.Document doc, String pointer, String message, String hint) {
    return new Problem(doc.locate(pointer), pointer, message, hint);
  }

  /** RFC 6901 escaping of one reference token. */
  public static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
