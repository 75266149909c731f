package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.clustercore.CoreCatalog;
import dev.maia.core.clustercore.CoreComponent;
import dev.maia.core.clustercore.CorePlan;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.output.SecurityLint;
import dev.maia.core.model.ToolDefinition;
import dev.maia.core.plan.Layout;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** AppProjects and Applications. */
final class ArgoCdRenderer {

  static final String API_VERSION = "argoproj.io/v1alpha1";
  static final String PLATFORM_PROJECT = SecurityLint.PLATFORM_PROJECT;
  static final String TOOL_LABEL = "maia.dev/tool";

  private final Platform platform;
  private final Layout layout;

  ArgoCdRenderer(Platform platform, Layout layout) {
    this.platform = platform;
    this.layout = layout;
  }

  /**
   * The AppProject of one project: it may deploy only into the project's namespace on the project's
   * clusters, only from the repos its tools use and the GitOps repo, and no cluster-scoped resource.
   */
  ObjectNode appProject(Project project, List<Cluster> clusters, List<String> chartRepos) {
    ObjectNode resource = Manifests.resource(API_VERSION, "AppProject", project.name(), platform.argocd().namespace());
    Manifests.labels(resource, Map.of(Manifests.MANAGED_BY, "maia", Manifests.PROJECT_LABEL, project.name()));
    Manifests.annotate(resource, Manifests.SYNC_WAVE, "-1");
    ObjectNode spec = resource.putObject("spec");
    spec.put("description", project.description().isEmpty() ? "MAIA project " + project.name() : project.description());
    TreeSet<String> repos = new TreeSet<>(chartRepos);
    repos.add(platform.gitops().repoURL());
    spec.set("sourceRepos", Manifests.strings(repos));
    ArrayNode destinations = spec.putArray("destinations");
    for (Cluster cluster : clusters) {
      ObjectNode destination = destinations.addObject();
      destination.put("server", cluster.server());
      destination.put("namespace", project.namespace());
    }
    spec.putArray("clusterResourceWhitelist");
    ArrayNode blacklist = spec.putArray("namespaceResourceBlacklist");
    for (String kind : List.of("ResourceQuota", "LimitRange")) {
      ObjectNode entry = blacklist.addObject();
      entry.put("group", "");
      entry.put("kind", kind);
    }
    ArrayNode roles = spec.putArray("roles");
    roles.add(role(project, "members", project.group(), List.of("get", "sync")));
    roles.add(role(project, "admins", platform.identity().adminGroup(), List.of("get", "sync", "action/*", "delete")));
    return resource;
  }

  private static ObjectNode role(Project project, String name, String group, List<String> actions) {
    ObjectNode role = Manifests.object();
    role.put("name", name);
    role.put("description", name + " of project " + project.name());
    role.set("groups", Manifests.strings(List.of(group)));
    ArrayNode policies = role.putArray("policies");
    for (String action : actions) {
      policies.add("p, proj:" + project.name() + ":" + name + ", applications, " + action + ", " + project.name() + "/*, allow");
    }
    return role;
  }

  /**
   * The AppProject of the platform itself: the roots and the cluster overlays. Only the GitOps repo
   * is a source; its cluster-scoped kinds are Namespaces, the GPU policy's kinds ({@code
   * gpuKinds}, as group and kind) and Kubeflow Profiles when a project uses Kubeflow. No OIDC group
   * has a role in it.
   */
  ObjectNode platformProject(List<Cluster> clusters, List<String[]> gpuKinds, boolean kubeflowProfiles) {
    ObjectNode resource = Manifests.resource(API_VERSION, "AppProject", PLATFORM_PROJECT, platform.argocd().namespace());
    Manifests.labels(resource, Map.of(Manifests.MANAGED_BY, "maia"));
    Manifests.annotate(resource, Manifests.SYNC_WAVE, "-2");
    ObjectNode spec = resource.putObject("spec");
    spec.put("description", "MAIA platform: cluster overlays and app-of-apps roots, managed from Git only");
    spec.set("sourceRepos", Manifests.strings(List.of(platform.gitops().repoURL())));
    ArrayNode destinations = spec.putArray("destinations");
    for (Cluster cluster : clusters) {
      ObjectNode destination = destinations.addObject();
      destination.put("server", cluster.server());
      destination.put("namespace", "*");
    }
    ArrayNode whitelist = spec.putArray("clusterResourceWhitelist");
    ObjectNode namespaces = whitelist.addObject();
    namespaces.put("group", "");
    namespaces.put("kind", "Namespace");
    for (String[] kind : gpuKinds) {
      ObjectNode entry = whitelist.addObject();
      entry.put("group", kind[0]);
      entry.put("kind", kind[1]);
    }
    if (kubeflowProfiles) {
      ObjectNode profiles = whitelist.addObject();
      profiles.put("group", "kubeflow.org");
      profiles.put("kind", "Profile");
    }
    return resource;
  }

