package dev.maia.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An external HPC system (MAIA-HPC) that projects may submit jobs to over SSH. Its credentials are
 * per person: each member with an {@link Account} under {@code users} gets the key of their own
 * account, in a Secret only their workspace mounts. One account for every member is the explicit
 * opt-in {@link #shared()}.
 *
 * @param port SSH port of the login host
 * @param accounts each member's own account ({@code users}), in document order
 * @param keyPattern {@code credentials.secretKey} as written: the store key of each member's
 *     credentials, with {@value #USER} for their user name; see {@link #secretKey(Account)}
 * @param shared {@code credentials.shared}: one account and key for every member, when opted into
 */
public record HpcSystem(
    String name,
    String host,
    int port,
    String scheduler,
    String account,
    String partition,
    List<String> projects,
    List<Account> accounts,
    Optional<String> keyPattern,
    Optional<SharedAccount> shared) {

  /** What a per-member store key pattern writes for the member's user name on the system. */
  public static final String USER = "{user}";

  /** A member's own account: the member as {@code users} names them (an e-mail address), and their user name on the system. */
  public record Account(String member, String user) {}

  /** One account for every member of every listed project, and the store key of its credentials. */
  public record SharedAccount(String user, String secretKey) {}

  public HpcSystem {
    projects = List.copyOf(projects);
    accounts = List.copyOf(accounts);
  }

  /** The store key of a member's credentials: the key pattern, else {@code hpc/<name>/{user}}, with their user name. */
  public String secretKey(Account account) {
    return keyPattern.orElse(Defaults.HPC_SECRET_KEY_PREFIX + name + "/" + USER).replace(USER, account.user());
  }

  /** The accounts of the project's members (its users, then its admins), each once; none when the account is shared. */
  public List<Account> accounts(Project project) {
    if (shared.isPresent()) {
      return List.of();
    }
    List<Account> found = new ArrayList<>();
    for (String member : project.members()) {
      account(member).filter(a -> !found.contains(a)).ifPresent(found::add);
    }
    return List.copyOf(found);
  }

  /** The account of a member, compared as JupyterHub names them (ignoring case). */
  public Optional<Account> account(String member) {
    String username = WorkspaceNames.username(member);
    return accounts.stream().filter(a -> WorkspaceNames.username(a.member()).equals(username)).findFirst();
  }

  /** The ConfigMap of the shared account's settings, and the volume the workspace mounts every settings ConfigMap as. */
  public String configMapName() {
    return "hpc-" + name;
  }

  /** The Secret of the shared account's key, and the volume the workspace mounts every key Secret as. */
  public String secretName() {
    return configMapName() + "-ssh";
  }

  /** The ConfigMap of one member's settings: {@code hpc-NAME.<escaped JupyterHub user name>}. */
  public String configMapName(Account account) {
    return ofMember(configMapName(), WorkspaceNames.userLabel(account.member()));
  }

  /** The Secret of one member's key: {@code hpc-NAME-ssh.<escaped JupyterHub user name>}. */
  public String secretName(Account account) {
    return ofMember(secretName(), WorkspaceNames.userLabel(account.member()));
  }

  /**
   * The name of a member's object: the shared name, a dot and the member's escaped JupyterHub user
   * name. Names of systems and escaped names hold no dot, so no two members or systems share one.
   * With {@link WorkspaceNames#KUBESPAWNER_USERNAME} for the user, it is the name KubeSpawner
   * expands in each user's pod.
   */
  public static String ofMember(String shared, String escapedUser) {
    return shared + "." + escapedUser;
  }
}
