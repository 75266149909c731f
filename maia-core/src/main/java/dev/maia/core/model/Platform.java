package dev.maia.core.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated platform with every default applied: the single input of planning. Lists keep the
 * order of the merged document, so item {@code i} of {@link #projects()} is {@code /spec/projects/i}.
 */
public record Platform(
    String name,
    GitOps gitops,
    ArgoCd argocd,
    Identity identity,
    Secrets secrets,
    Map<String, CatalogOverride> catalog,
    List<Cluster> clusters,
    GpuPolicy gpuPolicy,
    List<Project> projects,
    List<Booking> bookings,
    List<HpcSystem> hpc,
    Rollout rollout) {

  public Platform {
    catalog = Map.copyOf(catalog);
    clusters = List.copyOf(clusters);
    projects = List.copyOf(projects);
    bookings = List.copyOf(bookings);
    hpc = List.copyOf(hpc);
    java.util.Objects.requireNonNull(rollout, "rollout");
  }

  public Optional<Cluster> cluster(String clusterName) {
    return clusters.stream().filter(c -> c.name().equals(clusterName)).findFirst();
  }

  /** The same platform with one more booking, after its own. */
  public Platform withBooking(Booking booking) {
    List<Booking> all = new java.util.ArrayList<>(bookings);
    all.add(booking);
    return new Platform(name, gitops, argocd, identity, secrets, catalog, clusters, gpuPolicy, projects, all, hpc, rollout);
  }

  /** Whether ArgoCD reaches the cluster through a registration (every cluster but its own). */
  public boolean isRemote(Cluster cluster) {
    return !cluster.name().equals(argocd.cluster());
  }

  /** The cluster ArgoCD runs on (validation guarantees it exists). */
  public Cluster argocdCluster() {
    return cluster(argocd.cluster()).orElseThrow();
  }

  /** Where the generated tree is published. */
  public record GitOps(String repoURL, String branch, String path) {}

  /** The ArgoCD that syncs the whole federation. */
  public record ArgoCd(String namespace, String cluster, Mode mode) {

    /** ArgoCD in the default mode, {@link Mode#APPLICATIONS}. */
    public ArgoCd(String namespace, String cluster) {
      this(namespace, cluster, Mode.APPLICATIONS);
    }

    public boolean applicationSets() {
      return mode == Mode.APPLICATION_SET;
    }

    /** How the tools' Applications reach ArgoCD ({@code spec.argocd.mode}). */
    public enum Mode {
      /** One Application per project, tool and cluster, in the folder its cluster's root syncs. */
      APPLICATIONS,
      /** One ApplicationSet per project whose list generator holds its tools on its clusters. */
      APPLICATION_SET;

      public static Mode of(String value) {
        return "applicationset".equals(value) ? APPLICATION_SET : APPLICATIONS;
      }
    }
  }

  /** The OIDC provider every tool logs in with. */
  public record Identity(String issuer, String adminGroup, String groupPrefix) {

    /** The TCP port of the issuer: the one its URL names, else 443 (it is https). */
    public int issuerPort() {
      java.util.regex.Matcher port = java.util.regex.Pattern.compile("^[a-z]+://[^/?#]*:(\\d{1,5})(?:[/?#].*)?$").matcher(issuer);
      return port.matches() ? Integer.parseInt(port.group(1)) : 443;
    }
  }

  /** Where credentials live; output only ever references them. */
  public record Secrets(String provider, StoreRef store) {

    public boolean sealed() {
      return "sealed-secrets".equals(provider);
    }
  }

  /** An External Secrets store. */
  public record StoreRef(String kind, String name) {}

  /** A site's change to a built-in tool: a mirror, another chart name or another exact version. */
  public record CatalogOverride(Optional<String> repoURL, Optional<String> chart, Optional<String> version) {}
}
