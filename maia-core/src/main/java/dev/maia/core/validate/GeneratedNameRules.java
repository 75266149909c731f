package dev.maia.core.validate;

import dev.maia.core.clustercore.CoreCatalog;
import dev.maia.core.clustercore.CoreComponent;
import dev.maia.core.clustercore.CorePlan;
import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.GpuPolicy;
import dev.maia.core.model.KnownTools;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.output.SecurityLint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 *       other names with {@code -}: {@code PROJECT-TOOL-CLUSTER}, {@code PROJECT-namespace-CLUSTER},
 *       {@code CLUSTER-overlay}, {@code maia-root-CLUSTER}; so project {@code a} on cluster {@code b-workspace-c} and project {@code
 *       a-workspace-b} on cluster {@code c} would both get {@code a-workspace-b-workspace-c}, and
 *       one would silently replace the other.
 *   <li>A project is never named like ArgoCD's {@code default} AppProject or the bootstrap's
 *       {@value SecurityLint#BOOTSTRAP_PROJECT}, which its AppProject would replace, nor like the
 *       namespace of a cluster's GPU policy ({@value #GPU_POLICY_NAMESPACE}, or Kueue's).
 *   <li>A project on two clusters with the same domain would be served at one host name twice.
 * </ul>
 *
 * Tool Applications are named after the tools a project has on each cluster, with its {@code
 * clusterOverrides} applied.
 */
final class GeneratedNameRules implements SemanticRule {

  /** Namespaces of Kubernetes itself; every name starting with {@code kube-} is reserved as well. */
  static final Set<String> SYSTEM_NAMESPACES = Set.of("default");

  /** The namespace of the native GPU policy's params on a cluster with GPUs. */
  static final String GPU_POLICY_NAMESPACE = "maia-system";

