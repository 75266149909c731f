package dev.maia.core.model;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One tool of the catalog ({@code templates/catalog.yaml}): how it is deployed, its Helm chart
 * pinned to an exact version, the template of its values, where it is served, what it needs, and
 * the Secrets it reads.
 *
 * @param path where the tool is served on its host, starting and ending with {@code /}
 * @param subdomain when not empty, the tool has a host of its own: {@code <subdomain>.<project>.<domain>}
 * @param stripPath whether the ingress removes {@code path} before the request reaches the tool
 * @param requires tools that must be enabled in the same project
 * @param pluginOf for a {@link Kind#PLUGIN}, the tool whose Application it is part of
 * @param images container images the values use, by name, pinned to exact tags
 * @param secrets the Secrets the tool reads, by id
 */
public record ToolDefinition(
    String id,
    String description,
    Kind kind,
    String repoURL,
    String chart,
    String version,
    String valuesTemplate,
    String path,
    String subdomain,
    boolean stripPath,
    Optional<Service> service,
    int syncWave,
    List<String> requires,
    Optional<String> pluginOf,
    SortedMap<String, String> images,
    SortedMap<String, ToolSecret> secrets) {

  public ToolDefinition {
    requires = List.copyOf(requires);
    images = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(images));
    secrets = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(secrets));
  }

  /** How a tool reaches the cluster. */
  public enum Kind {
    /** An ArgoCD Application installing the tool's Helm chart. */
    CHART,
    /** A part of another tool's Application ({@link #pluginOf}); no Application of its own. */
    PLUGIN,
    /** No chart: resources in the cluster overlay. */
    PROFILE;

    static Kind of(String value) {
      return switch (value) {
        case "plugin" -> PLUGIN;
        case "profile" -> PROFILE;
        default -> CHART;
      };
    }
  }

  /** The tool's in-cluster Service, from which the URLs other tools use are computed. */
  public record Service(String name, int port, String path) {}

  /**
   * A Secret the tool reads: its name in the project namespace and, per key of the Secret, the
   * property of the store entry {@code projects/<project>/<tool>} it comes from.
   */
  public record ToolSecret(String id, String name, SortedMap<String, String> keys) {

    public ToolSecret {
      keys = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(keys));
    }
  }

  /** Whether the tool is installed by an Application of its own. */
  public boolean hasApplication() {
    return kind == Kind.CHART;
  }

  /** The store entry of the tool's secrets in a project: {@code projects/<project>/<tool>}. */
  public String storeKey(String project) {
    return "projects/" + project + "/" + id;
  }

  /** The same tool with another chart source; the rest stays as the catalog has it. */
  public ToolDefinition withChart(String newRepoURL, String newChart, String newVersion) {
    return new ToolDefinition(
        id, description, kind, newRepoURL, newChart, newVersion, valuesTemplate, path, subdomain, stripPath, service,
        syncWave, requires, pluginOf, images, secrets);
  }
}
