package dev.maia.core.validate;

import dev.maia.core.clustercore.CorePlan;
import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Core;
import dev.maia.core.model.Platform;
import java.util.Optional;

/**
 * The core layer of each cluster ({@code spec.core}, {@code spec.clusters[].core}) fits the
 * cluster: what a component makes has a name to make (the ClusterIssuer {@code
 * ingress.clusterIssuer}, the storage classes {@code storage.*}), a component is on where the
 * objects it configures need it, and a component the tree installs by default exists for the
 * cluster's settings (an ingress controller for its class). A finding is located at the
 * cluster's own core setting when it has one, else at the platform's. The platform's issuer is
 * for the clusters that name an issuer; a cluster without one simply has none.
 */
final class CoreRules implements SemanticRule {

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    for (int j = 0; j < platform.clusters().size(); j++) {
      Cluster cluster = platform.clusters().get(j);
      Core core = cluster.core();
      String base = Pointers.cluster(j);
      String className = cluster.ingress().className();
      if (core.ingress().orElse(true) && CorePlan.ingressController(cluster).isEmpty()) {
        problems.add(
            base + "/ingress/className",
            "the core layer has no ingress controller for IngressClass '" + className + "' of cluster '" + cluster.name()
                + "' (it has ingress-nginx for nginx and Traefik for traefik)",
            "name the controller (core.ingress.controller: ingress-nginx or traefik), or set core.ingress.enabled: false on the"
                + " cluster when it runs its own");
      }
      if (core.issuer().isPresent()) {
        String at = component(sources, j, "certManager") + "/issuer";
        boolean own = at.startsWith(base);
        if (cluster.ingress().clusterIssuer().isEmpty() && own) {
          problems.add(at, "cluster '" + cluster.name() + "' names no ClusterIssuer for the core layer to make",
              "name it in ingress.clusterIssuer, such as clusterIssuer: letsencrypt");
        } else if (!core.certManager().orElse(true)) {
          problems.add(at, "the ClusterIssuer '" + cluster.ingress().clusterIssuer() + "' needs cert-manager, which core.certManager"
              + " switches off on cluster '" + cluster.name() + "'", "leave out the issuer, or switch cert-manager on");
        }
      }
      if (core.storeProvider().isPresent()) {
        String at = component(sources, j, "secrets") + "/storeProvider";
        if (platform.secrets().sealed()) {
          problems.add(at, "a ClusterSecretStore is for External Secrets, but spec.secrets.provider is sealed-secrets",
              "leave out storeProvider");
        } else if (!"ClusterSecretStore".equals(platform.secrets().store().kind())) {
          problems.add(at, "spec.secrets.store is a " + platform.secrets().store().kind()
              + ", one per namespace, so the core layer cannot make it for the cluster",
              "make the store a ClusterSecretStore (spec.secrets.store.kind), or leave out storeProvider");
        } else if (!core.secrets().orElse(true)) {
          problems.add(at, "the ClusterSecretStore needs the External Secrets operator, which core.secrets switches off on cluster '"
              + cluster.name() + "'", "leave out storeProvider, or switch the operator on");
        }
      }
      storage(sources, j, cluster, "default", core.defaultStorage(), cluster.storage().defaultClass(), problems);
      storage(sources, j, cluster, "shared", core.sharedStorage(), cluster.storage().sharedClass(), problems);
      if (core.defaultStorage().filter(p -> p.kind() == Core.Provisioner.Kind.NFS).isPresent()
          && core.sharedStorage().filter(p -> p.kind() == Core.Provisioner.Kind.NFS).isPresent()) {
        problems.add(component(sources, j, "storage") + "/shared",
            "cluster '" + cluster.name() + "' asks for two NFS provisioners; the core layer runs one per cluster",
            "give storage.default another provisioner, or use the shared class for both (storage.default: "
                + cluster.storage().sharedClass() + ")");
      }
    }
  }

  private static void storage(SourceMap sources, int j, Cluster cluster, String which, Optional<Core.Provisioner> provisioner,
      String className, Problems problems) {
    if (provisioner.isEmpty()) {
      return;
    }
    String at = component(sources, j, "storage") + "/" + which;
    if (className.isEmpty()) {
      problems.add(at, "cluster '" + cluster.name() + "' names no storage." + which + " class for the provisioner to make",
          "name it in storage." + which + ", such as " + (which.equals("shared") ? "nfs-client" : "local-path"));
    } else if (which.equals("shared") && provisioner.get().kind() == Core.Provisioner.Kind.LOCAL_PATH) {
      problems.add(at, "the shared class '" + className + "' must be ReadWriteMany, which node-local volumes (localPath) are not",
          "give storage.shared an nfs provisioner");
    }
  }

  /** The pointer of a cluster's core component: its own setting, or the platform's it inherits. */
  private static String component(SourceMap sources, int j, String component) {
    String own = Pointers.cluster(j) + "/core/" + component;
    return sources.contains(own) ? own : "/spec/core/" + component;
  }
}