  /**
   * The app-of-apps root of a cluster: it syncs the cluster's Applications folder. With a staged
   * rollout its sync wave is the position of the cluster's wave, and it carries the wave's name.
   */
  ObjectNode rootApplication(Cluster cluster) {
    ObjectNode app = application("maia-root-" + cluster.name(), PLATFORM_PROJECT, clusterLabels(cluster));
    Manifests.annotate(app, Manifests.SYNC_WAVE, String.valueOf(platform.rollout().indexOf(cluster)));
    ObjectNode spec = (ObjectNode) app.get("spec");
    spec.set("source", gitSource(Layout.clusterApps(cluster.name())));
    spec.set("destination", destination(platform.argocdCluster().server(), platform.argocd().namespace()));
    spec.set("syncPolicy", syncPolicy(true));
    return app;
  }

  /**
   * Syncs a cluster's Kustomize overlay to that cluster: what the cluster's projects share (the GPU
   * policy, the Kubeflow Profiles), not the project namespaces, which have an Application each.
   */
  ObjectNode overlayApplication(Cluster cluster) {
    return gitApplication(overlayApplicationName(cluster), PLATFORM_PROJECT, clusterLabels(cluster), -1,
        Layout.clusterOverlay(cluster.name()), cluster, syncPolicy(true));
  }

  /**
   * Syncs one project namespace on one cluster (its Namespace, quotas, limits, policies, role
   * bindings and Secrets), in an Application of its own: a project whose objects do not apply
   * stalls neither the other projects nor the cluster's shared objects. It is the platform's, not
   * the project's: members may not change their own quota.
   */
  ObjectNode namespaceApplication(Project project, Cluster cluster) {
    Map<String, String> labels = clusterLabels(cluster);
    labels.put(Manifests.PROJECT_LABEL, project.name());
    return gitApplication(namespaceApplicationName(project, cluster), PLATFORM_PROJECT, labels, -1,
        Layout.projectNamespace(cluster.name(), project.name()), cluster, syncPolicy(true));
  }

  /** An Application of a tree folder, synced to a whole cluster (its objects name their namespaces). */
  private ObjectNode gitApplication(String name, String project, Map<String, String> labels, int wave, String treePath,
      Cluster cluster, ObjectNode syncPolicy) {
    ObjectNode app = application(name, project, labels);
    Manifests.annotate(app, Manifests.SYNC_WAVE, String.valueOf(wave));
    ObjectNode spec = (ObjectNode) app.get("spec");
    spec.set("source", gitSource(treePath));
    spec.set("destination", destination(cluster.server(), null));
    spec.set("syncPolicy", syncPolicy);
    return app;
  }

