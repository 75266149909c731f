package dev.maia.core.model;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One tool of the catalog ({@code templates/catalog.yaml}): how it is deployed, its Helm chart
 * pinned to an exact version, the template of its values, where it is served, what it needs, and
 * the Secrets it reads.
 *
 * @param path where the tool is served on its host, starting and ending with {@code /}
 * @param subdomain when not empty, the tool has a host of its own: {@code <subdomain>.<project>.<domain>}
 * @param stripPath whether the ingress removes {@code path} before the request reaches the tool
 * @param requires tools that must be enabled in the same project
 * @param pluginOf for a {@link Kind#PLUGIN}, the tool whose Application it is part of
 * @param images container images the values use, by name, pinned to exact tags
 * @param homes the home directory of an image's user, by image name, where the image has one that
 *     the values need (the workspace mounts each user's home volume there)
 * @param secrets the Secrets the tool reads, by id
 * @param platformIngress whether the platform renders the tool's Ingress (its chart has none)
 * @param valuesChecksum maps in the values that get {@code maia.dev/values-checksum} (dot paths)
 * @param chartMade what the tool's chart makes itself that the platform leaves to it, each with
 *     the reason that is safe ({@code maia:verify} accepts exactly these)
 * @param volumes the persistent volume claims the tool's values make, by the name its template
 *     reads the size under ({@code volumes.NAME}); see {@link ProjectVolumes}
 * @param login how the tool's users log in with OIDC, themselves or through the login proxy: each
 *     project that enables it has a Keycloak client of its own for it ({@link #clientId})
 */
public record ToolDefinition(
    String id,
    String description,
    Kind kind,
    String repoURL,
    String chart,
    String version,
    String valuesTemplate,
    String path,
    String subdomain,
    boolean stripPath,
    Optional<Service> service,
    int syncWave,
    List<String> requires,
    Optional<String> pluginOf,
    SortedMap<String, String> images,
    SortedMap<String, String> homes,
    SortedMap<String, ToolSecret> secrets,
    boolean platformIngress,
    List<String> valuesChecksum,
    List<ChartMade> chartMade,
    SortedMap<String, Volume> volumes,
    Optional<Login> login) {

  public ToolDefinition {
    volumes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(volumes));
    requires = List.copyOf(requires);
    valuesChecksum = List.copyOf(valuesChecksum);
    chartMade = List.copyOf(chartMade);
    images = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(images));
    homes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(homes));
    secrets = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(secrets));
  }

  /** How a tool reaches the cluster. */
  public enum Kind {
    /** An ArgoCD Application installing the tool's Helm chart. */
    CHART,
    /** A part of another tool's Application ({@link #pluginOf}); no Application of its own. */
    PLUGIN,
    /** No chart: resources in the cluster overlay. */
    PROFILE;

    static Kind of(String value) {
      return switch (value) {
        case "plugin" -> PLUGIN;
        case "profile" -> PROFILE;
        default -> CHART;
      };
    }
  }

  /**
   * A persistent volume claim the tool's values make.
   *
   * @param size its size, a Kubernetes quantity
   * @param perMember whether each member of the project gets one (the workspace's homes)
   * @param setting the tool setting whose value, when written, replaces {@code size} ({@code size} of minio)
   * @param claim the name of the claim when the tree makes it, kept when the tool is removed, and the
   *     values only name it (a chart that cannot mark its own claims to be kept: XNAT's archive)
   * @param shared whether a claim the tree makes is on the cluster's shared class when it has one
   */
  public record Volume(String name, String size, boolean perMember, Optional<String> setting, Optional<String> claim, boolean shared) {

    /** A volume the chart makes from its values. */
    public Volume(String name, String size, boolean perMember, Optional<String> setting) {
      this(name, size, perMember, setting, Optional.empty(), false);
    }
  }

  /**
   * How the tool's users log in with OIDC: the path under its URL that Keycloak sends the browser
   * back to, and the id of the tool's Secret whose key {@code client-secret} holds the client's
   * secret.
   *
   * @param proxy whether the login is the platform's login proxy in front of the tool (the tool
   *     cannot limit an OIDC login to a group itself); the Secret then also holds the proxy's
   *     {@value #COOKIE_SECRET_KEY}, and the tool's public Ingress leads to the proxy
   * @param upstream where the proxy sends what it lets through, when not the tool's {@code service}
   *     (MinIO's console, whose Service is not the S3 API's)
   */
  public record Login(String callback, String secret, boolean proxy, Optional<Service> upstream) {

    /** The key of a proxied tool's login Secret that holds the proxy's cookie secret. */
    public static final String COOKIE_SECRET_KEY = "cookie-secret";

    /** A login the tool does itself. */
    public Login(String callback, String secret) {
      this(callback, secret, false, Optional.empty());
    }
  }

  /** Whether the tool is served behind the platform's login proxy. */
  public boolean behindLoginProxy() {
    return login.map(Login::proxy).orElse(false);
  }

  /** The Service the login proxy of the tool sends what it lets through to. */
  public Optional<Service> proxyUpstream() {
    return login.filter(Login::proxy).flatMap(l -> l.upstream().or(() -> service));
  }

  /** The name of the login proxy of the tool (its Deployment, Service and ConfigMap). */
  public String loginProxyName() {
    return id + "-proxy";
  }

  /** The tool's in-cluster Service, from which the URLs other tools use are computed. */
  public record Service(String name, int port, String path) {}

  /**
   * A Secret the tool reads: its name in the project namespace and, per key of the Secret, the
   * property of the store entry {@code projects/<project>/<tool>} it comes from.
   */
  public record ToolSecret(String id, String name, SortedMap<String, String> keys) {

    public ToolSecret {
      keys = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(keys));
    }
  }

  /**
   * An object the tool's chart makes in a way the platform cannot change through values, accepted
   * with its reason: values it makes at random ({@code paths}, JSON pointers into the object), or a
   * Secret it mints ({@code holds} says what is in it). Values in a plain object become the
   * Application's {@code ignoreDifferences} (with {@code RespectIgnoreDifferences}), so ArgoCD
   * keeps what the first sync created; a hook ArgoCD makes again on every sync and never compares.
   *
   * @param why why leaving it to the chart is safe
   */
  public record ChartMade(String apiVersion, String kind, String name, List<String> paths, boolean hook, String holds, String why) {

    public ChartMade {
      paths = List.copyOf(paths);
    }

    /** The API group of the object ({@code ""} for the core group), as ArgoCD's ignoreDifferences names it. */
    public String group() {
      int slash = apiVersion.indexOf('/');
      return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** Whether this names the object. */
    public boolean matches(String objectKind, String objectName) {
      return kind.equals(objectKind) && name.equals(objectName);
    }
  }

  /** Whether the tool is installed by an Application of its own. */
  public boolean hasApplication() {
    return kind == Kind.CHART;
  }

  /** The host the tool is served on in {@code project} on {@code cluster}: the project's host, or its own subdomain of it. */
  public String host(Project project, Cluster cluster) {
    return subdomain.isEmpty() ? project.host(cluster) : subdomain + "." + project.host(cluster);
  }

  /** The tool's public URL in {@code project} on {@code cluster}, ending in {@code /}. */
  public String url(Project project, Cluster cluster) {
    String p = path.startsWith("/") ? path : "/" + path;
    return "https://" + host(project, cluster) + (p.endsWith("/") ? p : p + "/");
  }

  /** The id of the Keycloak client the tool logs in with in {@code project}. */
  public String clientId(Project project) {
    return "maia-" + project.name() + "-" + id;
  }

  /** The store entry of the tool's secrets in a project: {@code projects/<project>/<tool>}. */
  public String storeKey(String project) {
    return "projects/" + project + "/" + id;
  }

  /** The same tool with another chart source; the rest stays as the catalog has it. */
  public ToolDefinition withChart(String newRepoURL, String newChart, String newVersion) {
    return new ToolDefinition(
        id, description, kind, newRepoURL, newChart, newVersion, valuesTemplate, path, subdomain, stripPath, service,
        syncWave, requires, pluginOf, images, homes, secrets, platformIngress, valuesChecksum, chartMade, volumes, login);
  }
}
