package dev.maia.core.validate;

import dev.maia.core.problem.Problem;

import dev.maia.core.load.SourceLocation;
import dev.maia.core.load.SourceMap;
import java.util.ArrayList;
import java.util.List;

/** Collects problems during one stage so that all of them are reported at once. */
public final class Problems {

  private final SourceMap sources;
  private final List<Problem> found = new ArrayList<>();

  public Problems(SourceMap sources) {
    this.sources = sources;
  }

  /** A problem at {@code pointer}, located through the source map. */
  public void add(String pointer, String message, String hint) {
    found.add(new Problem(sources.locate(pointer), pointer, message, hint));
  }

  public void add(String pointer, String message) {
    add(pointer, message, null);
  }

  /** A problem at an explicit location (load errors, before a source map exists). */
  public void addAt(SourceLocation location, String pointer, String message, String hint) {
    found.add(new Problem(location, pointer, message, hint));
  }

  public void addAll(List<Problem> problems) {
    found.addAll(problems);
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  public List<Problem> list() {
    return List.copyOf(found);
  }

  /** Throws {@link InvalidPlatformException} if anything was found. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new InvalidPlatformException(found);
    }
  }
}
