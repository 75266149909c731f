package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.clustercore.CoreCatalog;
import dev.maia.core.clustercore.CoreComponent;
import dev.maia.core.clustercore.CorePlan;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Lock;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.model.ToolCatalog;
import dev.maia.core.output.CanonicalYaml;
import dev.maia.core.plan.GpuSchedule;
import dev.maia.core.plan.Layout;
import dev.maia.core.plan.PortAllocator;
import dev.maia.core.plan.Unit;
import dev.maia.core.plan.identity.KeycloakRealm;
import dev.maia.core.render.identity.IdentityRenderer;
import dev.maia.core.load.RepoReader;
import dev.maia.core.render.identity.ArgoCdLoginRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders one {@link Unit} into its files. Stateless after construction and safe to call from
 * several threads at once.
 */
public final class UnitRenderer {

  /** The file of a cluster overlay that holds the Kubeflow Profiles of its projects. */
  static final String KUBEFLOW_PROFILES = "kubeflow-profiles.yaml";

  private final Platform platform;
  private final Layout layout;
  private final NamespaceRenderer namespaces;
  private final ArgoCdRenderer argocd;
  private final SecretRenderer secrets;
  private final ToolRenderer tools;
  private final GpuPolicyRenderer gpu;
  private final CalendarSvg calendars;
  private final ToolResources toolResources;
  private final HpcRenderer hpc;
  private final ApplicationSetRenderer applicationSets;
  private final CoreRenderer core;
  private final IdentityRenderer identity;
  private final ArgoCdLoginRenderer argocdLogin;

  /**
   * @param repo the reader of the platform repo, for the site's templates and sealed secrets
   * @param schedule the GPU bookings in force at the time of the run
   * @param lock the allocation of the platform's NodePorts (SSH, DICOM)
   */
  public UnitRenderer(Platform platform, RepoReader repo, GpuSchedule schedule, Lock lock) {
    this(platform, repo, schedule, lock, new ToolValues(repo));
  }

  /** A renderer whose templates run in {@code values}'s sandbox. */
  UnitRenderer(Platform platform, RepoReader repo, GpuSchedule schedule, Lock lock, ToolValues values) {
    this.platform = platform;
    this.layout = new Layout(platform.gitops().path());
    this.gpu = new GpuPolicyRenderer(platform, schedule);
    this.calendars = new CalendarSvg(schedule);
    this.namespaces = new NamespaceRenderer(platform, gpu);
    this.argocd = new ArgoCdRenderer(platform, layout);
    this.secrets = new SecretRenderer(platform, repo);
    this.hpc = new HpcRenderer(platform, secrets);
    this.applicationSets = new ApplicationSetRenderer(platform);
    this.tools =
        new ToolRenderer(
            platform,
            ToolCatalog.builtIn().withOverrides(platform.catalog()),
            values,
            argocd,
            new WorkspaceGpuProfiles(gpu),
            lock);
    this.core = new CoreRenderer(platform, CoreCatalog.builtIn().withOverrides(platform.catalog()), values, secrets);
    this.toolResources = new ToolResources(secrets, lock, new dev.maia.core.render.identity.LoginProxyRenderer(platform, tools.catalog().loginProxy()));
    this.identity = new IdentityRenderer(platform, secrets);
    this.argocdLogin = new ArgoCdLoginRenderer(platform, secrets);
  }

  ToolRenderer tools() {
    return tools;
  }

  CoreRenderer core() {
    return core;
  }

  public RenderedUnit render(Unit unit) {
    Output out = new Output();
    if (unit instanceof Unit.Federation f) {
      federation(f, out);
    } else if (unit instanceof Unit.ClusterUnit c) {
      cluster(c, out);
    } else if (unit instanceof Unit.ProjectUnit p) {
      out.put(Layout.appProject(p.project().name()), null, argocd.appProject(p.project(), p.clusters(), chartRepos(p)));
      if (platform.argocd().applicationSets()) {
        applicationSet(p, out);
      }
    } else if (unit instanceof Unit.Placement p) {
      placement(p.project(), p.cluster(), out);
    }
    return new RenderedUnit(out.files, out.documents, out.counts);
  }

