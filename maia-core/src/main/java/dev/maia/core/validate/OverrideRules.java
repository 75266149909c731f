package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.KnownTools;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import java.util.List;
import java.util.Map;

/**
 * A project's {@code clusterOverrides}: each key is one of the project's clusters; {@code
 * omitTools} names tools of the catalog that the project has, and none that the same override adds
 * again; a GPU override on a project without {@code gpu} names its product. What the overrides give
 * (quantities, GPU products and quotas) is checked per cluster by {@link QuantityRules} and {@link
 * GpuRules}.
 */
final class OverrideRules implements SemanticRule {

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      for (Map.Entry<String, Project.ClusterOverride> entry : project.clusterOverrides().entrySet()) {
        String cluster = entry.getKey();
        String base = Pointers.override(i, cluster);
        if (!project.clusters().contains(cluster)) {
          String known = platform.cluster(cluster).isPresent() ? " of project '" + project.name() + "'" : "";
          problems.add(
              base,
              "'" + cluster + "' is not a cluster" + known + "; an override applies to one of the project's clusters",
              Hints.didYouMean(cluster, project.clusters(), "the project runs on", null));
        }
        omitTools(project, entry.getValue(), base, problems);
        Project.ClusterOverride override = entry.getValue();
        if (project.gpu().isEmpty() && override.gpu().isPresent() && override.gpu().get().product().isEmpty()) {
          problems.add(
              base + "/gpu",
              "project '" + project.name() + "' has no gpu, so the GPU override for cluster '" + cluster + "' must name its product",
              "add product, or give the project a gpu");
        }
      }
    }
  }

  private static void omitTools(Project project, Project.ClusterOverride override, String base, Problems problems) {
    List<String> omitted = override.omitTools();
    for (int k = 0; k < omitted.size(); k++) {
      String tool = omitted.get(k);
      String pointer = base + "/omitTools/" + k;
      if (!KnownTools.IDS.contains(tool)) {
        problems.add(pointer, Hints.quote(tool) + " is not a tool of the catalog", Hints.didYouMean(tool, KnownTools.IDS, "the tools are", null));
      } else if (override.tools().containsKey(tool)) {
        problems.add(
            pointer,
            "'" + tool + "' is both omitted and set in the same override",
            "remove it from omitTools to change its settings on this cluster, or from tools to leave it out");
      } else if (!project.tools().containsKey(tool)) {
        problems.add(
            pointer,
            "'" + tool + "' is not a tool of project '" + project.name() + "', so there is nothing to omit",
            project.tools().isEmpty() ? "the project has no tools" : "its tools are " + Hints.list(project.tools().keySet()));
      }
    }
  }
}
