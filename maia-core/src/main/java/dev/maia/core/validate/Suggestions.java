package dev.maia.core.validate;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for near-miss names: the closest candidate within a small edit distance. */
public final class Suggestions {

  private Suggestions() {}

  /** The closest candidate to {@code given}, if one is close enough to be a likely typo. */
  public static Optional<String> closest(String given, Collection<String> candidates) {
    String needle = given.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates.stream().sorted().toList()) {
      int distance = distance(needle, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(1, Math.min(3, needle.length() / 3));
    return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** {@code did you mean 'x'?}, or {@code null} when nothing is close. */
  public static String hint(String given, Collection<String> candidates) {
    return closest(given, candidates).map(s -> "did you mean '" + s + "'?").orElse(null);
  }

  /** Optimal string alignment distance (Levenshtein plus adjacent transposition). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
