package dev.maia.plugin;

/** {@code 1 file}, {@code 2 files}: counts in log lines. */
final class Counts {

  private Counts() {}

  static String of(int count, String noun) {
    return count + " " + (count == 1 ? noun : noun + "s");
  }
}
