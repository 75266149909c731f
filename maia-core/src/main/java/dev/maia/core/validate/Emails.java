package dev.maia.core.validate;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * E-mail addresses as identity providers accept them for log-in: a dot-atom local part and a host
 * name with at least two labels, the last of them a top-level domain (letters, or punycode). Quoted
 * local parts and IP literals are refused on purpose.
 */
final class Emails {

  private static final Pattern ADDRESS =
      Pattern.compile(
          "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
              + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+([A-Za-z]{2,63}|[Xx][Nn]--[A-Za-z0-9-]{1,59})");

  /** RFC 5321: at most 254 characters in a path, 64 in the local part. */
  private static final int MAX_LENGTH = 254;

  private static final int MAX_LOCAL_LENGTH = 64;

  private Emails() {}

  static boolean isValid(String address) {
    int at = address.indexOf('@');
    return address.length() <= MAX_LENGTH
        && at > 0
        && at <= MAX_LOCAL_LENGTH
        && ADDRESS.matcher(address).matches();
  }

  /** Whether two addresses name the same mailbox, as identity providers compare them: ignoring case. */
  static boolean same(String a, String b) {
    return key(a).equals(key(b));
  }

  static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
