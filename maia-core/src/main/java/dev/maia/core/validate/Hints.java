package dev.maia.core.validate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** How-to-fix texts shared by the rules. */
final class Hints {

  /** A hint lists at most this many candidates; platforms may have hundreds of projects. */
  static final int MAX_LISTED = 8;

  private Hints() {}

  /** The fixes to choose from: {@code a}, {@code a or b}, {@code a, b, or c}. */
  static String either(List<String> choices) {
    int last = choices.size() - 1;
    if (last == 0) {
      return choices.get(0);
    }
    return String.join(", ", choices.subList(0, last)) + (last > 1 ? ", or " : " or ") + choices.get(last);
  }

  /**
   * {@code did you mean 'x'?} for a near miss, else the candidates ({@code known clusters: a, b}),
   * else {@code none} when there are no candidates at all.
   */
  static String didYouMean(String given, Collection<String> candidates, String known, String none) {
    String close = Suggestions.hint(given, candidates);
    if (close != null) {
      return close;
    }
    if (candidates.isEmpty()) {
      return none;
    }
    return known + ": " + list(candidates);
  }

  /** Sorted, distinct, quoted, at most {@link #MAX_LISTED}: {@code 'a', 'b' and 3 more}. */
  static String list(Collection<String> names) {
    List<String> sorted = names.stream().distinct().sorted().toList();
    List<String> shown = sorted.subList(0, Math.min(MAX_LISTED, sorted.size()));
    String text = String.join(", ", shown.stream().map(n -> "'" + n + "'").toList());
    int more = sorted.size() - shown.size();
    return more > 0 ? text + " and " + more + " more" : text;
  }

  /**
   * {@code 'name'}, followed by the code points of any character outside printable ASCII, so that a
   * look-alike letter of another script does not hide in the message: {@code 'kth-mаin' (with U+0430
   * CYRILLIC SMALL LETTER A)}.
   */
  static String quote(String name) {
    StringBuilder shown = new StringBuilder();
    name.codePoints().forEach(c -> {
      if (invisible(c)) {
        shown.append(String.format(Locale.ROOT, "\\u%04x", c));
      } else {
        shown.appendCodePoint(c);
      }
    });
    return "'" + shown + "'" + unusual(name);
  }

  /**
   * {@code  (with U+0430 CYRILLIC SMALL LETTER A)} naming the characters of {@code text} outside
   * printable ASCII (at most three, then how many more), or the empty string when there are none.
   */
  static String unusual(String text) {
    List<String> unusual =
        text.codePoints()
            .filter(c -> c < 0x20 || c > 0x7e)
            .distinct()
            .mapToObj(Hints::codePoint)
            .toList();
    if (unusual.isEmpty()) {
      return "";
    }
    List<String> listed = unusual.subList(0, Math.min(3, unusual.size()));
    String more = unusual.size() > listed.size() ? " and " + (unusual.size() - listed.size()) + " more" : "";
    return " (with " + String.join(", ", listed) + more + ")";
  }

  /**
   * A character a message must not print as it is: a control character, or one that is invisible
   * or reorders the text around it (zero-width spaces, bidirectional overrides, line separators).
   * Such characters are shown as {@code \u200b}, so a hostile value cannot hide in or garble a
   * message.
   */
  static boolean invisible(int c) {
    int type = Character.getType(c);
    return Character.isISOControl(c)
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /** {@code U+0430 CYRILLIC SMALL LETTER A}. */
  private static String codePoint(int c) {
    String name = Character.getName(c);
    return String.format(Locale.ROOT, "U+%04X", c) + (name == null ? "" : " " + name);
  }

  /**
   * An ISO-8601 duration with days, as {@code gpuPolicy} writes them: {@code P14D}, {@code P14DT1S},
   * {@code PT23H59M59S} ({@link Duration#toString()} would say {@code PT336H1S}).
   */
  static String duration(Duration duration) {
    if (duration.isNegative()) {
      return "-" + duration(duration.negated());
    }
    StringBuilder text = new StringBuilder("P");
    long days = duration.toDays();
    if (days > 0) {
      text.append(days).append('D');
    }
    Duration time = duration.minusDays(days);
    if (!time.isZero()) {
      text.append('T');
      appendPart(text, time.toHours(), 'H');
      appendPart(text, time.toMinutesPart(), 'M');
      if (time.toSecondsPart() > 0 || time.toNanosPart() > 0) {
        BigDecimal seconds = BigDecimal.valueOf(time.toSecondsPart()).add(BigDecimal.valueOf(time.toNanosPart(), 9));
        text.append(seconds.stripTrailingZeros().toPlainString()).append('S');
      }
    }
    return text.length() == 1 ? "PT0S" : text.toString();
  }

  private static void appendPart(StringBuilder text, long value, char unit) {
    if (value > 0) {
      text.append(value).append(unit);
    }
  }
}
