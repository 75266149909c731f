package dev.maia.core.model;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * A project's JupyterHub as its settings give it ({@code tools.workspace}, {@link Defaults}
 * applied): what one user server gets, and how many user servers may run at once. Read from the
 * settings in force, so {@code project.on(cluster).workspace()} is the workspace on that cluster.
 *
 * @param server the requests and limits of one user server ({@code tools.workspace.server})
 * @param activeServerLimit how many user servers may run at once: {@code activeServerLimit} when
 *     set, else one per member of the project (its users and admins, at least one)
 * @param limitWritten whether the settings set {@code activeServerLimit}
 */
public record Workspace(Server server, int activeServerLimit, boolean limitWritten) {

  /** CPU and memory of one user server (Kubernetes quantities, as written). */
  public record Server(Project.Range cpu, Project.Range memory) {}

  /** The workspace of {@code project}, or empty when the project has none. */
  public static Optional<Workspace> of(Project project) {
    ToolSettings settings = project.tools().get("workspace");
    if (settings == null) {
      return Optional.empty();
    }
    Map<?, ?> server = settings.values().get("server") instanceof Map<?, ?> m ? m : Map.of();
    Map<?, ?> cpu = server.get("cpu") instanceof Map<?, ?> m ? m : Map.of();
    Map<?, ?> memory = server.get("memory") instanceof Map<?, ?> m ? m : Map.of();
    Optional<Long> limit = settings.number("activeServerLimit");
    int members = Math.max(1, WorkspaceNames.sshUsers(project).size());
    Server sizes =
        new Server(
            new Project.Range(
                quantity(cpu.get("request"), Defaults.SERVER_CPU_REQUEST), quantity(cpu.get("limit"), Defaults.SERVER_CPU_LIMIT)),
            new Project.Range(
                quantity(memory.get("request"), Defaults.SERVER_MEMORY_REQUEST),
                quantity(memory.get("limit"), Defaults.SERVER_MEMORY_LIMIT)));
    return Optional.of(new Workspace(sizes, limit.map(Long::intValue).orElse(members), limit.isPresent()));
  }

  /** A quantity as written: numbers keep their plain decimal form ("2", "0.5"). */
  private static String quantity(Object value, String fallback) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }
}
