package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.KnownTools;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.output.SecurityLint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names the generator derives from the platform must stay the project's own (DESIGN invariant 5):
 *
 * <ul>
 *   <li>A project's namespace is never one that belongs to someone else: {@code default} and
 *       {@code kube-*} (Kubernetes), ArgoCD's namespace (its members would control ArgoCD), the
 *       namespace of a cluster's ingress controller; and a project is never named like the
 *       platform's own AppProject {@value SecurityLint#PLATFORM_PROJECT}. Each of these passes
 *       every name rule, yet would give a project's group rights where it has none, or put the
 *       project's default-deny policy on a system namespace.
 *   <li>The ArgoCD Applications (all in ArgoCD's namespace) have distinct names. Their names join
 *       other names with {@code -}: {@code PROJECT-TOOL-CLUSTER}, {@code CLUSTER-namespaces}, {@code
 *       maia-root-CLUSTER}; so project {@code a} on cluster {@code b-workspace-c} and project {@code
 *       a-workspace-b} on cluster {@code c} would both get {@code a-workspace-b-workspace-c}, and
 *       one would silently replace the other.
 * </ul>
 */
final class GeneratedNameRules implements SemanticRule {

  /** Namespaces of Kubernetes itself; every name starting with {@code kube-} is reserved as well. */
  static final Set<String> SYSTEM_NAMESPACES = Set.of("default");

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    Set<String> seenProjects = new HashSet<>();
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      if (seenProjects.add(project.name())) {
        reservedNamespace(platform, project, i, problems);
      }
    }
    applicationNames(platform, sources, problems);
  }

  private static void reservedNamespace(Platform platform, Project project, int i, Problems problems) {
    String name = project.name();
    String pointer = Pointers.project(i) + "/name";
    String owner = null;
    if (SYSTEM_NAMESPACES.contains(name) || name.startsWith("kube-")) {
      owner = "a namespace of Kubernetes itself";
    } else if (name.equals(platform.argocd().namespace())) {
      owner = "the namespace ArgoCD runs in (spec.argocd.namespace); the project's members would control ArgoCD";
    } else if (name.equals(SecurityLint.PLATFORM_PROJECT)) {
      owner = "the name of the platform's own AppProject, which may create namespaces";
    } else {
      for (String clusterName : project.clusters()) {
        Cluster cluster = platform.cluster(clusterName).orElse(null);
        if (cluster != null && name.equals(ingressNamespace(cluster))) {
          owner = "the namespace of the ingress controller of cluster '" + clusterName + "' (ingress.className "
              + cluster.ingress().className() + ")";
          break;
        }
      }
    }
    if (owner != null) {
      problems.add(
          pointer,
          "project name '" + name + "' is " + owner + "; a project's namespace must be its own",
          "choose another name, such as '" + name + "-project'");
    }
  }

  /**
   * The namespace of a cluster's ingress controller, as the allow-from-ingress NetworkPolicy of
   * every project namespace names it: {@code ingress-nginx} for class {@code nginx}, else the class.
   */
  static String ingressNamespace(Cluster cluster) {
    String className = cluster.ingress().className();
    return "nginx".equals(className) ? "ingress-nginx" : className;
  }

  /** The second and later Application with a name, naming the first; each project and cluster once. */
  private static void applicationNames(Platform platform, SourceMap sources, Problems problems) {
    List<Application> applications = new ArrayList<>();
    Set<String> clusters = new HashSet<>();
    for (int j = 0; j < platform.clusters().size(); j++) {
      Cluster cluster = platform.clusters().get(j);
      if (clusters.add(cluster.name())) {
        String pointer = Pointers.cluster(j) + "/name";
        applications.add(new Application("maia-root-" + cluster.name(), pointer, "the root Application of cluster '" + cluster.name() + "'"));
        applications.add(
            new Application(cluster.name() + "-namespaces", pointer, "the namespaces Application of cluster '" + cluster.name() + "'"));
      }
    }
    Set<String> projects = new HashSet<>();
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      if (!projects.add(project.name())) {
        continue; // a project defined twice is reported as such
      }
      for (String tool : project.tools().keySet()) {
        if (!KnownTools.IDS.contains(tool)) {
          continue; // an unknown tool is reported as such
        }
        for (String cluster : project.clusters().stream().distinct().toList()) {
          applications.add(
              new Application(
                  project.name() + "-" + tool + "-" + cluster,
                  Pointers.project(i) + "/tools/" + Pointers.escape(tool),
                  "the " + tool + " Application of project '" + project.name() + "' on cluster '" + cluster + "'"));
        }
      }
    }
    Map<String, Application> first = new HashMap<>();
    for (Application application : applications) {
      Application earlier = first.putIfAbsent(application.name(), application);
      if (earlier != null) {
        problems.add(
            application.pointer(),
            application.what() + " would be named '" + application.name() + "', like " + earlier.what() + " ("
                + sources.locate(earlier.pointer()) + "); ArgoCD keeps one Application per name",
            "rename one of the projects or clusters");
      }
    }
  }

  /** An Application the platform makes, where the name it derives from is written, and what it is. */
  private record Application(String name, String pointer, String what) {}
}
