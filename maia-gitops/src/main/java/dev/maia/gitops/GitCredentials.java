package dev.maia.gitops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to log in to the GitOps repository: an HTTPS token (sent as the password of {@code
 * x-access-token} or another user name), or an SSH key checked against a known_hosts file. The
 * token never appears in a message: {@link #mask} replaces it, and {@link #toString} leaves it out.
 */
public final class GitCredentials {

  /** The user name GitHub and Gitea expect with a token; GitLab accepts any name. */
  public static final String TOKEN_USER = "x-access-token";

  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/@:\\s]+):[^/@\\s]+@");

  private final String username;
  private final String token;
  private final Path sshKey;
  private final Path knownHosts;
  private final boolean strictHostKeyChecking;

  private GitCredentials(String username, String token, Path sshKey, Path knownHosts, boolean strict) {
    this.username = username;
    this.token = token;
    this.sshKey = sshKey;
    this.knownHosts = knownHosts;
    this.strictHostKeyChecking = strict;
  }

  /** Whatever the transport finds by itself (a local folder, an agent-less anonymous fetch). */
  public static GitCredentials none() {
    return new GitCredentials(null, null, null, null, true);
  }

  /** An HTTPS token, sent as the password of {@code username} ({@link #TOKEN_USER} when null). */
  public static GitCredentials token(String username, String token) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("the token is empty");
    }
    return new GitCredentials(username == null || username.isBlank() ? TOKEN_USER : username, token, null, null, true);
  }

  /**
   * Reads the token from the environment variable {@code variable}.
   *
   * @throws IllegalArgumentException naming the variable (never its value) when it is unset or empty
   */
  public static GitCredentials tokenFromEnvironment(String variable, String username, Map<String, String> environment) {
    String value = environment.get(variable);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(
          "maia.git.tokenEnv names the environment variable " + variable + ", which is not set; set it to the token");
    }
    return token(username, value.strip());
  }

  /**
   * An SSH private key, and the known_hosts file that holds the server's key (null: the usual
   * {@code ~/.ssh/known_hosts}). Without strict checking any server key is accepted.
   */
  public static GitCredentials ssh(Path privateKey, Path knownHosts, boolean strictHostKeyChecking) {
    return new GitCredentials(null, null, privateKey, knownHosts, strictHostKeyChecking);
  }

  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** The token, for the transport alone: never put it in a message. */
  public Optional<String> token() {
    return Optional.ofNullable(token);
  }

  public Optional<Path> sshKey() {
    return Optional.ofNullable(sshKey);
  }

  public Optional<Path> knownHosts() {
    return Optional.ofNullable(knownHosts);
  }

  public boolean strictHostKeyChecking() {
    return strictHostKeyChecking;
  }

  /** {@code text} with the token and any password written into a URL replaced by {@code ****}. */
  public String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = text;
    for (String secret : secrets()) {
      masked = masked.replace(secret, "****");
    }
    return URL_PASSWORD.matcher(masked).replaceAll("$1:****@");
  }

  private List<String> secrets() {
    List<String> secrets = new ArrayList<>();
    if (token != null) {
      secrets.add(token);
    }
    return secrets;
  }

  @Override
  public String toString() {
    if (token != null) {
      return "token of " + username;
    }
    if (sshKey != null) {
      return "SSH key " + sshKey.getFileName();
    }
    return "no credentials";
  }
}
