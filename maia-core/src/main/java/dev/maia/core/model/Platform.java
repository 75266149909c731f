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

  /**
   * The ArgoCD that syncs the whole federation.
   *
   * @param url where people open ArgoCD ({@code spec.argocd.url}, else {@link #defaultUrl}): an
   *     {@code https://} URL of a host, without a path or a trailing slash
   */
  public record ArgoCd(String namespace, String cluster, Mode mode, String url) {

    /** The OIDC client ArgoCD logs in with; Keycloak registers it with the redirect URI {@link #callbackUrl()}. */
    public static final String OIDC_CLIENT_ID = "maia-argocd";

    /** The Secret in ArgoCD's namespace that holds the client secret of {@link #OIDC_CLIENT_ID}. */
    public static final String OIDC_SECRET = "argocd-oidc";

    /** The key of {@link #OIDC_SECRET} that holds the client secret. */
    public static final String OIDC_SECRET_KEY = "client-secret";

    /** The entry of the secret store that holds the client secret. */
    public static final String OIDC_STORE_KEY = "identity/argocd";

    /** The property of {@link #OIDC_STORE_KEY} that holds the client secret. */
    public static final String OIDC_STORE_PROPERTY = "oidc-client-secret";

    /** ArgoCD in the default mode, {@link Mode#APPLICATIONS}, at no URL (a platform made in code, not read). */
    public ArgoCd(String namespace, String cluster) {
      this(namespace, cluster, Mode.APPLICATIONS, "");
    }

    /** Where ArgoCD is served unless {@code spec.argocd.url} says otherwise: {@code https://argocd.<domain of its cluster>}. */
    public static String defaultUrl(Cluster cluster) {
      return "https://argocd." + cluster.domain();
    }

    /** Where the OIDC provider sends a login back to ArgoCD: {@code <url>/auth/callback}. */
    public String callbackUrl() {
      return url + "/auth/callback";
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

  /**
   * The OIDC provider every tool logs in with.
   *
   * @param applierImage the image the identity Job runs its applier on ({@code identity.applierImage})
   */
  public record Identity(String issuer, String adminGroup, String groupPrefix, String applierImage) {

    /** The identity of a platform that leaves the applier's image at its default. */
    public Identity(String issuer, String adminGroup, String groupPrefix) {
      this(issuer, adminGroup, groupPrefix, Defaults.APPLIER_IMAGE);
    }

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