  private void federation(Unit.Federation unit, Output out) {
    out.put(Layout.file(Layout.PROJECT_BASE, Layout.KUSTOMIZATION), null, Kustomizations.of(List.of(Layout.RESOURCES)));
    out.put(Layout.file(Layout.PROJECT_BASE, Layout.RESOURCES), null, NamespaceRenderer.base());
    out.put(
        Layout.platformProject(),
        null,
        argocd.platformProject(unit.clusters(), gpu.clusterKinds(), unit.projects().stream().anyMatch(UnitRenderer::kubeflow)));
    out.put(Layout.coreProject(), null, argocd.coreProject(unit.clusters().stream().map(core::plan).toList(), core.catalog()));
    identity(out);
    List<String> resources = new ArrayList<>();
    resources.add(relative(Layout.ARGOCD, Layout.platformProject()));
    resources.add(relative(Layout.ARGOCD, Layout.coreProject()));
    resources.add(relative(Layout.ARGOCD, Layout.identityProject()));
    resources.add(relative(Layout.ARGOCD, Layout.identityApplication()));
    unit.projects().forEach(p -> resources.add(relative(Layout.ARGOCD, Layout.appProject(p.name()))));
    if (platform.argocd().applicationSets()) {
      unit.projects().stream().filter(this::hasApplications).forEach(p -> resources.add(relative(Layout.ARGOCD, Layout.applicationSet(p.name()))));
    }
    argocdSettings(resources, out);
    for (Cluster cluster : unit.clusters()) {
      resources.add(relative(Layout.ARGOCD, Layout.rootApp(cluster.name())));
      if (isRemote(cluster)) {
        resources.add(relative(Layout.ARGOCD, Layout.registration(cluster.name())));
      }
    }
    out.put(Layout.file(Layout.ARGOCD, Layout.KUSTOMIZATION), null, Kustomizations.of(resources));
    out.put(Layout.file(Layout.BOOTSTRAP, Layout.KUSTOMIZATION), null, Kustomizations.of(List.of(BOOTSTRAP_PROJECT, BOOTSTRAP_APPLICATION)));
    out.put(Layout.file(Layout.BOOTSTRAP, BOOTSTRAP_PROJECT), null, argocd.bootstrapProject());
    out.put(Layout.file(Layout.BOOTSTRAP, BOOTSTRAP_APPLICATION), null, argocd.bootstrapApplication());
    out.putBytes(Layout.TOPOLOGY, new TopologyDiagram(platform).file());
  }

  /** The identity layer: {@code identity/} on the ArgoCD cluster, its AppProject and Application. */
  private void identity(Output out) {
    KeycloakRealm realm = KeycloakRealm.of(platform, tools.catalog());
    out.put(Layout.file(Layout.IDENTITY, Layout.KUSTOMIZATION), null, Kustomizations.of(List.of(Layout.RESOURCES)));
    out.put(Layout.file(Layout.IDENTITY, Layout.RESOURCES), platform.argocd().cluster(), identity.render(realm));
    out.put(Layout.identityProject(), null, argocd.identityProject(KeycloakRealm.NAMESPACE));
    out.put(Layout.identityApplication(), null, argocd.identityApplication());
  }

  /** ArgoCD's login and global RBAC, and the Secret it logs in with, listed in {@code argocd/}'s kustomization. */
  private void argocdSettings(List<String> resources, Output out) {
    Map<String, JsonNode> settings = new java.util.LinkedHashMap<>();
    settings.put(ArgoCdLoginRenderer.SETTINGS, argocdLogin.settings());
    settings.put(ArgoCdLoginRenderer.RBAC, argocdLogin.rbac());
    settings.put(Platform.ArgoCd.OIDC_SECRET, argocdLogin.clientSecret());
    settings.forEach((name, document) -> {
      out.put(Layout.argocdSettings(name), null, document);
      resources.add(relative(Layout.ARGOCD, Layout.argocdSettings(name)));
    });
  }

