package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who logs in where: the fields of {@code spec.identity}, and ArgoCD's address {@code
 * spec.argocd.url}, which the OIDC provider sends logins back to.
 *
 * <ul>
 *   <li>The issuer is a Keycloak realm's: {@code https}, a host, and the path {@code
 *       /realms/<realm>} (after a context path such as {@code /auth}), without a trailing slash,
 *       since ArgoCD and the tools compare it exactly with the issuer of every token.
 *   <li>The group prefix is not empty: a project's group would be its bare name, which any other
 *       group of the realm may have.
 *   <li>Every project has a group of its own: not the admin group (its members would be
 *       administrators of the whole platform) and not another project's group (the members of
 *       either would work in both). A project's group is its {@code group}, else the prefix and
 *       its name.
 *   <li>ArgoCD's URL is {@code https}, a host and at most a port: ArgoCD serves its login at
 *       {@code <url>/auth/callback}. No project is served at its host.
 * </ul>
 *
 * The schema has checked the characters of every group and that both URLs start with {@code
 * https://} and have no query or fragment; credentials in them are {@link UrlCredentialRules}'.
 */
final class IdentityRules implements SemanticRule {

  static final String ISSUER = "/spec/identity/issuer";
  static final String ADMIN_GROUP = "/spec/identity/adminGroup";
  static final String GROUP_PREFIX = "/spec/identity/groupPrefix";
  static final String ARGOCD_URL = "/spec/argocd/url";

  private static final String ISSUER_EXAMPLE = "https://iam.example.org/realms/maia";
  private static final String URL_EXAMPLE = "https://argocd.example.org";

  /** A Keycloak realm's issuer path: an optional context path, then {@code /realms/<realm>}. */
  private static final Pattern REALM_PATH = Pattern.compile("(/[^/]+)*/realms/[^/]+");

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    issuer(platform.identity().issuer(), problems);
    if (sources.contains(GROUP_PREFIX) && platform.identity().groupPrefix().isEmpty()) {
      problems.add(
          GROUP_PREFIX,
          "groupPrefix is empty, so a project's group would be its bare name, such as '"
              + platform.projects().stream().map(Project::name).findFirst().orElse("lung")
              + "', which any other group of the realm may be called",
          "write a prefix only the platform's groups start with, such as 'MAIA:', or leave groupPrefix out");
    }
    groups(platform, sources, problems);
    if (sources.contains(ARGOCD_URL)) {
      argocdUrl(platform.argocd().url(), problems);
    }
    argocdHost(platform, sources, problems);
  }

  private static void issuer(String issuer, Problems problems) {
    if (issuer.isEmpty()) {
      return; // a missing issuer is the schema's to report
    }
    Optional<URI> uri = uri(ISSUER, "issuer", issuer, ISSUER_EXAMPLE, problems);
    if (uri.isEmpty() || !httpsWithHost(ISSUER, "issuer", uri.get(), issuer, ISSUER_EXAMPLE, problems)) {
      return;
    }
    String path = uri.get().getRawPath() == null ? "" : uri.get().getRawPath();
    String origin = origin(uri.get());
    if (path.endsWith("/") && REALM_PATH.matcher(path.substring(0, path.length() - 1)).matches()) {
      problems.add(
          ISSUER,
          "issuer " + SchemaWords.quote(issuer) + " ends with '/'; Keycloak's issuer has none, and ArgoCD and the tools"
              + " compare it exactly with the issuer of every token",
          "write " + SchemaWords.quote(issuer.substring(0, issuer.length() - 1)));
    } else if (!REALM_PATH.matcher(path).matches()) {
      problems.add(
          ISSUER,
          "issuer " + SchemaWords.quote(issuer) + " is not a Keycloak realm's issuer: its path is "
              + (path.isEmpty() ? "empty" : SchemaWords.quote(path)) + ", not /realms/<realm>",
          "write the issuer of the platform's realm, such as " + SchemaWords.quote(origin + "/realms/maia")
              + " (Keycloak shows it as issuer in <issuer>/.well-known/openid-configuration)");
    }
  }

  /**
   * Each project's group is its own: not the admin group, and not the group of a project before it.
   * A project listed twice is reported by {@link NameRules}, not here.
   */
  private static void groups(Platform platform, SourceMap sources, Problems problems) {
    String adminGroup = platform.identity().adminGroup();
    String adminAt = sources.contains(ADMIN_GROUP) ? " at " + sources.locate(ADMIN_GROUP) : " (the default)";
    Map<String, Integer> first = new HashMap<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      if (!names.add(project.name())) {
        continue;
      }
      String group = project.group();
      boolean written = sources.contains(Pointers.project(i) + "/group");
      String pointer = Pointers.project(i) + (written ? "/group" : "/name");
      String whose = "project '" + project.name() + "' has group " + Hints.quote(group)
          + (written ? "" : " (identity.groupPrefix and its name)");
      if (group.equals(adminGroup)) {
        problems.add(
            pointer,
            whose + ", the platform's admin group identity.adminGroup" + adminAt + "; every member of the project would"
                + " administer the whole platform: role:admin in ArgoCD and admin in every project's namespace",
            written
                ? "give the project a group of its own, or change identity.adminGroup"
                : "rename the project, give it a group of its own (group: ...), or change identity.adminGroup");
        continue;
      }
      Integer earlier = first.putIfAbsent(group, i);
      if (earlier != null) {
        Project other = platform.projects().get(earlier);
        String otherAt = sources.contains(Pointers.project(earlier) + "/group")
            ? Pointers.project(earlier) + "/group"
            : Pointers.project(earlier) + "/name";
        problems.add(
            pointer,
            whose + ", like project '" + other.name() + "' at " + sources.locate(otherAt) + "; the members of either"
                + " would work in both: their namespaces, their tools and their ArgoCD Applications",
            "give each project a group of its own");
      }
    }
  }

  private static void argocdUrl(String url, Problems problems) {
    Optional<URI> uri = uri(ARGOCD_URL, "url", url, URL_EXAMPLE, problems);
    if (uri.isEmpty() || !httpsWithHost(ARGOCD_URL, "url", uri.get(), url, URL_EXAMPLE, problems)) {
      return;
    }
    String path = uri.get().getRawPath() == null ? "" : uri.get().getRawPath();
    if (!path.isEmpty() || uri.get().getRawQuery() != null || uri.get().getRawFragment() != null) {
      problems.add(
          ARGOCD_URL,
          "ArgoCD's url " + SchemaWords.quote(url) + " has "
              + (path.equals("/") ? "a trailing '/'" : path.isEmpty() ? "a query or fragment" : "the path " + SchemaWords.quote(path))
              + "; it is the address of ArgoCD's host, and logins come back to <url>/auth/callback",
          "write " + SchemaWords.quote(origin(uri.get())) + (path.length() > 1 ? "; ArgoCD served under a path is not supported" : ""));
    }
  }

  /** No project is served at ArgoCD's host: the ingress controller would send both to one of them. */
  private static void argocdHost(Platform platform, SourceMap sources, Problems problems) {
    String url = platform.argocd().url();
    Optional<String> host = parse(url).map(URI::getHost).map(h -> h.toLowerCase(Locale.ROOT));
    if (host.isEmpty()) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      if (!names.add(project.name())) {
        continue;
      }
      for (String name : project.clusters()) {
        Optional<Cluster> cluster = platform.cluster(name);
        if (cluster.isPresent() && host.get().equals(project.name() + "." + cluster.get().domain().toLowerCase(Locale.ROOT))) {
          boolean written = sources.contains(ARGOCD_URL);
          problems.add(
              Pointers.project(i) + "/name",
              "project '" + project.name() + "' on cluster '" + name + "' would be served at " + host.get() + ", ArgoCD's host ("
                  + (written ? "spec.argocd.url at " + sources.locate(ARGOCD_URL) : "the default, argocd.<domain of its cluster>")
                  + "); the ingress controller would send both to one of them",
              "rename the project, or set spec.argocd.url to another host");
          break;
        }
      }
    }
  }

  /** The URL, or a problem saying why it is none. */
  private static Optional<URI> uri(String pointer, String field, String text, String example, Problems problems) {
    try {
      return Optional.of(new URI(text));
    } catch (URISyntaxException e) {
      problems.add(pointer, field + " " + SchemaWords.quote(text) + " is not a URL: " + e.getReason(), "write a URL such as " + example);
      return Optional.empty();
    }
  }

  private static Optional<URI> parse(String text) {
    try {
      return Optional.of(new URI(text));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** Reports a URL that is not {@code https} or has no host; returns whether it has both. */
  private static boolean httpsWithHost(String pointer, String field, URI uri, String text, String example, Problems problems) {
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      problems.add(pointer, field + " " + SchemaWords.quote(text) + " is not an https URL", "logins must travel over TLS; write it with https://");
      return false;
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      problems.add(
          pointer,
          field + " " + SchemaWords.quote(text) + " has no host"
              + (uri.getRawAuthority() == null ? "" : ": " + SchemaWords.quote(uri.getRawAuthority()) + " is not a host name"),
          "write the host name people reach it at, such as " + example);
      return false;
    }
    return true;
  }

  /** {@code https://host[:port]} of a URL. */
  private static String origin(URI uri) {
    return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
  }
}
