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
      requires(project, i, catalog, problems);
      sharedVolume(platform, project, i, problems);
      sshUsers(project, i, problems);
      if (project.tools().containsKey("kubeflow") && project.users().isEmpty() && project.admins().isEmpty()) {
        problems.add(
            Pointers.project(i) + "/tools/kubeflow",
            "tools.kubeflow makes the namespace of project '" + project.name() + "' a Kubeflow profile, which needs an owner",
            "add an admin, who owns the profile, or a user to project " + project.name());
      }
    }
    overrides(platform.catalog(), catalog, problems);
  }

  private static void requires(Project project, int i, ToolCatalog catalog, Problems problems) {
    Set<String> enabled = new TreeSet<>();
    catalog.enabled(project).forEach(t -> enabled.add(t.id()));
    for (ToolDefinition tool : catalog.enabled(project)) {
      for (String needed : tool.requires()) {
        if (!enabled.contains(needed)) {
          String at = project.tools().containsKey(tool.id()) ? tool.id() : "orthanc";
          problems.add(
              Pointers.project(i) + "/tools/" + Pointers.escape(at),
              "tools." + tool.id() + " needs tools." + needed + ": add '" + needed + ": {}' to project " + project.name(),
              null);
        }
      }
    }
  }

  private static void sharedVolume(Platform platform, Project project, int i, Problems problems) {
    if (!project.tools().containsKey("filebrowser")) {
      return;
    }
    for (String name : project.clusters()) {
      platform.cluster(name).filter(c -> c.storage().sharedClass().isEmpty()).ifPresent(c -> problems.add(
          Pointers.project(i) + "/tools/filebrowser",
          "tools.filebrowser of project '" + project.name() + "' shows the project's shared volume, but cluster '"
              + c.name() + "' has no shared storage class",
          "set storage.shared of cluster '" + c.name() + "' to a ReadWriteMany StorageClass, or remove filebrowser"));
    }
  }

  private static void sshUsers(Project project, int i, Problems problems) {
    if (!project.tools().containsKey("workspace") || !project.tools().get("workspace").flag("ssh")) {
      return;
    }
    for (String user : WorkspaceNames.sshUsers(project)) {
      String label = WorkspaceNames.userLabel(user);
      if (!WorkspaceNames.isLabelValue(label)) {
        problems.add(
            Pointers.project(i) + "/tools/workspace/ssh",
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