  /** The files of {@code bootstrap/}, applied once with {@code kubectl apply -k bootstrap/}. */
  static final String BOOTSTRAP_PROJECT = "project.yaml";
  static final String BOOTSTRAP_APPLICATION = "application.yaml";

  /** Applicationset mode: the project's tool Applications on all its clusters, as one ApplicationSet. */
  private void applicationSet(Unit.ProjectUnit unit, Output out) {
    List<JsonNode> applications = new ArrayList<>();
    for (Cluster cluster : unit.clusters()) {
      applications.addAll(tools.applications(unit.project().on(cluster.name()), cluster).values());
    }
    if (!applications.isEmpty()) {
      out.put(Layout.applicationSet(unit.project().name()), null, applicationSets.applicationSet(unit.project(), applications));
    }
  }

  /** Whether the project has a tool with an Application of its own on one of its clusters. */
  private boolean hasApplications(Project project) {
    return project.clusters().stream().anyMatch(c -> !tools.applicationTools(project.on(c)).isEmpty());
  }

  /** The chart repos of the project's tools on all of its clusters, for its AppProject. */
  private List<String> chartRepos(Unit.ProjectUnit unit) {
    return unit.clusters().stream()
        .flatMap(c -> tools.chartRepos(unit.project().on(c.name())).stream())
        .distinct()
        .sorted()
        .toList();
  }

  private void cluster(Unit.ClusterUnit unit, Output out) {
    Cluster cluster = unit.cluster();
    String overlay = Layout.clusterOverlay(cluster.name());
    List<String> overlayResources = new ArrayList<>();
    List<JsonNode> gpuResources = gpu.clusterResources(cluster, unit.projects());
    if (!gpuResources.isEmpty()) {
      overlayResources.add(GpuPolicyRenderer.CLUSTER_FILE);
      out.put(Layout.file(overlay, GpuPolicyRenderer.CLUSTER_FILE), cluster.name(), gpuResources);
    }
    List<JsonNode> profiles = new ArrayList<>();
    unit.projects().stream().filter(UnitRenderer::kubeflow).forEach(p -> profiles.add(ToolResources.kubeflowProfile(p, cluster)));
    if (!profiles.isEmpty()) {
      overlayResources.add(KUBEFLOW_PROFILES);
      out.put(Layout.file(overlay, KUBEFLOW_PROFILES), cluster.name(), profiles);
    }
    out.put(Layout.file(overlay, Layout.KUSTOMIZATION), null, Kustomizations.of(overlayResources));
    calendars.render(cluster).forEach(out::putBytes);

    String apps = Layout.clusterApps(cluster.name());
    List<String> appFiles = new ArrayList<>();
    CorePlan plan = core.plan(cluster);
    for (String id : plan.components()) {
      CoreComponent component = core.component(id);
      appFiles.add(coreFile(id));
      out.put(Layout.file(apps, coreFile(id)), cluster.name(), argocd.coreApplication(cluster, component, core.values(plan, component)));
    }
    List<JsonNode> configuration = core.configuration(plan);
    if (!configuration.isEmpty()) {
      String folder = Layout.file(overlay, CoreRenderer.CONFIG_FOLDER);
      out.put(Layout.file(folder, Layout.KUSTOMIZATION), null, Kustomizations.of(List.of(Layout.RESOURCES)));
      out.put(Layout.file(folder, Layout.RESOURCES), cluster.name(), configuration);
      appFiles.add(CORE_CONFIG_APPLICATION);
      out.put(Layout.file(apps, CORE_CONFIG_APPLICATION), cluster.name(), argocd.coreConfigApplication(cluster));
    }
    appFiles.add(OVERLAY_APPLICATION);
    for (Project project : unit.projects()) {
      appFiles.add(namespaceFile(project));
      if (!platform.argocd().applicationSets()) {
        tools.applicationTools(project).forEach(t -> appFiles.add(toolFile(project, t.id())));
      }
    }
    out.put(Layout.file(apps, Layout.KUSTOMIZATION), null, Kustomizations.of(appFiles));
    out.put(Layout.file(apps, OVERLAY_APPLICATION), cluster.name(), argocd.overlayApplication(cluster));
    out.put(Layout.rootApp(cluster.name()), null, argocd.rootApplication(cluster));
    if (isRemote(cluster)) {
      out.put(Layout.registration(cluster.name()), null, secrets.clusterRegistration(cluster, registrationLabels(cluster)));
    }
  }

