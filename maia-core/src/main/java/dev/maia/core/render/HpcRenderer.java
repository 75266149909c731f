package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.HpcSystem;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.model.WorkspaceNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MAIA-HPC: for each HPC system that lists a project, in the project namespace on each of its
 * clusters, the settings of an account on the system as a ConfigMap (with an OpenSSH {@code Host}
 * entry built from them) and its SSH credentials as an ExternalSecret reading the properties
 * {@value #PRIVATE_KEY_PROPERTY} and {@value #KNOWN_HOSTS_PROPERTY} of a store entry, or with
 * sealed secrets the platform repo's SealedSecret of that name.
 *
 * <p>Per person, the default: one pair per member with an account, {@code hpc-NAME.<user>} and
 * {@code hpc-NAME-ssh.<user>} ({@link HpcSystem#configMapName(HpcSystem.Account)}), read from the
 * member's own store entry. The workspace names them with KubeSpawner's {@code {username}}, so
 * each user's pod mounts its own pair and no one else's; the volumes are optional, so a member
 * without an account starts without them. Shared, the opt-in: one pair, {@code hpc-NAME} and
 * {@code hpc-NAME-ssh}, that every user's pod mounts. Either way the workspace finds them at
 * {@link #configDir} and {@link #sshDir}.
 */
final class HpcRenderer {

  static final String LABEL = "maia.dev/hpc";
  static final String PRIVATE_KEY_PROPERTY = "privateKey";
  static final String KNOWN_HOSTS_PROPERTY = "knownHosts";
  /** The keys of the SSH Secret; {@code ssh-privatekey} as in Secrets of type kubernetes.io/ssh-auth. */
  static final String PRIVATE_KEY = "ssh-privatekey";
  static final String KNOWN_HOSTS = "known_hosts";
  /** Where a workspace finds the HPC systems of its project, one folder each. */
  static final String MOUNT_ROOT = "/etc/maia-hpc";

  private final Platform platform;
  private final SecretRenderer secrets;

  HpcRenderer(Platform platform, SecretRenderer secrets) {
    this.platform = platform;
    this.secrets = secrets;
  }

  /** The HPC systems that list the project, in platform order. */
  private static List<HpcSystem> systems(Platform platform, Project project) {
    return platform.hpc().stream().filter(h -> h.projects().contains(project.name())).toList();
  }

  /** The settings ConfigMaps and SSH ExternalSecrets of every HPC system of the project, for one cluster. */
  List<JsonNode> render(Project project, Cluster cluster) {
    List<JsonNode> resources = new ArrayList<>();
    for (HpcSystem system : systems(platform, project)) {
      Map<String, String> labels = new TreeMap<>(NamespaceRenderer.labels(project, cluster));
      labels.put(LABEL, system.name());
      for (Login login : logins(system, project)) {
        ObjectNode config = Manifests.resource("v1", "ConfigMap", login.configMap(), project.namespace());
        Manifests.labels(config, labels);
        ObjectNode data = config.putObject("data");
        settings(system, login.user()).forEach(data::put);
        resources.add(config);
        resources.add(
            secrets.secret(
                cluster.name(),
                login.secret(),
                project.namespace(),
                login.secretKey(),
                Map.of(PRIVATE_KEY, PRIVATE_KEY_PROPERTY, KNOWN_HOSTS, KNOWN_HOSTS_PROPERTY),
                labels));
      }
    }
    return resources;
  }

  /** One account's ConfigMap and Secret, its user name on the system and the store key of its credentials. */
  private record Login(String configMap, String secret, String user, String secretKey) {}

  /** The shared account, or the own account of each member of the project who has one. */
  private static List<Login> logins(HpcSystem system, Project project) {
    if (system.shared().isPresent()) {
      HpcSystem.SharedAccount shared = system.shared().get();
      return List.of(new Login(system.configMapName(), system.secretName(), shared.user(), shared.secretKey()));
    }
    return system.accounts(project).stream()
        .map(a -> new Login(system.configMapName(a), system.secretName(a), a.user(), system.secretKey(a)))
        .toList();
  }

  /**
   * The template model of the workspace's HPC mounts: per system its {@code name}, the {@code
   * configMap} and {@code secret} to mount (per person, with KubeSpawner's {@code {username}} for
   * the member), whether they are {@code optional} (per person: a member without an account has
   * none), the {@code configVolume} and {@code sshVolume} names, and the {@code configDir} and
   * {@code sshDir} to mount them at. A system none of whose members in the project has an account
   * is not mounted.
   */
  static List<Map<String, Object>> mounts(Platform platform, Project project) {
    List<Map<String, Object>> mounts = new ArrayList<>();
    for (HpcSystem system : systems(platform, project)) {
      boolean perPerson = system.shared().isEmpty();
      if (perPerson && system.accounts(project).isEmpty()) {
        continue;
      }
      String eachUser = WorkspaceNames.KUBESPAWNER_USERNAME;
      Map<String, Object> mount = new TreeMap<>();
      mount.put("name", system.name());
      mount.put("configMap", perPerson ? HpcSystem.ofMember(system.configMapName(), eachUser) : system.configMapName());
      mount.put("secret", perPerson ? HpcSystem.ofMember(system.secretName(), eachUser) : system.secretName());
      mount.put("optional", perPerson);
      mount.put("configVolume", system.configMapName());
      mount.put("sshVolume", system.secretName());
      mount.put("configDir", configDir(system));
      mount.put("sshDir", sshDir(system));
      mounts.add(mount);
    }
    return mounts;
  }

  /** Where the workspace mounts the system's ConfigMap. */
  static String configDir(HpcSystem system) {
    return MOUNT_ROOT + "/" + system.name() + "/config";
  }

  /** Where the workspace mounts the system's SSH Secret. */
  static String sshDir(HpcSystem system) {
    return MOUNT_ROOT + "/" + system.name() + "/ssh";
  }

  /** The ConfigMap's data: the system's settings, the account's user name, and the OpenSSH entry made from them. */
  static Map<String, String> settings(HpcSystem system, String user) {
    Map<String, String> data = new TreeMap<>();
    data.put("host", system.host());
    data.put("port", String.valueOf(system.port()));
    data.put("user", user);
    data.put("scheduler", system.scheduler());
    if (!system.account().isEmpty()) {
      data.put("account", system.account());
    }
    if (!system.partition().isEmpty()) {
      data.put("partition", system.partition());
    }
    data.put("ssh_config", sshConfig(system, user));
    return data;
  }

  /**
   * An OpenSSH {@code Host} entry as MAIA-HPC's configure script writes one, for the account's
   * user, with the host key checked against the known_hosts from the store instead of trusted on
   * first use.
   */
  static String sshConfig(HpcSystem system, String user) {
    StringBuilder text = new StringBuilder();
    text.append("Host ").append(system.name()).append('\n');
    text.append("  HostName ").append(system.host()).append('\n');
    text.append("  Port ").append(system.port()).append('\n');
    text.append("  User ").append(user).append('\n');
    text.append("  IdentityFile ").append(sshDir(system)).append('/').append(PRIVATE_KEY).append('\n');
    text.append("  IdentitiesOnly yes\n");
    text.append("  UserKnownHostsFile ").append(sshDir(system)).append('/').append(KNOWN_HOSTS).append('\n');
    text.append("  StrictHostKeyChecking yes\n");
    text.append("  ControlMaster auto\n");
    text.append("  ControlPath ~/.ssh/maia-hpc-%C\n");
    text.append("  ControlPersist 240h\n");
    return text.toString();
  }
}
