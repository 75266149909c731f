package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.GpuPolicy;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.output.SecurityLint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Names that are unique where they are written but collide once the federation is put together:
 *
 * <ul>
 *   <li>Applications: every cluster's root {@code maia-root-CLUSTER} and overlay {@code
 *       CLUSTER-namespaces}, every {@code PROJECT-TOOL-CLUSTER} and the bootstrap {@code maia} share
 *       one namespace on the ArgoCD cluster, so {@code a-xnat} + cluster {@code b} and {@code a} +
 *       cluster {@code xnat-b} are the same Application;
 *   <li>AppProjects: a project named like ArgoCD's {@code default} or the platform's own projects
 *       would replace them;
 *   <li>namespaces: a project named like a namespace its cluster already uses ({@code kube-system},
 *       ArgoCD's namespace, the GPU policy's {@code maia-system}, the ingress controller's);
 *   <li>host names: a project on two clusters with the same domain gets the same host twice.
 * </ul>
 */
final class CollisionRules implements SemanticRule {

  static final String BOOTSTRAP_PROJECT = SecurityLint.BOOTSTRAP_PROJECT;
  static final String BOOTSTRAP_APPLICATION = SecurityLint.BOOTSTRAP_APPLICATION;
  static final String PLATFORM_PROJECT = SecurityLint.PLATFORM_PROJECT;

  /** AppProject names a project may not take, and why. */
  static final Map<String, String> RESERVED_PROJECTS =
      Map.of(
          "default", "ArgoCD's own default AppProject",
          PLATFORM_PROJECT, "the AppProject of the cluster overlays and roots",
          BOOTSTRAP_PROJECT, "the AppProject of the bootstrap Application");

  /** Namespaces every Kubernetes cluster has. */
  static final Set<String> SYSTEM_NAMESPACES = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

  /** The namespace of the native GPU policy's params on a cluster with GPUs. */
  static final String GPU_POLICY_NAMESPACE = "maia-system";

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    appProjects(platform, problems);
    applications(platform, sources, problems);
    namespaces(platform, problems);
    hosts(platform, sources, problems);
  }

  private static void appProjects(Platform platform, Problems problems) {
    for (int i = 0; i < platform.projects().size(); i++) {
      String name = platform.projects().get(i).name();
      String reserved = RESERVED_PROJECTS.get(name);
      if (reserved != null) {
        problems.add(
            Pointers.project(i) + "/name",
            "project name '" + name + "' is taken by " + reserved + ": the project's AppProject would replace it",
            "rename the project");
      }
    }
  }

  /** Where a generated name comes from: the node to report and what it is. */
  private record Origin(String pointer, String what) {}

  private static void applications(Platform platform, SourceMap sources, Problems problems) {
    Map<String, List<Origin>> names = new HashMap<>();
    add(names, BOOTSTRAP_APPLICATION, new Origin("/spec/argocd/cluster", "the bootstrap Application"));
    for (int j = 0; j < platform.clusters().size(); j++) {
      String cluster = platform.clusters().get(j).name();
      String pointer = Pointers.cluster(j) + "/name";
      add(names, "maia-root-" + cluster, new Origin(pointer, "the root Application of cluster '" + cluster + "'"));
      add(names, cluster + "-namespaces", new Origin(pointer, "the overlay Application of cluster '" + cluster + "'"));
    }
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      for (String cluster : project.clusters().stream().distinct().toList()) {
        for (String tool : project.on(cluster).tools().keySet()) {
          add(
              names,
              project.name() + "-" + tool + "-" + cluster,
              new Origin(
                  Pointers.project(i) + "/name",
                  "the Application of tool '" + tool + "' of project '" + project.name() + "' on cluster '" + cluster + "'"));
        }
      }
    }
    names.entrySet().stream()
        .filter(e -> e.getValue().size() > 1)
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> {
          Origin first = e.getValue().get(0);
          for (Origin other : e.getValue().subList(1, e.getValue().size())) {
            problems.add(
                other.pointer(),
                "Application '" + e.getKey() + "' would be both " + other.what() + " and " + first.what() + " (at "
                    + sources.locate(first.pointer()) + "); ArgoCD keeps one Application of a name",
                "rename the project or the cluster so that the names differ");
          }
        });
  }

  private static void add(Map<String, List<Origin>> names, String name, Origin origin) {
    names.computeIfAbsent(name, k -> new ArrayList<>(1)).add(origin);
  }

  private static void namespaces(Platform platform, Problems problems) {
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      String pointer = Pointers.project(i) + "/name";
      for (String name : project.clusters().stream().distinct().toList()) {
        platform.cluster(name).ifPresent(cluster -> {
          String taken = takenNamespaces(platform, cluster).get(project.namespace());
          if (taken != null) {
            problems.add(
                pointer,
                "project '" + project.name() + "' would use namespace '" + project.namespace() + "' on cluster '" + cluster.name()
                    + "', which is " + taken,
                "rename the project");
          }
        });
      }
    }
  }

  /** The namespaces a cluster already uses, with what uses them. */
  static Map<String, String> takenNamespaces(Platform platform, Cluster cluster) {
    Map<String, String> taken = new LinkedHashMap<>();
    SYSTEM_NAMESPACES.forEach(ns -> taken.put(ns, "a namespace of Kubernetes itself"));
    if (cluster.name().equals(platform.argocd().cluster())) {
      taken.put(platform.argocd().namespace(), "ArgoCD's namespace");
    }
    if (!cluster.gpus().isEmpty()) {
      if (platform.gpuPolicy().scheduling() == GpuPolicy.Scheduling.KUEUE) {
        taken.put("kueue-system", "Kueue's namespace");
      } else {
        taken.put(GPU_POLICY_NAMESPACE, "the namespace of the GPU policy");
      }
    }
    String className = cluster.ingress().className();
    taken.put("nginx".equals(className) ? "ingress-nginx" : className, "the ingress controller's namespace");
    return taken;
  }

  private static void hosts(Platform platform, SourceMap sources, Problems problems) {
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      Map<String, Integer> first = new HashMap<>();
      for (int k = 0; k < project.clusters().size(); k++) {
        int index = k;
        String pointer = Pointers.projectCluster(sources, i, k);
        platform.cluster(project.clusters().get(k)).ifPresent(cluster -> {
          String host = project.name() + "." + cluster.domain().toLowerCase(Locale.ROOT);
          Integer earlier = first.putIfAbsent(host, index);
          if (earlier != null && !project.clusters().get(earlier).equals(cluster.name())) {
            problems.add(
                pointer,
                "project '" + project.name() + "' would be served at " + host + " on cluster '" + cluster.name()
                    + "' and on cluster '" + project.clusters().get(earlier) + "', which has the same domain",
                "give each cluster its own domain");
          }
        });
      }
    }
  }
}
