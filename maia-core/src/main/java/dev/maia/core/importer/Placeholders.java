package dev.maia.core.importer;

import java.util.regex.Pattern;

/**
 * Values of MAIA's configuration templates that were never filled in: {@code <your_domain>},
 * {@code https://<domain>:16443}, {@code <IP>}, and variables that were never expanded ({@code
 * ${CLUSTER_DOMAIN}}, {@code {{ .domain }}}). An installation was not configured with them, so the
 * import carries none of them over as if it were a value.
 */
final class Placeholders {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("<[A-Za-z_][^<>\\n]*>|\\$\\{[^}\\n]*}|\\{\\{[^}\\n]*}}");

  private Placeholders() {}

  /** Whether {@code value} is, or holds, a placeholder. */
  static boolean in(String value) {
    return value != null && PLACEHOLDER.matcher(value).find();
  }
}
