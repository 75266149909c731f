package dev.maia.core.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a key names a credential, read the way people name them. The key is cut into words at
 * separators ({@code _}, {@code -}, {@code .}, ...) and camel-case humps: {@code adminPass} is
 * admin, pass; {@code MINIO_ROOT_PW} is minio, root, pw; {@code APIKey} is api, key. Numbers at the
 * end do not count ({@code password2}, {@code DB_PASS_1}). Then the end of the key decides:
 *
 * <ul>
 *   <li>the words run together end with {@code password}, {@code passwd}, {@code passphrase},
 *       {@code secret}, {@code token}, {@code credential(s)}, {@code apikey}, {@code privatekey},
 *       {@code secretkey}, {@code secretaccesskey}, {@code encryptionkey}, {@code signingkey} or
 *       {@code masterkey}: {@code client_secret}, {@code cookieSecret}, {@code API-KEY},
 *       {@code adminpassword};
 *   <li>the last word is {@code pass}, {@code pw}, {@code pwd}, {@code creds} or {@code auth}, as
 *       a word of its own, since inside a word they are something else ({@code bypass}, {@code
 *       compass}, {@code oauth}); {@code pwd} only after another word, since {@code PWD} alone is
 *       the working directory;
 *   <li>the last word only says how the credential is written ({@code value}, {@code string},
 *       {@code text}, {@code plain}, {@code plaintext}, {@code raw}, {@code base64}, {@code b64},
 *       {@code encoded}) and the words before it name one: {@code tokenValue}, {@code
 *       passwordBase64}.
 * </ul>
 *
 * A key whose last word names something about a credential is not one: {@code passwordPolicy},
 * {@code passwordLength}, {@code passwordHash}, {@code tokenUrl}, {@code tokenTTL}, {@code
 * secretName}, {@code secretRef}, {@code passwordKey} (the key of a Secret), {@code passwordFile},
 * and neither is {@code tokenizer}. Keys that start with {@code existing} name an existing Secret
 * ({@code existingSecret}, {@code existingSecretPasswordKey}). The output lint's {@code
 * no-credentials} rule and the importer read keys by this one rule.
 */
public final class CredentialNames {

  private static final List<String> ENDINGS =
      List.of(
          "password", "passwd", "passphrase", "secret", "token", "credential", "credentials", "apikey", "privatekey",
          "secretkey", "secretaccesskey", "encryptionkey", "signingkey", "masterkey");

  /** Credentials only as words of their own. */
  private static final Set<String> WORDS = Set.of("pass", "pw", "pwd", "creds", "auth");

  /** Last words that say how a credential is written, not what it is about. */
  private static final Set<String> ENCODINGS = Set.of("value", "string", "text", "plain", "plaintext", "raw", "base64", "b64", "encoded");

  private static final String REFERENCE_PREFIX = "existing";

  /** Keys repeat in every document: each is judged once, up to this many. */
  private static final int MAX_CACHED_KEYS = 10_000;

  private static final Map<String, Boolean> JUDGED = new ConcurrentHashMap<>();

  private CredentialNames() {}

  /** True for a key that names a credential: {@code adminPassword}, {@code MINIO_ROOT_PW}, {@code api-key}. */
  public static boolean namesACredential(String key) {
    Boolean cached = JUDGED.get(key);
    if (cached != null) {
      return cached;
    }
    boolean judged = judge(words(key));
    if (JUDGED.size() < MAX_CACHED_KEYS) {
      JUDGED.put(key, judged);
    }
    return judged;
  }

  private static boolean judge(List<String> words) {
    while (!words.isEmpty() && isNumber(words.get(words.size() - 1))) {
      words.remove(words.size() - 1);
    }
    if (words.isEmpty() || words.get(0).startsWith(REFERENCE_PREFIX)) {
      return false;
    }
    String last = words.get(words.size() - 1);
    if (ENCODINGS.contains(last) && words.size() > 1) {
      return judge(new ArrayList<>(words.subList(0, words.size() - 1)));
    }
    last = withoutTrailingDigits(last);
    if (WORDS.contains(last)) {
      return !last.equals("pwd") || words.size() > 1;
    }
    String together = String.join("", words.subList(0, words.size() - 1)) + last;
    for (String ending : ENDINGS) {
      if (together.endsWith(ending)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The words of a key, lower-cased: cut at every character that is not a letter or digit, between
   * a lower-case letter or digit and an upper-case one ({@code adminPass}), and before the last
   * capital of a run that a lower-case letter follows ({@code APIKey}: api, key).
   */
  static List<String> words(String key) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(word, words);
        continue;
      }
      if (word.length() > 0 && Character.isUpperCase(c)) {
        char before = key.charAt(i - 1);
        boolean hump = Character.isLowerCase(before) || Character.isDigit(before);
        boolean acronymEnds = Character.isUpperCase(before) && i + 1 < key.length() && Character.isLowerCase(key.charAt(i + 1));
        if (hump || acronymEnds) {
          flush(word, words);
        }
      }
      word.append(c);
    }
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
      word.setLength(0);
    }
  }

  private static boolean isNumber(String word) {
    return word.chars().allMatch(Character::isDigit);
  }

  private static String withoutTrailingDigits(String word) {
    int end = word.length();
    while (end > 0 && Character.isDigit(word.charAt(end - 1))) {
      end--;
    }
    return word.substring(0, end);
  }
}