  /** Kueue's own namespace, on a cluster with GPUs in Kueue mode. */
  static final String KUEUE_NAMESPACE = "kueue-system";

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    // each cluster's core namespaces, by namespace: the component that runs there (planned once per cluster)
    Map<String, Map<String, String>> coreNamespaces = new HashMap<>();
    for (Cluster cluster : platform.clusters()) {
      Map<String, String> namespaces = new HashMap<>();
      for (String id : CorePlan.of(platform, cluster, CORE).components()) {
        namespaces.putIfAbsent(CORE.component(id).namespace(), id);
      }
      coreNamespaces.putIfAbsent(cluster.name(), namespaces);
    }
    Set<String> seenProjects = new HashSet<>();
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      if (seenProjects.add(project.name())) {
        reservedNamespace(platform, project, i, coreNamespaces, problems);
      }
    }
    applicationNames(platform, sources, problems);
    hosts(platform, sources, problems);
  }

  private static final CoreCatalog CORE = CoreCatalog.builtIn();
  private static final dev.maia.core.model.ToolCatalog TOOLS = dev.maia.core.model.ToolCatalog.builtIn();

  private static void reservedNamespace(Platform platform, Project project, int i, Map<String, Map<String, String>> coreNamespaces,
      Problems problems) {
    String name = project.name();
    String pointer = Pointers.project(i) + "/name";
    String owner = null;
    if (SYSTEM_NAMESPACES.contains(name) || name.startsWith("kube-")) {
      owner = "a namespace of Kubernetes itself";
    } else if (name.equals(platform.argocd().namespace())) {
      owner = "the namespace ArgoCD runs in (spec.argocd.namespace); the project's members would control ArgoCD";
    } else if (name.equals(SecurityLint.PLATFORM_PROJECT)) {
      owner = "the name of the platform's own AppProject, which may create namespaces";
    } else if (name.equals(SecurityLint.BOOTSTRAP_PROJECT)) {
      owner = "the name of the bootstrap's AppProject, which syncs every AppProject";
    } else if (name.equals(SecurityLint.CORE_PROJECT)) {
      owner = "the name of the core layer's AppProject, which may sync every cluster-scoped kind its charts hold";
    } else {
      for (String clusterName : project.clusters()) {
        Cluster cluster = platform.cluster(clusterName).orElse(null);
        if (cluster != null && name.equals(ingressNamespace(cluster))) {
          owner = "the namespace of the ingress controller of cluster '" + clusterName + "' (ingress.className "
              + cluster.ingress().className() + ")";
          break;
        }
        if (cluster != null && !cluster.gpus().isEmpty() && name.equals(gpuNamespace(platform))) {
          owner = "the namespace of the GPU policy of cluster '" + clusterName + "'";
          break;
        }
        String component = coreNamespaces.getOrDefault(clusterName, Map.of()).get(name);
        if (component != null) {
          owner = "the namespace of " + component + ", a foundation component the core layer installs on cluster '" + clusterName + "'";
          break;
        }
      }
      // a component a cluster runs itself (switched off in its core) runs in the same namespace
      Optional<CoreComponent> foundation = owner != null ? Optional.empty()
          : CORE.ids().stream().map(CORE::component).filter(c -> c.namespace().equals(name)).findFirst();
      if (foundation.isPresent()) {
        owner = "the namespace of " + foundation.get().id() + ", a foundation component (docs/core.md) that a cluster runs there,"
            + " from the core layer or its own";
      }
    }
    if (owner != null) {
      problems.add(
          pointer,
          "project name '" + name + "' is " + owner + "; a project's namespace must be its own",
          "choose another name, such as '" + name + "-project'");
    }
  }

  /** The namespace the GPU policy of a cluster with GPUs uses: its own in native mode, Kueue's in Kueue mode. */
  static String gpuNamespace(Platform platform) {
    return platform.gpuPolicy().scheduling() == GpuPolicy.Scheduling.KUEUE ? KUEUE_NAMESPACE : GPU_POLICY_NAMESPACE;
  }

  /** The namespace of a cluster's ingress controller, as the allow-from-ingress NetworkPolicy of every project namespace names it. */
  static String ingressNamespace(Cluster cluster) {
    return CorePlan.ingressNamespace(cluster);
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
            new Application(cluster.name() + "-overlay", pointer, "the overlay Application of cluster '" + cluster.name() + "'"));
      }
    }
    Set<String> projects = new HashSet<>();
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      if (!projects.add(project.name())) {
        continue; // a project defined twice is reported as such
      }
      for (String cluster : project.clusters().stream().distinct().toList()) {
        applications.add(new Application(project.name() + "-namespace-" + cluster, Pointers.project(i) + "/name",
            "the namespace Application of project '" + project.name() + "' on cluster '" + cluster + "'"));
        Project.ClusterOverride override = project.clusterOverrides().get(cluster);
        for (String tool : project.on(cluster).tools().keySet()) {
          if (!KnownTools.IDS.contains(tool)) {
            continue; // an unknown tool is reported as such
          }
          String base = override != null && override.tools().containsKey(tool) ? Pointers.override(i, cluster) : Pointers.project(i);
          applications.add(
              new Application(
                  project.name() + "-" + tool + "-" + cluster,
                  base + "/tools/" + Pointers.escape(tool),
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

  /** A project served twice at one host name: on two of its clusters that have the same domain. */
  private static void hosts(Platform platform, SourceMap sources, Problems problems) {
    // every host name the tree serves (a project's, and a tool's with a host of its own), across
    // projects and clusters: a cluster whose domain lies under another's can repeat one
    Map<String, String> served = new HashMap<>();
    Set<String> projects = new HashSet<>();
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      if (!projects.add(project.name())) {
        continue;
      }
      for (int k = 0; k < project.clusters().size(); k++) {
        Cluster cluster = platform.cluster(project.clusters().get(k)).orElse(null);
        if (cluster == null) {
          continue;
        }
        String base = project.name() + "." + cluster.domain().toLowerCase(Locale.ROOT);
        Map<String, String> hosts = new java.util.TreeMap<>();
        hosts.put(base, "project '" + project.name() + "' on cluster '" + cluster.name() + "'");
        for (String tool : project.on(cluster.name()).tools().keySet()) {
          TOOLS.tool(tool).filter(t -> !t.subdomain().isEmpty()).ifPresent(t -> hosts.put(t.subdomain() + "." + base,
              "the " + tool + " of project '" + project.name() + "' on cluster '" + cluster.name() + "'"));
        }
        for (Map.Entry<String, String> host : hosts.entrySet()) {
          String earlier = served.putIfAbsent(host.getKey(), host.getValue());
          if (earlier != null && !earlier.startsWith("project '" + project.name() + "' ")
              && !earlier.contains(" of project '" + project.name() + "' ")) {
            problems.add(
                Pointers.projectCluster(sources, i, k),
                host.getValue() + " would be served at " + host.getKey() + ", like " + earlier
                    + "; the ingress controller would send both to one of them",
                "give the clusters domains that do not lie under one another, or rename the project");
          }
        }
      }
    }
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      Map<String, Integer> first = new HashMap<>();
      for (int k = 0; k < project.clusters().size(); k++) {
        Cluster cluster = platform.cluster(project.clusters().get(k)).orElse(null);
        if (cluster == null) {
          continue;
        }
        String host = project.name() + "." + cluster.domain().toLowerCase(Locale.ROOT);
        Integer earlier = first.putIfAbsent(host, k);
        if (earlier != null && !project.clusters().get(earlier).equals(cluster.name())) {
          problems.add(
              Pointers.projectCluster(sources, i, k),
              "project '" + project.name() + "' would be served at " + host + " on cluster '" + cluster.name()
                  + "' and on cluster '" + project.clusters().get(earlier) + "', which has the same domain",
              "give each cluster its own domain");
        }
      }
    }
  }

  /** An Application the platform makes, where the name it derives from is written, and what it is. */
  private record Application(String name, String pointer, String what) {}
}
