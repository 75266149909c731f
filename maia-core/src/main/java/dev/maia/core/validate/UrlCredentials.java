package dev.maia.core.validate;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials written into a URL, before its host: {@code https://user:password@host/...}. A URL
 * goes wherever its field goes (the GitOps repository into every Application, the AppProjects and
 * the bootstrap), and its credentials with it, so the input may hold none ({@link
 * UrlCredentialRules}) and a message never shows them ({@link #mask}).
 *
 * <p>Any user information is a credential, with one exception: a login name alone in an SSH URL
 * ({@code ssh://git@host/repo.git}), where a key logs in and the name is no secret. In every other
 * scheme a name alone is as good as a password: Git hosts take a token as the user name
 * ({@code https://TOKEN@github.com/...}).
 */
public final class UrlCredentials {

  /** {@code scheme://userinfo@}: the user information ends at the first {@code @} before the path. */
  private static final Pattern USERINFO = Pattern.compile("(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*)://([^\\s/?#@]*)@");

  /** {@code user:password@} at the start of a text without a scheme (shown masked, never judged). */
  private static final Pattern LEADING_PASSWORD = Pattern.compile("^[^\\s/?#@:]+:[^\\s/?#@]+@");

  private static final String MASK = "****";

  private UrlCredentials() {}

  /**
   * A URL with credentials in a text.
   *
   * @param scheme the URL's scheme, lower-cased
   * @param password whether the user information has a password ({@code user:password})
   */
  public record Found(String scheme, boolean password) {}

  /** The first URL of {@code text} whose user information is a credential, or empty. */
  public static Optional<Found> find(String text) {
    if (text.indexOf("://") < 0) {
      return Optional.empty();
    }
    Matcher matcher = USERINFO.matcher(text);
    while (matcher.find()) {
      if (isCredential(matcher.group(1), matcher.group(2))) {
        return Optional.of(new Found(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2).indexOf(':') >= 0));
      }
    }
    return Optional.empty();
  }

  /**
   * {@code text} with the credentials of every URL replaced by {@code ****}
   * ({@code https://****@host/repo.git}), and a leading {@code user:password@} too.
   */
  public static String mask(String text) {
    if (text.indexOf('@') < 0) {
      return text;
    }
    String masked = USERINFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
        isCredential(m.group(1), m.group(2)) ? m.group(1) + "://" + MASK + "@" : m.group()));
    return LEADING_PASSWORD.matcher(masked).replaceFirst(MASK + "@");
  }

  /**
   * {@code text} without the credentials of its URLs: the user information removed, or in an SSH
   * URL only the password ({@code ssh://git@host/repo.git}).
   */
  public static String strip(String text) {
    return USERINFO.matcher(text).replaceAll(m -> {
      String scheme = m.group(1);
      String user = m.group(2).split(":", -1)[0];
      boolean login = isSsh(scheme.toLowerCase(Locale.ROOT)) && !user.isEmpty();
      return Matcher.quoteReplacement(scheme + "://" + (login ? user + "@" : ""));
    });
  }

  /** Whether the user information of a URL of this scheme is a credential: anything but an SSH login name. */
  private static boolean isCredential(String scheme, String userinfo) {
    return !userinfo.isEmpty() && (userinfo.indexOf(':') >= 0 || !isSsh(scheme.toLowerCase(Locale.ROOT)));
  }

  /** {@code ssh}, {@code git+ssh} and {@code ssh+git}. */
  private static boolean isSsh(String scheme) {
    for (String part : scheme.split("\\+", -1)) {
      if (part.equals("ssh")) {
        return true;
      }
    }
    return false;
  }
}
