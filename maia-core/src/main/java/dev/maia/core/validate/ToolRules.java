package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.ExactVersion;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Platform.CatalogOverride;
import dev.maia.core.model.Project;
import dev.maia.core.model.ToolCatalog;
import dev.maia.core.model.ToolDefinition;
import dev.maia.core.model.WorkspaceNames;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tools of every project can be deployed: each tool a project enables has the tools it
 * requires ({@code mlflow} needs {@code minio}, ...), a file browser has a shared volume to show, a
 * user who gets SSH has a name Kubernetes can label, and every chart override in {@code
 * spec.catalog} pins an exact version of a tool that has a chart.
 */
final class ToolRules implements SemanticRule {

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    ToolCatalog catalog = ToolCatalog.builtIn();
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      for (String cluster : project.clusters().stream().distinct().toList()) {
        Placed placed = new Placed(project, i, cluster);
        requires(placed, catalog, problems);
        sharedVolume(platform, placed, problems);
        sshUsers(placed, problems);
        Project there = placed.there();
        if (there.tools().containsKey("kubeflow") && there.users().isEmpty() && there.admins().isEmpty()) {
          problems.add(
              placed.tool("kubeflow"),
              "tools.kubeflow makes the namespace of project '" + project.name() + "' a Kubeflow profile, which needs an owner",
              "add an admin, who owns the profile, or a user to project " + project.name());
        }
      }
    }
    overrides(platform.catalog(), catalog, problems);
  }

  /**
   * A project as it is on one of its clusters ({@code clusterOverrides} applied), and where its
   * tools are written: in the cluster's override when it sets the tool, else in the project.
   */
  private record Placed(Project project, int index, String cluster) {

    Project there() {
      return project.on(cluster);
    }

    /** {@code ""}, or {@code " on cluster 'c'"} when the cluster's override changes the tools. */
    String where() {
      return project.clusterOverrides().containsKey(cluster) ? " on cluster '" + cluster + "'" : "";
    }

    String tool(String tool) {
      Project.ClusterOverride override = project.clusterOverrides().get(cluster);
      String base =
          override != null && override.tools().containsKey(tool) ? Pointers.override(index, cluster) : Pointers.project(index);
      return base + "/tools/" + Pointers.escape(tool);
    }
  }

  private static void requires(Placed placed, ToolCatalog catalog, Problems problems) {
    Project project = placed.there();
    Set<String> enabled = new TreeSet<>();
    catalog.enabled(project).forEach(t -> enabled.add(t.id()));
    for (ToolDefinition tool : catalog.enabled(project)) {
      for (String needed : tool.requires()) {
        if (!enabled.contains(needed)) {
          String at = project.tools().containsKey(tool.id()) ? tool.id() : "orthanc";
          problems.add(
              placed.tool(at),
              "tools." + tool.id() + " needs tools." + needed + placed.where() + ": add '" + needed + ": {}' to project "
                  + project.name(),
              null);
        }
      }
    }
  }

  private static void sharedVolume(Platform platform, Placed placed, Problems problems) {
    Project project = placed.there();
    if (!project.tools().containsKey("filebrowser")) {
      return;
    }
    platform.cluster(placed.cluster()).filter(c -> c.storage().sharedClass().isEmpty()).ifPresent(c -> problems.add(
        placed.tool("filebrowser"),
        "tools.filebrowser of project '" + project.name() + "' shows the project's shared volume, but cluster '"
            + c.name() + "' has no shared storage class",
        "set storage.shared of cluster '" + c.name() + "' to a ReadWriteMany StorageClass, or remove filebrowser"));
  }

  private static void sshUsers(Placed placed, Problems problems) {
    Project project = placed.there();
    if (!project.tools().containsKey("workspace") || !project.tools().get("workspace").flag("ssh")) {
      return;
    }
    for (String user : WorkspaceNames.sshUsers(project)) {
      String label = WorkspaceNames.userLabel(user);
      if (!WorkspaceNames.isLabelValue(label)) {
        problems.add(
            placed.tool("workspace") + "/ssh",
            "user '" + user + "' of project '" + project.name() + "' cannot get SSH: JupyterHub names the workspace '"
                + label + "', which is not a Kubernetes label value (at most 63 letters, digits, '-', '_' and '.',"
                + " starting and ending with a letter or digit)",
            "give the user a shorter e-mail address that starts with a letter or digit, or turn ssh off");
      }
    }
  }

  private static void overrides(Map<String, CatalogOverride> overrides, ToolCatalog catalog, Problems problems) {
    overrides.forEach((id, override) -> catalog.tool(id).ifPresent(tool -> {
      String at = "/spec/catalog/" + Pointers.escape(id);
      if (!tool.hasApplication()) {
        String whose = tool.pluginOf().map(p -> "it is a plugin of " + p + "; override " + p + " instead").orElse(
            "it is rendered without a chart");
        problems.add(at, "tool '" + id + "' has no chart to override", whose);
        return;
      }
      override.version().filter(v -> !ExactVersion.isExact(v)).ifPresent(v -> problems.add(
          at + "/version",
          Hints.quote(v) + " is not an exact chart version",
          "pin " + ExactVersion.RULE + "; the catalog has " + tool.version()));
    }));
  }
}
