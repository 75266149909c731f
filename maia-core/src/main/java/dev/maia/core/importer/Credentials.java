package dev.maia.core.importer;

import java.util.List;
import java.util.Locale;

/**
 * Which upstream fields hold credentials: keys that, lower-cased and without {@code _}, {@code -}
 * and {@code .}, end like a password, secret, token or key (the same reading as the output lint's
 * {@code no-credentials} rule, plus access keys). Their values are never copied, logged or noted.
 */
final class Credentials {

  private static final List<String> ENDINGS =
      List.of(
          "password", "passwd", "pass", "passphrase", "secret", "token", "apikey", "privatekey", "secretkey",
          "secretaccesskey", "accesskey", "credentials");

  private Credentials() {}

  static boolean isCredential(String key) {
    String normalized = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
    return ENDINGS.stream().anyMatch(normalized::endsWith);
  }
}
