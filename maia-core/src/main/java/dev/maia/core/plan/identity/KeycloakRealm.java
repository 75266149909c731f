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
  /** The Secret of the clients' secrets: a key per client id. */
  public static final String CLIENTS_SECRET = "keycloak-clients";
  /** The store entry of the applier's client secret (property {@value #CLIENT_SECRET_KEY}). */
  public static final String APPLIER_STORE_KEY = "identity/applier";
  /** The client id the applier logs in with: a service-account client the site makes once (docs/identity.md). */
  public static final String APPLIER_CLIENT_ID = "maia-identity-applier";

  private static final Pattern ISSUER = Pattern.compile("^(https?://[^/?#]+(?:/[^?#]*?)?)/realms/([^/?#]+)/?$");

  public KeycloakRealm {
    groups = List.copyOf(groups);
    clients = List.copyOf(clients);
  }

  /**
   * A group the platform owns.
   *
   * @param members the e-mails of exactly its members, sorted; empty when its members are the
   *     site's (the platform admin group)
   * @param neededBy who needs the group, for messages ({@code project 'lung'})
   */
  public record Group(String name, Optional<List<String>> members, String neededBy) {

    public Group {
      members = members.map(List::copyOf);
    }
  }

  /**
   * A confidential OIDC client (authorization code flow only).
   *
   * @param redirectUris the exact URIs Keycloak may send a login back to, sorted
   * @param project the project whose tool logs in with it
   * @param tool the tool's catalog id
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
    List<Project> projects = platform.projects().stream().sorted(Comparator.comparing(Project::name)).toList();
    // the admin group first, then each project's in project order (a group's name sorts anywhere)
    Map<String, Group> groups = new LinkedHashMap<>();
    groups.put(platform.identity().adminGroup(), new Group(platform.identity().adminGroup(), Optional.empty(), "identity.adminGroup"));
    for (Project project : projects) {
      TreeSet<String> members = new TreeSet<>();
      project.members().forEach(m -> members.add(m.toLowerCase(Locale.ROOT)));
      groups.putIfAbsent(project.group(), new Group(project.group(), Optional.of(List.copyOf(members)), "project '" + project.name() + "'"));
    }
    return new KeycloakRealm(platform.name(), issuer.group(1), issuer.group(2), List.copyOf(groups.values()), clients(platform, catalog));
  }

  /** The OIDC clients of the platform's tools, by client id: one per tool that logs in, in each project that enables it. */
  public static List<Client> clients(Platform platform, ToolCatalog catalog) {
    List<Project> projects = platform.projects().stream().sorted(Comparator.comparing(Project::name)).toList();
    Map<String, Client> clients = new TreeMap<>();
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
