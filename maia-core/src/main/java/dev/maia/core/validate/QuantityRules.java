package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.model.ToolSettings;
import dev.maia.core.model.Workspace;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quantities of a project (cpu, memory, storage), of its MinIO volume and of one workspace server
 * ({@code tools.workspace.server}) parse as Kubernetes quantities, are more than zero, are whole
 * bytes where they are bytes, and every request is at most its limit (compared by value, so {@code
 * 1Gi} equals {@code 1024Mi}). Whether the workspace's servers fit the project is {@link
 * WorkspaceRules}.
 */
final class QuantityRules implements SemanticRule {

  /** Less memory or storage than this, written without a unit, is almost surely a missing unit. */
  private static final BigDecimal ONE_MEBIBYTE = BigDecimal.valueOf(1024L * 1024L);

  /** Units written the way people write them elsewhere: 32GB, 32 Gi, 32gib. */
  private static final Pattern SLOPPY_BYTES =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtTpPeE])(?:i?[bB]|[iI][bB]?)?");

  private enum Unit {
    CORES,
    BYTES
  }

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      String resources = Pointers.project(i) + "/resources";
      range("cpu", project.resources().cpu(), resources + "/cpu", Unit.CORES, sources, problems);
      range("memory", project.resources().memory(), resources + "/memory", Unit.BYTES, sources, problems);
      value("storage", project.resources().storage(), resources + "/storage", Unit.BYTES, problems);
      ToolSettings minio = project.tools().get("minio");
      if (minio != null) {
        Optional<String> size = minio.text("size");
        if (size.isPresent()) {
          value("minio size", size.get(), Pointers.project(i) + "/tools/minio/size", Unit.BYTES, problems);
        }
      }
      String base = Pointers.project(i);
      project.workspace().ifPresent(w -> server(w, base, sources, problems));
      for (Map.Entry<String, Project.ClusterOverride> override : project.clusterOverrides().entrySet()) {
        override(project, i, override.getKey(), override.getValue(), sources, problems);
      }
    }
  }

  /**
   * The quantities an override writes, and each range it changes: a request it sets is compared
   * with the limit in force on that cluster, and the other way round.
   */
  private static void override(
      Project project, int i, String cluster, Project.ClusterOverride override, SourceMap sources, Problems problems) {
    String base = Pointers.override(i, cluster);
    Project.ResourcesOverride r = override.resources();
    Project.Resources effective = project.on(cluster).resources();
    String on = " on cluster '" + cluster + "'";
    overrideRange("cpu", r.cpuRequest(), r.cpuLimit(), effective.cpu(), base + "/resources/cpu", on, Unit.CORES, problems);
    overrideRange("memory", r.memoryRequest(), r.memoryLimit(), effective.memory(), base + "/resources/memory", on, Unit.BYTES, problems);
    r.storage().ifPresent(storage -> value("storage", storage, base + "/resources/storage", Unit.BYTES, problems));
    ToolSettings minio = override.tools().get("minio");
    if (minio != null) {
      minio.text("size").ifPresent(size -> value("minio size", size, base + "/tools/minio/size", Unit.BYTES, problems));
    }
    if (override.tools().containsKey("workspace")) {
      project.on(cluster).workspace().ifPresent(w -> server(w, base, sources, problems));
    }
  }

  /** The quantities of one workspace server, whose settings are written under {@code base}. */
  private static void server(Workspace workspace, String base, SourceMap sources, Problems problems) {
    String pointer = base + "/tools/workspace/server";
    range("workspace server cpu", workspace.server().cpu(), pointer + "/cpu", Unit.CORES, sources, problems);
    range("workspace server memory", workspace.server().memory(), pointer + "/memory", Unit.BYTES, sources, problems);
  }

  private static void overrideRange(
      String what,
      Optional<String> request,
      Optional<String> limit,
      Project.Range effective,
      String pointer,
      String on,
      Unit unit,
      Problems problems) {
    if (request.isEmpty() && limit.isEmpty()) {
      return;
    }
    Optional<BigDecimal> requested =
        request.isPresent()
            ? value(what + " request", request.get(), pointer + "/request", unit, problems)
            : Quantities.parse(effective.request());
    Optional<BigDecimal> limited =
        limit.isPresent() ? value(what + " limit", limit.get(), pointer + "/limit", unit, problems) : Quantities.parse(effective.limit());
    if (requested.isEmpty() || limited.isEmpty() || requested.get().compareTo(limited.get()) <= 0) {
      return;
    }
    if (request.isPresent()) {
      problems.add(
          pointer + "/request",
          what + " request '" + effective.request() + "'" + on + " is more than the limit '" + effective.limit() + "' there",
          limit.isPresent() ? "lower the request or raise the limit" : "lower the request or set a higher limit in the override");
    } else {
      problems.add(
          pointer + "/limit",
          what + " limit '" + effective.limit() + "'" + on + " is less than the request '" + effective.request() + "' there",
          "raise the limit or set a lower request in the override");
    }
  }

  private static void range(
      String what, Project.Range range, String pointer, Unit unit, SourceMap sources, Problems problems) {
    String requestPointer = pointer + "/request";
    String limitPointer = pointer + "/limit";
    Optional<BigDecimal> request = value(what + " request", range.request(), requestPointer, unit, problems);
    Optional<BigDecimal> limit = value(what + " limit", range.limit(), limitPointer, unit, problems);
    if (request.isEmpty() || limit.isEmpty() || request.get().compareTo(limit.get()) <= 0) {
      return;
    }
    boolean requestWritten = sources.contains(requestPointer);
    boolean limitWritten = sources.contains(limitPointer);
    if (requestWritten) {
      problems.add(
          requestPointer,
          what + " request '" + range.request() + "' is more than the " + (limitWritten ? "" : "default ")
              + "limit '" + range.limit() + "'",
          limitWritten ? "lower the request or raise the limit" : "lower the request or set a higher limit");
    } else {
      problems.add(
          limitPointer,
          what + " limit '" + range.limit() + "' is less than the default request '" + range.request() + "'",
          "raise the limit or set a lower request");
    }
  }

  /** The value of one quantity, or empty after reporting why it is unusable. */
  private static Optional<BigDecimal> value(String what, String text, String pointer, Unit unit, Problems problems) {
    Optional<BigDecimal> parsed = Quantities.parse(text);
    if (parsed.isEmpty()) {
      problems.add(pointer, what + " '" + text + "' is not a Kubernetes quantity", syntaxHint(text, unit));
      return Optional.empty();
    }
    BigDecimal amount = parsed.get();
    if (amount.signum() <= 0) {
      problems.add(pointer, what + " '" + text + "' must be more than zero", null);
      return Optional.empty();
    }
    if (unit == Unit.BYTES) {
      if (text.endsWith("m")) {
        String number = text.substring(0, text.length() - 1);
        problems.add(
            pointer,
            what + " '" + text + "' is " + amount.stripTrailingZeros().toPlainString() + " bytes: the suffix m means milli",
            "did you mean '" + number + "Mi'?");
        return Optional.empty();
      }
      if (amount.compareTo(ONE_MEBIBYTE) < 0 && text.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
        problems.add(pointer, what + " '" + text + "' is " + text + " bytes", "write a unit, such as '" + text + "Gi'");
        return Optional.empty();
      }
    }
    return parsed;
  }

  private static String syntaxHint(String text, Unit unit) {
    if (unit == Unit.CORES) {
      return "write a number of cores, such as 2, 0.5 or 500m";
    }
    Matcher sloppy = SLOPPY_BYTES.matcher(text.strip());
    if (sloppy.matches()) {
      String prefix = sloppy.group(2).toUpperCase(java.util.Locale.ROOT);
      return "did you mean '" + sloppy.group(1) + ("K".equals(prefix) ? "Ki" : prefix + "i") + "'?";
    }
    return "write a number with a unit, such as 512Mi, 32Gi or 1Ti";
  }
}
