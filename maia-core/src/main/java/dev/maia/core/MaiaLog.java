package dev.maia.core;

/**
 * The only way the core talks to a person. The Maven plugin adapts it to Maven's log; tests pass
 * {@link #silent()}. Messages are complete sentences with paths relative to the platform repo.
 */
public interface MaiaLog {

  void info(String message);

  void warn(String message);

  void debug(String message);

  /** A log that drops everything, for tests and embedded use. */
  static MaiaLog silent() {
    return new MaiaLog() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {}

      @Override
      public void debug(String message) {}
    };
  }
}
