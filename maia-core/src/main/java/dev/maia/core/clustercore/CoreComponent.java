package dev.maia.core.clustercore;

import dev.maia.core.model.ToolDefinition;
import java.util.List;

/**
 * One foundation component of the core catalog ({@code core:} of {@code templates/catalog.yaml}):
 * its pinned upstream chart, the namespace it runs in, the template of its values and its sync
 * wave in the cluster's root.
 *
 * @param podSecurity the Pod Security level its namespace enforces; empty for a namespace the
 *     component shares with others ({@code kube-system}), which the tree does not label
 * @param crds whether the chart installs CustomResourceDefinitions (its Application then syncs with
 *     {@code ServerSideApply}, which large CRDs need, and before everything that uses them)
 * @param skipCrds whether the chart's {@code crds/} folder is left out ({@code helm.skipCrds}): CRDs
 *     the platform does not use and other owners install (Traefik's Gateway API CRDs)
 * @param chartMade what the chart makes itself that the platform leaves to it, as for tools
 */
public record CoreComponent(
    String id,
    String description,
    String repoURL,
    String chart,
    String version,
    String namespace,
    String podSecurity,
    String valuesTemplate,
    int syncWave,
    boolean crds,
    boolean skipCrds,
    List<ToolDefinition.ChartMade> chartMade) {

  public CoreComponent {
    chartMade = List.copyOf(chartMade);
  }

  /** Whether the chart comes from a Git repository (its folder {@code chart}, at the tag {@code version}). */
  public boolean fromGit() {
    return dev.maia.core.model.ChartRef.isGit(repoURL);
  }

  public CoreComponent withChart(String repoURL, String chart, String version) {
    return new CoreComponent(id, description, repoURL, chart, version, namespace, podSecurity, valuesTemplate, syncWave, crds, skipCrds, chartMade);
  }
}