  /** {@value Manifests#CLUSTER_LABEL} and, with a staged rollout, the cluster's wave. */
  private Map<String, String> clusterLabels(Cluster cluster) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(Manifests.CLUSTER_LABEL, cluster.name());
    platform.rollout().waveOf(cluster).ifPresent(wave -> labels.put(Manifests.WAVE_LABEL, wave.name()));
    return labels;
  }

  static String overlayApplicationName(Cluster cluster) {
    return cluster.name() + "-overlay";
  }

  static String namespaceApplicationName(Project project, Cluster cluster) {
    return project.name() + "-namespace-" + cluster.name();
  }

  /** One tool of one project on one cluster, installed from its pinned Helm chart. */
  ObjectNode toolApplication(
      Project project, Cluster cluster, ToolDefinition tool, JsonNode values, List<ToolDefinition.ChartMade> chartMade) {
    Map<String, String> labels = clusterLabels(cluster);
    labels.put(Manifests.PROJECT_LABEL, project.name());
    labels.put(TOOL_LABEL, tool.id());
    ObjectNode app = application(toolApplicationName(project, cluster, tool.id()), project.name(), labels);
    Manifests.annotate(app, Manifests.SYNC_WAVE, String.valueOf(tool.syncWave()));
    // removing the tool deletes what it runs; its volumes carry Delete=false and stay (ToolValues' keep)
    ((ObjectNode) app.get("metadata")).set("finalizers", Manifests.strings(List.of(SecurityLint.RESOURCES_FINALIZER)));
    ObjectNode spec = (ObjectNode) app.get("spec");
    ObjectNode source = spec.putObject("source");
    source.put("repoURL", tool.repoURL());
    source.put("chart", tool.chart());
    source.put("targetRevision", tool.version());
    ObjectNode helm = source.putObject("helm");
    helm.put("releaseName", tool.id());
    helm.set("valuesObject", values);
    spec.set("destination", destination(cluster.server(), project.namespace()));
    spec.set("syncPolicy", syncPolicy(true));
    ignoreDifferences(app, chartMade);
    return app;
  }

  /**
   * The AppProject of the core layer: the core charts' repositories and the GitOps repo as sources;
   * on each cluster, exactly the namespaces its components run in; and the cluster-scoped kinds
   * foundation components install ({@link dev.maia.core.output.SecurityLint#CORE_PROJECT}). No
   * OIDC group has a role in it.
   */
  ObjectNode coreProject(List<CorePlan> plans, CoreCatalog catalog) {
    ObjectNode resource = Manifests.resource(API_VERSION, "AppProject", SecurityLint.CORE_PROJECT, platform.argocd().namespace());
    Manifests.labels(resource, Map.of(Manifests.MANAGED_BY, "maia"));
    Manifests.annotate(resource, Manifests.SYNC_WAVE, "-2");
    ObjectNode spec = resource.putObject("spec");
    spec.put("description", "MAIA core: each cluster's foundation components (ingress, certificates, secrets, GPUs, storage, monitoring)");
    TreeSet<String> repos = new TreeSet<>();
    repos.add(platform.gitops().repoURL());
    ArrayNode destinations = spec.putArray("destinations");
    for (CorePlan plan : plans) {
      TreeSet<String> namespaces = new TreeSet<>();
      for (String id : plan.components()) {
        CoreComponent component = catalog.component(id);
        repos.add(component.repoURL());
        namespaces.add(component.namespace());
      }
      for (String namespace : namespaces) {
        ObjectNode destination = destinations.addObject();
        destination.put("server", plan.cluster().server());
        destination.put("namespace", namespace);
      }
    }
    spec.set("sourceRepos", Manifests.strings(repos));
    ArrayNode whitelist = spec.putArray("clusterResourceWhitelist");
    for (String[] kind : dev.maia.core.output.SecurityLint.CORE_CLUSTER_KINDS) {
      whitelist.addObject().put("group", kind[0]).put("kind", kind[1]);
    }
    return resource;
  }

  /** One foundation component on one cluster, from its pinned chart (Helm repository or Git). */
  ObjectNode coreApplication(Cluster cluster, CoreComponent component, JsonNode values) {
    Map<String, String> labels = clusterLabels(cluster);
    labels.put(CoreRenderer.CORE_LABEL, component.id());
    ObjectNode app = application(coreApplicationName(cluster, component.id()), SecurityLint.CORE_PROJECT, labels);
    Manifests.annotate(app, Manifests.SYNC_WAVE, String.valueOf(component.syncWave()));
    ObjectNode spec = (ObjectNode) app.get("spec");
    ObjectNode source = spec.putObject("source");
    source.put("repoURL", component.repoURL());
    if (component.fromGit()) {
      source.put("path", component.chart());
    } else {
      source.put("chart", component.chart());
    }
    source.put("targetRevision", component.version());
    ObjectNode helm = source.putObject("helm");
    helm.put("releaseName", component.id());
    if (component.skipCrds()) {
      helm.put("skipCrds", true);
    }
    helm.set("valuesObject", values);
    spec.set("destination", destination(cluster.server(), component.namespace()));
    ObjectNode policy = syncPolicy(true);
    if (CorePlan.MONITORING.equals(component.id())) {
      spec.set("syncPolicy", policy); // its namespace comes with the core configuration, before it
      return app;
    }
    ((ArrayNode) policy.get("syncOptions")).add("CreateNamespace=true");
    if (!component.podSecurity().isEmpty()) {
      policy.putObject("managedNamespaceMetadata").putObject("labels")
          .put(CoreRenderer.CORE_LABEL, component.id())
          .put("pod-security.kubernetes.io/enforce", component.podSecurity());
    }
    spec.set("syncPolicy", policy);
    return app;
  }

  /**
   * Syncs a cluster's core configuration ({@code clusters/CLUSTER/core}: the ClusterIssuer, the
   * ClusterSecretStore, MetalLB's pool) after the components whose CRDs and webhooks it needs. A
   * dry run of a kind whose CRD is not there yet is skipped, and a failed sync is retried (as every
   * Application's), so a first sync that comes before the CRDs heals by itself.
   */
  ObjectNode coreConfigApplication(Cluster cluster) {
    ObjectNode policy = syncPolicy(true);
    ((ArrayNode) policy.get("syncOptions")).add("SkipDryRunOnMissingResource=true");
    return gitApplication(cluster.name() + "-core", SecurityLint.CORE_PROJECT, clusterLabels(cluster), CoreRenderer.CONFIG_WAVE,
        Layout.clusterOverlay(cluster.name()) + "/" + CoreRenderer.CONFIG_FOLDER, cluster, policy);
  }

  static String coreApplicationName(Cluster cluster, String component) {
    return "core-" + component + "-" + cluster.name();
  }

  /** Application option that makes a sync keep the live value of every ignored field, not only the diff. */
  static final String RESPECT_IGNORE_DIFFERENCES = "RespectIgnoreDifferences=true";

  /**
   * Tells ArgoCD to keep what a chart makes at random in plain objects ({@link
   * ToolDefinition.ChartMade}): those fields are not compared, and a sync keeps the live values,
   * so what the first sync created stays.
   */
  static void ignoreDifferences(ObjectNode app, List<ToolDefinition.ChartMade> chartMade) {
    List<JsonNode> entries = new java.util.ArrayList<>();
    for (ToolDefinition.ChartMade made : chartMade) {
      if (made.hook() || made.paths().isEmpty()) {
        continue; // ArgoCD compares no hook: it makes them anew on every sync
      }
      ObjectNode entry = Manifests.object();
      entry.put("group", made.group());
      entry.put("kind", made.kind());
      entry.put("name", made.name());
      entry.set("jsonPointers", Manifests.strings(made.paths()));
      entries.add(entry);
    }
    if (!entries.isEmpty()) {
      setIgnoreDifferences(app, entries);
    }
  }

  /** Sets {@code entries} as the Application's ignoreDifferences, kept on sync. */
  private static void setIgnoreDifferences(ObjectNode app, List<JsonNode> entries) {
    ObjectNode spec = (ObjectNode) app.get("spec");
    ArrayNode list = spec.putArray("ignoreDifferences");
    entries.forEach(e -> list.add(e.deepCopy()));
    ArrayNode options = (ArrayNode) spec.path("syncPolicy").path("syncOptions");
    options.removeAll();
    options.add("ServerSideApply=true");
    options.add(RESPECT_IGNORE_DIFFERENCES);
  }

  /**
   * The AppProject of the identity layer: the GitOps repo as its only source, the identity Job's
   * namespace on the ArgoCD cluster as its only destination, that Namespace as its only
   * cluster-scoped kind, and only the kinds {@code identity/} holds. No OIDC group has a role in it.
   */
  ObjectNode identityProject(String namespace) {
    ObjectNode resource = oneNamespaceProject(SecurityLint.IDENTITY_PROJECT,
        "MAIA identity: the Job that makes Keycloak hold the platform's groups, members and clients", namespace,
        List.<String[]>of(new String[] {"", "Namespace"}), IDENTITY_KINDS);
    Manifests.annotate(resource, Manifests.SYNC_WAVE, "-2");
    return resource;
  }

  /**
   * An AppProject with the GitOps repo as its only source, one namespace of the ArgoCD cluster as
   * its only destination, and only the kinds listed.
   */
  private ObjectNode oneNamespaceProject(String name, String description, String namespace, List<String[]> clusterKinds,
      List<String[]> namespacedKinds) {
    ObjectNode resource = Manifests.resource(API_VERSION, "AppProject", name, platform.argocd().namespace());
    Manifests.labels(resource, Map.of(Manifests.MANAGED_BY, "maia"));
    ObjectNode spec = resource.putObject("spec");
    spec.put("description", description);
    spec.set("sourceRepos", Manifests.strings(List.of(platform.gitops().repoURL())));
    ObjectNode destination = spec.putArray("destinations").addObject();
    destination.put("server", platform.argocdCluster().server());
    destination.put("namespace", namespace);
    kinds(spec.putArray("clusterResourceWhitelist"), clusterKinds);
    kinds(spec.putArray("namespaceResourceWhitelist"), namespacedKinds);
    return resource;
  }

  private static void kinds(ArrayNode list, List<String[]> kinds) {
    for (String[] kind : kinds) {
      ObjectNode entry = list.addObject();
      entry.put("group", kind[0]);
      entry.put("kind", kind[1]);
    }
  }

  /** What {@code identity/} may hold besides its Namespace, as group and kind. */
  static final List<String[]> IDENTITY_KINDS =
      List.of(
          new String[] {"", "ConfigMap"},
          new String[] {"", "ServiceAccount"},
          new String[] {"networking.k8s.io", "NetworkPolicy"},
          new String[] {"batch", "Job"},
          new String[] {"batch", "CronJob"},
          new String[] {"external-secrets.io", "ExternalSecret"},
          new String[] {"bitnami.com", "SealedSecret"});

  /** The Application that syncs {@code identity/} to the ArgoCD cluster, after the AppProjects (wave -1). */
  ObjectNode identityApplication() {
    return gitApplication(SecurityLint.IDENTITY_PROJECT, SecurityLint.IDENTITY_PROJECT, Map.of(), -1, Layout.IDENTITY,
        platform.argocdCluster(), syncPolicy(true));
  }

  /**
   * The AppProject of the bootstrap Application: the GitOps repo as its only source, ArgoCD's own
   * namespace as its only destination, and only the kinds {@code argocd/} holds.
   */
  ObjectNode bootstrapProject() {
    return oneNamespaceProject(SecurityLint.BOOTSTRAP_PROJECT, "MAIA bootstrap: syncs argocd/ of the GitOps repo (AppProjects, roots,"
        + " cluster registrations, ArgoCD's login and RBAC)", platform.argocd().namespace(), List.of(), BOOTSTRAP_KINDS);
  }

  /** What {@code argocd/} may hold, as group and kind. */
  static final List<String[]> BOOTSTRAP_KINDS =
      List.of(
          new String[] {"argoproj.io", "AppProject"},
          new String[] {"argoproj.io", "Application"},
          new String[] {"argoproj.io", "ApplicationSet"},
          new String[] {"external-secrets.io", "ExternalSecret"},
          new String[] {"bitnami.com", "SealedSecret"},
          new String[] {"", "ConfigMap"});

  /** The Application that syncs {@code argocd/} from the GitOps branch: the one thing applied by hand. */
  ObjectNode bootstrapApplication() {
    ObjectNode app = application(SecurityLint.BOOTSTRAP_APPLICATION, SecurityLint.BOOTSTRAP_PROJECT, Map.of());
    ObjectNode spec = (ObjectNode) app.get("spec");
    spec.set("source", gitSource(Layout.ARGOCD));
    spec.set("destination", destination(platform.argocdCluster().server(), platform.argocd().namespace()));
    spec.set("syncPolicy", syncPolicy(true));
    return app;
  }

  static String toolApplicationName(Project project, Cluster cluster, String tool) {
    return project.name() + "-" + tool + "-" + cluster.name();
  }

  private ObjectNode application(String name, String project, Map<String, String> labels) {
    ObjectNode app = Manifests.resource(API_VERSION, "Application", name, platform.argocd().namespace());
    Map<String, String> all = new TreeMap<>(labels);
    all.put(Manifests.MANAGED_BY, "maia");
    Manifests.labels(app, all);
    app.putObject("spec").put("project", project);
    return app;
  }

  private ObjectNode gitSource(String treePath) {
    ObjectNode source = Manifests.object();
    source.put("repoURL", platform.gitops().repoURL());
    source.put("targetRevision", platform.gitops().branch());
    source.put("path", layout.repoPath(treePath));
    return source;
  }

  private static ObjectNode destination(String server, String namespace) {
    ObjectNode destination = Manifests.object();
    destination.put("server", server);
    if (namespace != null) {
      destination.put("namespace", namespace);
    }
    return destination;
  }

  /**
   * Automated sync, with retries: an automated sync that fails is not tried again for the same
   * commit, so a sync that runs before the CRDs or webhooks it needs (on a bare cluster, where an
   * app-of-apps without ArgoCD's Application health check does not wait for a wave to be healthy)
   * would stay failed. Ten tries, from 30 s to 10 min apart, cover a core layer coming up.
   */
  private static ObjectNode syncPolicy(boolean prune) {
    ObjectNode policy = Manifests.object();
    ObjectNode automated = policy.putObject("automated");
    automated.put("prune", prune);
    automated.put("selfHeal", true);
    policy.set("syncOptions", Manifests.strings(List.of("ServerSideApply=true")));
    ObjectNode retry = policy.putObject("retry");
    retry.put("limit", 10);
    retry.putObject("backoff").put("duration", "30s").put("factor", 2).put("maxDuration", "10m");
    return policy;
  }
}