  private void placement(Project project, Cluster cluster, Output out) {
    String dir = Layout.projectNamespace(cluster.name(), project.name());
    out.put(
        Layout.file(dir, Layout.KUSTOMIZATION),
        null,
        Kustomizations.of(project.namespace(), List.of(Layout.up(dir) + Layout.PROJECT_BASE, Layout.RESOURCES)));
    List<JsonNode> resources = new ArrayList<>(namespaces.render(project, cluster));
    resources.addAll(toolResources.render(project, cluster, tools.tools(project), NamespaceRenderer.labels(project, cluster)));
    resources.addAll(hpc.render(project, cluster));
    out.put(Layout.file(dir, Layout.RESOURCES), cluster.name(), resources);
    out.count(cluster.name(), NamespaceRenderer.base().size());
    out.put(Layout.file(Layout.clusterApps(cluster.name()), namespaceFile(project)), cluster.name(), argocd.namespaceApplication(project, cluster));
    if (!platform.argocd().applicationSets()) {
      tools.applications(project, cluster)
          .forEach((tool, app) -> out.put(Layout.file(Layout.clusterApps(cluster.name()), toolFile(project, tool)), cluster.name(), app));
    }
  }

  /** Whether a project makes its namespace a Kubeflow profile. */
  private static boolean kubeflow(Project project) {
    return project.tools().containsKey("kubeflow");
  }

  /** The Application of the cluster's core configuration, in the cluster's Applications folder. */
  static final String CORE_CONFIG_APPLICATION = "core.yaml";

  /** The Application of a core component, in the cluster's Applications folder. */
  private static String coreFile(String component) {
    return "core-" + component + ".yaml";
  }

  /** The Application of the cluster overlay, in the cluster's Applications folder. */
  static final String OVERLAY_APPLICATION = "overlay.yaml";

  /** The Application of a project namespace, in the cluster's Applications folder. */
  private static String namespaceFile(Project project) {
    return project.name() + "-namespace.yaml";
  }

  private static String toolFile(Project project, String tool) {
    return project.name() + "-" + tool + ".yaml";
  }

  private boolean isRemote(Cluster cluster) {
    return !cluster.name().equals(platform.argocd().cluster());
  }

  /** The cluster's labels plus derived ones, for ApplicationSet cluster generators and rollout waves. */
  private static Map<String, String> registrationLabels(Cluster cluster) {
    return cluster.selectorLabels();
  }

  private static String relative(String dir, String path) {
    return path.substring(dir.length() + 1);
  }

  /** Files of a unit being rendered. */
  private static final class Output {
    private final Map<String, byte[]> files = new TreeMap<>();
    private final Map<String, List<JsonNode>> documents = new TreeMap<>();
    private final Map<String, Integer> counts = new TreeMap<>();

    void put(String path, String cluster, JsonNode document) {
      put(path, cluster, List.of(document));
    }

    void put(String path, String cluster, List<? extends JsonNode> documents) {
      List<JsonNode> ordered = CanonicalYaml.ordered(documents);
      files.put(path, CanonicalYaml.write(ordered));
      this.documents.put(path, ordered);
      if (cluster != null) {
        count(cluster, documents.size());
      }
    }

    /** A file that is not a manifest (a picture): tracked like every file, counted for no cluster. */
    void putBytes(String path, byte[] bytes) {
      files.put(path, bytes);
      documents.put(path, List.of()); // nothing for the manifest lint to read
    }

    void count(String cluster, int resources) {
      counts.merge(cluster, resources, Integer::sum);
    }
  }
}
