package dev.maia.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Names JupyterHub gives a user's workspace, computed here so that resources rendered outside the
 * chart (a user's SSH Service) select the user's pod. The workspace values set {@code
 * KubeSpawner.slug_scheme: escape} and label every user pod {@value #USER_LABEL}{@code :
 * {username}}, which KubeSpawner expands with the same escaping as {@link #escape}.
 */
public final class WorkspaceNames {

  /**
   * What KubeSpawner replaces, in a user pod's labels, volumes and volume mounts, with the user's
   * escaped name ({@link #userLabel}).
   */
  public static final String KUBESPAWNER_USERNAME = "{username}";

  /** The pod label that names a workspace's user, escaped. */
  public static final String USER_LABEL = "maia.dev/workspace-user";

  private static final Pattern LABEL_VALUE = Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$");
  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$");

  private WorkspaceNames() {}

  /**
   * The people who get an SSH port in a project with {@code workspace.ssh}: its users and admins,
   * by JupyterHub user name, each once, sorted.
   */
  public static List<String> sshUsers(Project project) {
    Set<String> users = new TreeSet<>();
    project.users().forEach(u -> users.add(username(u)));
    project.admins().forEach(u -> users.add(username(u)));
    return List.copyOf(users);
  }

  /** The JupyterHub user name of an e-mail: the authenticator normalises it to lower case. */
  public static String username(String email) {
    return email.toLowerCase(Locale.ROOT);
  }

  /**
   * KubeSpawner's {@code escape} slug scheme ({@code escapism.escape(name, safe=[a-z0-9],
   * escape_char='-').lower()}): every character other than a lower-case ASCII letter or digit
   * becomes {@code -} followed by the upper-case hex of each of its UTF-8 bytes (no zero padding),
   * and the result is lower-cased. {@code radiologist@ki.se} becomes {@code radiologist-40ki-2ese}.
   */
  public static String escape(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints().forEach(c -> {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.appendCodePoint(c);
      } else {
        for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
          out.append('-').append(Integer.toHexString(b & 0xFF).toUpperCase(Locale.ROOT));
        }
      }
    });
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /** The value of {@link #USER_LABEL} on the pod of the user with this e-mail. */
  public static String userLabel(String email) {
    return escape(username(email));
  }

  /** Whether a string is a valid Kubernetes label value. */
  public static boolean isLabelValue(String value) {
    return value.length() <= 63 && LABEL_VALUE.matcher(value).matches();
  }

  /**
   * The name of a user's SSH Service: {@code ssh-<escaped user>}, or, when that is not a DNS-1035
   * label of at most 63 characters, {@code ssh-<start of it>-<8 hex of its SHA-256>}.
   */
  public static String sshService(String email) {
    String escaped = userLabel(email);
    String name = "ssh-" + escaped;
    if (DNS_LABEL.matcher(name).matches()) {
      return name;
    }
    String start = escaped.substring(0, Math.min(escaped.length(), 50)).replaceAll("-+$", "");
    return "ssh-" + start + "-" + sha256(escaped).substring(0, 8);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
