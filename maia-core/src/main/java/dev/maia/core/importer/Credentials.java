package dev.maia.core.importer;

import dev.maia.core.output.CredentialNames;
import java.util.List;
import java.util.Locale;

/**
 * Which upstream fields hold credentials: keys named like a credential by the rule the output
 * lint's {@code no-credentials} reads them with ({@link CredentialNames}), plus access keys
 * ({@code accessKey}, {@code AWS_ACCESS_KEY_ID}), which the importer keeps out of the platform too.
 * Their values are never copied, logged or noted.
 */
final class Credentials {

  private static final List<String> ACCESS_KEYS = List.of("accesskey", "accesskeyid");

  private Credentials() {}

  static boolean isCredential(String key) {
    if (CredentialNames.namesACredential(key)) {
      return true;
    }
    String together = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return ACCESS_KEYS.stream().anyMatch(together::endsWith);
  }
}
