package dev.maia.core.model;

import java.util.List;
import java.util.Optional;

/**
 * An external HPC system (MAIA-HPC) that projects may submit jobs to over SSH.
 *
 * @param port SSH port of the login host
 * @param user user name on the login host; empty when the store entry or the user's own SSH
 *     configuration decides it
 * @param credentialsKey the key of the SSH credentials in the secret store, as written; see {@link
 *     #secretKey()} for the key in force
 */
public record HpcSystem(
    String name,
    String host,
    int port,
    Optional<String> user,
    String scheduler,
    String account,
    String partition,
    List<String> projects,
    Optional<String> credentialsKey) {

  public HpcSystem {
    projects = List.copyOf(projects);
  }

  /** The store key of the SSH credentials: {@code credentials.secretKey}, else {@code hpc/<name>}. */
  public String secretKey() {
    return credentialsKey.filter(k -> !k.isBlank()).orElse(Defaults.HPC_SECRET_KEY_PREFIX + name);
  }
}
