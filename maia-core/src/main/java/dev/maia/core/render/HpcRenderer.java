package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.HpcSystem;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.model.SealedSecretFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MAIA-HPC: for each HPC system that lists a project, in the project namespace on each of its
 * clusters, a ConfigMap {@code hpc-NAME} with the system's settings (and an OpenSSH {@code Host}
 * entry built from them) and the SSH credentials as an ExternalSecret
 * {@code hpc-NAME-ssh} read from the store key {@link HpcSystem#secretKey()} (properties {@value
 * #PRIVATE_KEY_PROPERTY} and {@value #KNOWN_HOSTS_PROPERTY}), or with sealed secrets the platform
 * repo's SealedSecret of that name. The workspace mounts both at
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
  List<HpcSystem> systems(Project project) {
    return platform.hpc().stream().filter(h -> h.projects().contains(project.name())).toList();
  }

  /** The ConfigMap and the SSH ExternalSecret of every HPC system of the project, for one cluster. */
  List<JsonNode> render(Project project, Cluster cluster) {
    List<JsonNode> resources = new ArrayList<>();
    for (HpcSystem system : systems(project)) {
      Map<String, String> labels = new TreeMap<>(NamespaceRenderer.labels(project, cluster));
      labels.put(LABEL, system.name());
      ObjectNode config = Manifests.resource("v1", "ConfigMap", configMapName(system), project.namespace());
      Manifests.labels(config, labels);
      ObjectNode data = config.putObject("data");
      settings(system).forEach(data::put);
      resources.add(config);
      resources.add(
          secrets.secret(
              cluster.name(),
              secretName(system),
              project.namespace(),
              system.secretKey(),
              Map.of(PRIVATE_KEY, PRIVATE_KEY_PROPERTY, KNOWN_HOSTS, KNOWN_HOSTS_PROPERTY),
              labels));
    }
    return resources;
  }

  /**
   * The template model of the workspace's HPC mounts: per system its {@code name}, the {@code
   * configMap} and {@code secret} to mount, the {@code configVolume} and {@code sshVolume} names,
   * and the {@code configDir} and {@code sshDir} to mount them at.
   */
  static List<Map<String, String>> mounts(Platform platform, Project project) {
    List<Map<String, String>> mounts = new ArrayList<>();
    for (HpcSystem system : platform.hpc()) {
      if (system.projects().contains(project.name())) {
        Map<String, String> mount = new TreeMap<>();
        mount.put("name", system.name());
        mount.put("configMap", configMapName(system));
        mount.put("secret", secretName(system));
        mount.put("configVolume", configMapName(system));
        mount.put("sshVolume", secretName(system));
        mount.put("configDir", configDir(system));
        mount.put("sshDir", sshDir(system));
        mounts.add(mount);
      }
    }
    return mounts;
  }

  static String configMapName(HpcSystem system) {
    return "hpc-" + system.name();
  }

  static String secretName(HpcSystem system) {
    return SealedSecretFiles.hpcSecretName(system);
  }

  /** Where the workspace mounts the system's ConfigMap. */
  static String configDir(HpcSystem system) {
    return MOUNT_ROOT + "/" + system.name() + "/config";
  }

  /** Where the workspace mounts the system's SSH Secret. */
  static String sshDir(HpcSystem system) {
    return MOUNT_ROOT + "/" + system.name() + "/ssh";
  }

  /** The ConfigMap's data: the settings as written, and the OpenSSH entry made from them. */
  static Map<String, String> settings(HpcSystem system) {
    Map<String, String> data = new TreeMap<>();
    data.put("host", system.host());
    data.put("port", String.valueOf(system.port()));
    system.user().ifPresent(user -> data.put("user", user));
    data.put("scheduler", system.scheduler());
    if (!system.account().isEmpty()) {
      data.put("account", system.account());
    }
    if (!system.partition().isEmpty()) {
      data.put("partition", system.partition());
    }
    data.put("ssh_config", sshConfig(system));
    return data;
  }

  /**
   * An OpenSSH {@code Host} entry as MAIA-HPC's configure script writes one, with the host key
   * checked against the known_hosts from the store instead of trusted on first use.
   */
  static String sshConfig(HpcSystem system) {
    StringBuilder text = new StringBuilder();
    text.append("Host ").append(system.name()).append('\n');
    text.append("  HostName ").append(system.host()).append('\n');
    text.append("  Port ").append(system.port()).append('\n');
    system.user().ifPresent(user -> text.append("  User ").append(user).append('\n'));
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
