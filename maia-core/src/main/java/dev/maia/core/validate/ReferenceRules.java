package dev.maia.core.validate;

import dev.maia.core.clustercore.CoreCatalog;
import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Booking;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.HpcSystem;
import dev.maia.core.model.KnownTools;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every name that refers to another element resolves: a project's clusters, a booking's project,
 * user, cluster and GPU product, an HPC system's projects, ArgoCD's cluster, and the tools of the
 * catalog. An unresolved name gets a did-you-mean hint, or the list of names it could be.
 */
final class ReferenceRules implements SemanticRule {

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    Set<String> clusterNames = new LinkedHashSet<>();
    platform.clusters().forEach(c -> clusterNames.add(c.name()));
    Map<String, Project> projects = new HashMap<>();
    platform.projects().forEach(p -> projects.putIfAbsent(p.name(), p));

    argocdCluster(platform, clusterNames, problems);
    for (int i = 0; i < platform.projects().size(); i++) {
      projectClusters(platform.projects().get(i), i, clusterNames, sources, problems);
      projectTools(platform.projects().get(i), i, problems);
    }
    for (int k = 0; k < platform.bookings().size(); k++) {
      booking(platform, platform.bookings().get(k), k, projects, clusterNames, sources, problems);
    }
    for (int k = 0; k < platform.hpc().size(); k++) {
      hpcProjects(platform.hpc().get(k), k, projects, sources, problems);
    }
    catalog(platform, problems);
  }

  private static void argocdCluster(Platform platform, Set<String> clusterNames, Problems problems) {
    String name = platform.argocd().cluster();
    if (!name.isEmpty() && !clusterNames.contains(name)) {
      problems.add(
          "/spec/argocd/cluster",
          Hints.quote(name) + " is not a cluster",
          Hints.didYouMean(name, clusterNames, "the clusters are", "add the cluster ArgoCD runs on to spec.clusters"));
    }
  }

  private static void projectClusters(
      Project project, int i, Set<String> clusterNames, SourceMap sources, Problems problems) {
    Map<String, String> first = new HashMap<>();
    for (int k = 0; k < project.clusters().size(); k++) {
      String name = project.clusters().get(k);
      String pointer = Pointers.projectCluster(sources, i, k);
      if (name.isEmpty()) {
        problems.add(
            pointer, "project '" + project.name() + "' names no cluster", "set cluster, or clusters for a federated project");
        continue;
      }
      String earlier = first.putIfAbsent(name, pointer);
      if (earlier != null) {
        listedTwice(pointer, name, earlier, "cluster", sources, problems);
      } else if (!clusterNames.contains(name)) {
        unknown(pointer, name, "cluster", clusterNames, problems);
      }
    }
  }

  private static void booking(
      Platform platform,
      Booking booking,
      int k,
      Map<String, Project> projects,
      Set<String> clusterNames,
      SourceMap sources,
      Problems problems) {
    String base = Pointers.booking(k);
    Project project = projects.get(booking.project());
    if (project == null) {
      unknown(base + "/project", booking.project(), "project", projects.keySet(), problems);
    } else {
      bookingUser(booking, project, base, problems);
    }

    boolean explicitCluster = sources.contains(base + "/cluster");
    String cluster = booking.cluster();
    if (explicitCluster) {
      if (!clusterNames.contains(cluster)) {
        unknown(base + "/cluster", cluster, "cluster", clusterNames, problems);
        return;
      }
      if (project != null && !project.clusters().contains(cluster)) {
        problems.add(
            base + "/cluster",
            "'" + cluster + "' is not a cluster of project '" + project.name() + "'",
            "the project runs on " + Hints.list(project.clusters()));
        return;
      }
    } else if (cluster.isEmpty()) {
      if (project != null) {
        unresolvedCluster(platform, booking, project, base, problems);
      }
      return;
    }
    Optional<Cluster> target = platform.cluster(cluster);
    if (target.isPresent() && target.get().gpu(booking.product()).isEmpty()) {
      List<String> products = target.get().gpus().stream().map(Cluster.GpuPool::product).toList();
      problems.add(
          base + "/product",
          "'" + booking.product() + "' is not a GPU product of cluster '" + cluster + "'",
          Hints.didYouMean(booking.product(), products, "its products are", "cluster '" + cluster + "' has no GPUs"));
    }
  }

  private static void bookingUser(Booking booking, Project project, String base, Problems problems) {
    if (!Emails.isValid(booking.user())) {
      return; // reported by EmailRules; one problem per value
    }
    List<String> members = new ArrayList<>(project.users());
    members.addAll(project.admins());
    boolean member = members.stream().anyMatch(m -> Emails.same(m, booking.user()));
    if (!member) {
      String close = Suggestions.hint(booking.user(), members);
      problems.add(
          base + "/user",
          "'" + booking.user() + "' is not a user or admin of project '" + project.name() + "'",
          close != null ? close : "add them to the project's users, or book for one of " + Hints.list(members));
    }
  }

  /**
   * The reader leaves a booking's cluster empty when the project runs on several clusters and the
   * product is on none or several of them.
   */
  private static void unresolvedCluster(
      Platform platform, Booking booking, Project project, String base, Problems problems) {
    List<String> withProduct = new ArrayList<>();
    List<String> products = new ArrayList<>();
    for (String name : project.clusters()) {
      platform
          .cluster(name)
          .ifPresent(
              c -> {
                c.gpus().forEach(g -> products.add(g.product()));
                if (c.gpu(booking.product()).isPresent()) {
                  withProduct.add(c.name());
                }
              });
    }
    if (withProduct.isEmpty()) {
      problems.add(
          base + "/product",
          "'" + booking.product() + "' is not a GPU product of any cluster of project '" + project.name() + "'",
          Hints.didYouMean(booking.product(), products, "its clusters have", "the project's clusters have no GPUs"));
    } else {
      problems.add(
          base,
          "booking '"
              + booking.id()
              + "' does not say which cluster it is for: project '"
              + project.name()
              + "' has '"
              + booking.product()
              + "' on "
              + Hints.list(withProduct),
          "set cluster");
    }
  }

  private static void hpcProjects(
      HpcSystem system, int k, Map<String, Project> projects, SourceMap sources, Problems problems) {
    Map<String, String> first = new HashMap<>();
    for (int m = 0; m < system.projects().size(); m++) {
      String name = system.projects().get(m);
      String pointer = Pointers.hpc(k) + "/projects/" + m;
      String earlier = first.putIfAbsent(name, pointer);
      if (earlier != null) {
        listedTwice(pointer, name, earlier, "project", sources, problems);
      } else if (!projects.containsKey(name)) {
        unknown(pointer, name, "project", projects.keySet(), problems);
      }
    }
  }

  private static void projectTools(Project project, int i, Problems problems) {
    for (String tool : project.tools().keySet()) {
      if (!KnownTools.IDS.contains(tool)) {
        problems.add(
            Pointers.project(i) + "/tools/" + Pointers.escape(tool),
            Hints.quote(tool) + " is not a tool of the catalog",
            Hints.didYouMean(tool, KnownTools.IDS, "the tools are", null));
      }
    }
  }

  private static void catalog(Platform platform, Problems problems) {
    java.util.SortedSet<String> known = new java.util.TreeSet<>(KnownTools.IDS);
    known.addAll(CoreCatalog.builtIn().ids());
    for (String tool : platform.catalog().keySet()) {
      if (!known.contains(tool)) {
        problems.add(
            "/spec/catalog/" + Pointers.escape(tool),
            Hints.quote(tool) + " is not a tool or core component of the catalog",
            Hints.didYouMean(tool, known, "the tools and core components are", null));
      }
    }
  }

  /** {@code 'x' is not a cluster (did you mean 'y'?)}. */
  private static void unknown(String pointer, String name, String kind, Collection<String> known, Problems problems) {
    problems.add(
        pointer,
        Hints.quote(name) + " is not a " + kind,
        Hints.didYouMean(name, known, "the " + kind + "s are", "define it in spec." + kind + "s"));
  }

  private static void listedTwice(
      String pointer, String name, String earlier, String kind, SourceMap sources, Problems problems) {
    problems.add(
        pointer, "'" + name + "' is listed twice (first at " + sources.locate(earlier) + ")", "list each " + kind + " once");
  }
}
