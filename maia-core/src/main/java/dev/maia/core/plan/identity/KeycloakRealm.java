package dev.maia.core.plan.identity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.model.ToolCatalog;
import dev.maia.core.model.ToolDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the platform's Keycloak realm must hold, as the identity Job applies it
 * ({@code keycloak-apply.py}): the groups the platform owns with their exact members, and one OIDC
 * client per tool that logs in, in each project that enables it, with its exact redirect URIs. The
 * realm and the server come from {@code identity.issuer}; people are named by e-mail, lower case.
 *
 * @param platform the platform's name, which marks what it owns in the realm ({@code maia.dev/platform})
 * @param server Keycloak's base URL: the issuer without {@code /realms/<realm>}
 * @param realm the realm the issuer names
 * @param groups the admin group, then the projects' in project order; {@link Group#members} empty when
 *     the platform does not manage them
 * @param clients by client id
 */
public record KeycloakRealm(String platform, String server, String realm, List<Group> groups, List<Client> clients) {

  /** The namespace of the identity Job on the ArgoCD cluster. */
  public static final String NAMESPACE = "maia-identity";
  /** The Secret of the applier's own client (key {@value #CLIENT_SECRET_KEY}). */
  public static final String APPLIER_SECRET = "keycloak-applier";
  /** The store entry of the applier's client secret (property {@value #CLIENT_SECRET_KEY}). */
  public static final String APPLIER_STORE_KEY = "identity/applier";
  /** The client id the applier logs in with: a service-account client the site makes once (docs/identity.md). */
  public static final String APPLIER_CLIENT_ID = "maia-identity-applier";

  private static final Pattern ISSUER = Pattern.compile("^(https?://[^/?#]+(?:/[^?#]*?)?)/realms/([^/?#]+)/?$");

  /** The Secret of the clients' secrets of part {@code i} ({@link #parts}): a key per client id. */
  public static String clientsSecretName(int i) {
    return "keycloak-clients-" + i;
  }

  /** The ConfigMap of part {@code i} of the desired state ({@link #parts}), key {@code desired.json}. */
  public static String desiredName(int i) {
    return "keycloak-desired-" + i;
  }

  public KeycloakRealm {
    groups = List.copyOf(groups);
    clients = List.copyOf(clients);
  }

  /**
   * A group the platform owns.
   *
   * @param members the e-mails of exactly its members, sorted; empty when its members are the
   *     site's (the platform admin group)
   * @param project the project whose group it is; empty for the admin group
   */
  public record Group(String name, Optional<List<String>> members, Optional<String> project) {

    public Group {
      members = members.map(List::copyOf);
    }
  }

  /**
   * A confidential OIDC client (authorization code flow only).
   *
   * @param redirectUris the exact URIs Keycloak may send a login back to, sorted
   * @param project the project whose tool logs in with it; empty for ArgoCD's
   * @param tool the tool's catalog id ({@code argocd} for ArgoCD's)
   * @param storeKey the secret store entry holding the client's secret (the tool reads the same)
   * @param storeProperty the property of that entry
   */
  public record Client(String clientId, String name, List<String> redirectUris, String project, String tool, String storeKey, String storeProperty) {

    public Client {
      redirectUris = List.copyOf(redirectUris);
    }
  }

  /** The realm a valid platform describes. */
  public static KeycloakRealm of(Platform platform, ToolCatalog catalog) {
    Matcher issuer = ISSUER.matcher(platform.identity().issuer());
    if (!issuer.matches()) {
      throw new IllegalStateException("identity.issuer '" + platform.identity().issuer() + "' names no realm; validation should have refused it");
    }
    return new KeycloakRealm(platform.name(), issuer.group(1), issuer.group(2), groups(platform), clients(platform, catalog));
  }

  /**
   * The groups the platform owns: the admin group, then each project's in project order (a
   * group's name sorts anywhere).
   */
  public static List<Group> groups(Platform platform) {
    List<Project> projects = platform.projects().stream().sorted(Comparator.comparing(Project::name)).toList();
    Map<String, Group> groups = new LinkedHashMap<>();
    groups.put(platform.identity().adminGroup(), new Group(platform.identity().adminGroup(), Optional.empty(), Optional.empty()));
    for (Project project : projects) {
      TreeSet<String> members = new TreeSet<>();
      project.members().forEach(m -> members.add(m.toLowerCase(Locale.ROOT)));
      groups.putIfAbsent(project.group(), new Group(project.group(), Optional.of(List.copyOf(members)), Optional.of(project.name())));
    }
    return List.copyOf(groups.values());
  }

