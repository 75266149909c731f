package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.model.Workspace;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The user servers of a project's workspace fit the project on each of its clusters: one server's
 * CPU and memory limits are at most the project's limits (the most one container may use in the
 * namespace, its LimitRange), and all the servers that may run at once ({@code activeServerLimit},
 * else one per user and admin) fit the project's requests and limits (its ResourceQuota). A problem
 * is reported at {@code tools.workspace.server} where it is written, else at the project's
 * resources, with the numbers and the ways out. The quantities themselves are {@link
 * QuantityRules}'; one that does not parse is skipped here.
 */
final class WorkspaceRules implements SemanticRule {

  /** The two resources a user server states, with how their amounts are written in messages. */
  private enum Resource {
    CPU("cpu", "CPU", Project.Resources::cpu, Workspace.Server::cpu, Quantities::cores),
    MEMORY("memory", "memory", Project.Resources::memory, Workspace.Server::memory, Quantities::bytes);

    final String field;
    final String label;
    final Function<Project.Resources, Project.Range> project;
    final Function<Workspace.Server, Project.Range> server;
    final Function<BigDecimal, String> format;

    Resource(
        String field,
        String label,
        Function<Project.Resources, Project.Range> project,
        Function<Workspace.Server, Project.Range> server,
        Function<BigDecimal, String> format) {
      this.field = field;
      this.label = label;
      this.project = project;
      this.server = server;
      this.format = format;
    }

    /** The most one of {@code count} servers may take of {@code total}: whole millicores, whole mebibytes. */
    BigDecimal share(BigDecimal total, int count) {
      BigDecimal step = this == CPU ? new BigDecimal("0.001") : BigDecimal.valueOf(1024L * 1024L);
      return total.divide(step.multiply(BigDecimal.valueOf(count)), 0, RoundingMode.FLOOR).multiply(step);
    }
  }

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      for (String cluster : project.clusters().stream().distinct().toList()) {
        Project there = project.on(cluster);
        Optional<Workspace> workspace = there.workspace();
        if (workspace.isEmpty()) {
          continue;
        }
        Placed placed = new Placed(project, i, cluster, sources);
        for (Resource resource : Resource.values()) {
          fits(placed, there, workspace.get(), resource, problems);
        }
      }
    }
  }

  /**
   * A project on one of its clusters, and where what this rule reads is written there: the
   * server's size in the settings in force (the cluster's override when it sets the workspace),
   * and the resources (the override's when it sets them).
   */
  private record Placed(Project project, int index, String cluster, SourceMap sources) {

    private Optional<Project.ClusterOverride> override() {
      return Optional.ofNullable(project.clusterOverrides().get(cluster));
    }

    private boolean overrideSetsWorkspace() {
      return override().filter(o -> o.tools().containsKey("workspace")).isPresent();
    }

    private boolean overrideSetsResources() {
      return sources.contains(Pointers.override(index, cluster) + "/resources");
    }

    /** The server's size where it writes {@code resource}, else the resources in force. */
    String pointer(Resource resource) {
      String settings = overrideSetsWorkspace() ? Pointers.override(index, cluster) : Pointers.project(index);
      String server = settings + "/tools/workspace/server";
      if (sources.contains(server + "/" + resource.field)) {
        return server;
      }
      return (overrideSetsResources() ? Pointers.override(index, cluster) : Pointers.project(index)) + "/resources";
    }

    /** {@code "project 'p'"}, with {@code " on cluster 'c'"} when that cluster's override changes what is compared. */
    String who() {
      boolean changed = overrideSetsWorkspace() || overrideSetsResources();
      return "project '" + project.name() + "'" + (changed ? " on cluster '" + cluster + "'" : "");
    }
  }

  private static void fits(Placed placed, Project there, Workspace workspace, Resource resource, Problems problems) {
    Project.Range server = resource.server.apply(workspace.server());
    Project.Range project = resource.project.apply(there.resources());
    Optional<BigDecimal> serverRequest = positive(server.request());
    Optional<BigDecimal> serverLimit = positive(server.limit());
    Optional<BigDecimal> projectRequest = positive(project.request());
    Optional<BigDecimal> projectLimit = positive(project.limit());
    if (serverLimit.isPresent() && projectLimit.isPresent()) {
      if (serverLimit.get().compareTo(projectLimit.get()) > 0) {
        problems.add(
            placed.pointer(resource),
            "one user server's " + resource.label + " limit " + server.limit() + " exceeds the " + resource.field + " limit "
                + project.limit() + " of " + placed.who() + ", the most one container may use in its namespace, so no user"
                + " server can start",
            "lower tools.workspace.server (" + resource.label + " limit at most " + project.limit() + ") or raise resources ("
                + resource.field + " limit at least " + server.limit() + ")");
      } else {
        total(placed, workspace, resource, "limit", server.limit(), serverLimit.get(), project.limit(), projectLimit.get(), problems);
      }
    }
    if (serverRequest.isPresent() && projectRequest.isPresent()) {
      total(placed, workspace, resource, "request", server.request(), serverRequest.get(), project.request(), projectRequest.get(), problems);
    }
  }

  /**
   * As many servers of {@code each} as may run at once fit in the project's {@code available}, or a
   * problem says what to change.
   */
  private static void total(
      Placed placed,
      Workspace workspace,
      Resource resource,
      String kind,
      String eachWritten,
      BigDecimal each,
      String availableWritten,
      BigDecimal available,
      Problems problems) {
    int count = workspace.activeServerLimit();
    BigDecimal needed = each.multiply(BigDecimal.valueOf(count));
    if (needed.compareTo(available) <= 0) {
      return;
    }
    String why = workspace.limitWritten() ? "its activeServerLimit" : "one per user and admin";
    List<String> fixes = new ArrayList<>();
    BigDecimal share = resource.share(available, count);
    if (share.signum() > 0) {
      fixes.add("lower tools.workspace.server (" + resource.label + " " + kind + " at most " + resource.format.apply(share) + ")");
    }
    int fitting = available.divide(each, 0, RoundingMode.FLOOR).intValue();
    if (fitting >= 1) {
      fixes.add((workspace.limitWritten() ? "lower" : "set") + " tools.workspace.activeServerLimit (at most " + fitting + ")");
    }
    fixes.add("raise resources (" + resource.field + " " + kind + " at least " + resource.format.apply(needed) + ")");
    problems.add(
        placed.pointer(resource),
        placed.who() + " runs up to " + count + (count == 1 ? " user server" : " user servers") + " at once (" + why + "): "
            + count + (count == 1 ? " server × " : " servers × ") + eachWritten + " " + resource.label + " " + kind + " = "
            + resource.format.apply(needed) + " exceeds the project's " + resource.field + " " + kind + " " + availableWritten,
        Hints.either(fixes));
  }

  /** The value of a quantity that parses and is more than zero ({@link QuantityRules} reports the others). */
  private static Optional<BigDecimal> positive(String quantity) {
    return Quantities.parse(quantity).filter(v -> v.signum() > 0);
  }
}
