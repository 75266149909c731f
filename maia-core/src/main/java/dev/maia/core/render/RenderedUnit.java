package dev.maia.core.render;

import java.util.Map;

/**
 * The files of one unit (path relative to the output folder to bytes) and how many Kubernetes
 * resources each cluster gets from it.
 */
public record RenderedUnit(Map<String, byte[]> files, Map<String, Integer> resourcesPerCluster) {

  public RenderedUnit {
    files = Map.copyOf(files);
    resourcesPerCluster = Map.copyOf(resourcesPerCluster);
  }
}