  /**
   * The OIDC clients of the platform, by client id: ArgoCD's ({@link Platform.ArgoCd#OIDC_CLIENT_ID}),
   * and one per tool that logs in, in each project that enables it.
   */
  public static List<Client> clients(Platform platform, ToolCatalog catalog) {
    List<Project> projects = platform.projects().stream().sorted(Comparator.comparing(Project::name)).toList();
    Map<String, Client> clients = new TreeMap<>();
    clients.put(Platform.ArgoCd.OIDC_CLIENT_ID, new Client(Platform.ArgoCd.OIDC_CLIENT_ID, "ArgoCD of platform " + platform.name(),
        List.of(platform.argocd().callbackUrl()), "", "argocd", Platform.ArgoCd.OIDC_STORE_KEY, Platform.ArgoCd.OIDC_STORE_PROPERTY));
    for (Project project : projects) {
      for (ToolDefinition tool : loginTools(platform, project, catalog)) {
        ToolDefinition.Login login = tool.login().orElseThrow();
        ToolDefinition.ToolSecret secret = tool.secrets().get(login.secret());
        TreeSet<String> redirects = new TreeSet<>();
        for (String clusterName : project.clusters()) {
          Project there = project.on(clusterName);
          Optional<Cluster> cluster = platform.cluster(clusterName);
          if (cluster.isPresent() && catalog.enabled(there).contains(tool)) {
            redirects.add(tool.url(there, cluster.get()) + login.callback());
          }
        }
        String clientId = tool.clientId(project);
        clients.put(clientId, new Client(
            clientId,
            tool.description() + " of project " + project.name(),
            List.copyOf(redirects),
            project.name(),
            tool.id(),
            tool.storeKey(project.name()),
            secret.keys().get(CLIENT_SECRET_KEY)));
      }
    }
    return List.copyOf(clients.values());
  }

  /** The key of a login tool's Secret that holds its client secret. */
  public static final String CLIENT_SECRET_KEY = "client-secret";

  /** The tools of {@code project} that log in themselves on at least one of its clusters, in catalog order. */
  private static List<ToolDefinition> loginTools(Platform platform, Project project, ToolCatalog catalog) {
    List<ToolDefinition> result = new ArrayList<>();
    for (String cluster : project.clusters()) {
      for (ToolDefinition tool : catalog.enabled(project.on(cluster))) {
        if (tool.login().isPresent() && !result.contains(tool)) {
          result.add(tool);
        }
      }
    }
    return result;
  }

  /**
   * About the size of each part of the desired state, in bytes of JSON. A ConfigMap holds at most
   * 1 MiB, and so does a Secret: a platform of 10,000 projects has some 3.5 MiB of desired state
   * and 1.2 MiB of client secrets, so both are written in parts, each well below the limit.
   */
  public static final int PART_BYTES = 256 * 1024;

  /** The most one part may hold: a part over it means a project is too large to write. */
  public static final int MAX_PART_BYTES = 768 * 1024;

  /**
   * The desired state in parts of about {@link #PART_BYTES} each: a power of two of them, so that
   * the count changes only when the platform doubles, and each project's group and clients in the
   * part its name hashes to, so that a change of one project changes one part. The admin group and
   * ArgoCD's client are in part 0.
   */
  public List<KeycloakRealm> parts() {
    int count = partCount(json().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    List<List<Group>> groupParts = new ArrayList<>();
    List<List<Client>> clientParts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      groupParts.add(new ArrayList<>());
      clientParts.add(new ArrayList<>());
    }
    groups.forEach(g -> groupParts.get(g.project().map(p -> part(p, count)).orElse(0)).add(g));
    clients.forEach(c -> clientParts.get(c.project().isEmpty() ? 0 : part(c.project(), count)).add(c));
    List<KeycloakRealm> parts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      KeycloakRealm part = new KeycloakRealm(platform, server, realm, groupParts.get(i), clientParts.get(i));
      int bytes = part.json().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      if (bytes > MAX_PART_BYTES) {
        throw new IllegalStateException("part " + i + " of the identity desired state has " + bytes + " bytes, more than "
            + MAX_PART_BYTES + "; a project with that many members cannot be written");
      }
      parts.add(part);
    }
    return List.copyOf(parts);
  }

  /** The client ids of each part ({@link #parts}) of a platform's desired state, by part. */
  public static List<List<String>> clientIdsByPart(Platform platform, ToolCatalog catalog) {
    KeycloakRealm content = new KeycloakRealm(platform.name(), "", "", groups(platform), clients(platform, catalog));
    return content.parts().stream().map(p -> p.clients().stream().map(Client::clientId).toList()).toList();
  }

  /** The smallest power of two of parts of about {@link #PART_BYTES} that hold {@code bytes}. */
  static int partCount(int bytes) {
    int count = 1;
    while ((long) count * PART_BYTES < bytes) {
      count *= 2;
    }
    return count;
  }

  /** The part of {@code count} that project {@code name} is in. */
  static int part(String name, int count) {
    String digest = dev.maia.core.output.Hashes.sha256(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return Integer.remainderUnsigned(Integer.parseUnsignedInt(digest.substring(0, 8), 16), count);
  }

  /** The desired state as the applier reads it ({@code desired.json}). */
  public ObjectNode json() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("platform", platform);
    root.put("realm", realm);
    ArrayNode groupList = root.putArray("groups");
    for (Group group : groups) {
      ObjectNode g = groupList.addObject();
      g.put("name", group.name());
      if (group.members().isPresent()) {
        ArrayNode members = g.putArray("members");
        group.members().get().forEach(members::add);
      } else {
        g.putNull("members");
      }
    }
    ArrayNode clientList = root.putArray("clients");
    for (Client client : clients) {
      ObjectNode c = clientList.addObject();
      c.put("clientId", client.clientId());
      c.put("name", client.name());
      ArrayNode redirects = c.putArray("redirectUris");
      client.redirectUris().forEach(redirects::add);
    }
    return root;
  }
}
