package dev.maia.core.load;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * JSON pointer of every node of the merged platform document to the place it was written. For an
 * object member that is the position of its key; for a list item, the position of the item.
 */
public final class SourceMap {

  private final Map<String, SourceLocation> locations;
  private final SourceLocation fallback;

  SourceMap(Map<String, SourceLocation> locations, SourceLocation fallback) {
    this.locations = Map.copyOf(locations);
    this.fallback = fallback;
  }

  /**
   * The location of {@code pointer}, or of its nearest ancestor that has one (a problem about a
   * missing field points at the object that lacks it).
   */
  public SourceLocation locate(String pointer) {
    String p = pointer;
    while (true) {
      SourceLocation location = locations.get(p);
      if (location != null) {
        return location;
      }
      if (p.isEmpty()) {
        return fallback;
      }
      int slash = p.lastIndexOf('/');
      p = slash <= 0 ? "" : p.substring(0, slash);
    }
  }

  /**
   * Whether {@code pointer} itself was written in a file, as opposed to being absent (and filled in
   * by a default). Rules use it to tell {@code cluster: x} from {@code clusters: [x]}, or a written
   * value from a default.
   */
  public boolean contains(String pointer) {
    return locations.containsKey(pointer);
  }

  /**
   * The map of a document made from this one by removing nodes and renumbering the items after them:
   * the node at {@code pointer} here is at {@code moved.apply(pointer)} there, or is gone when that
   * is empty. Every node keeps the place it was written.
   */
  public SourceMap moved(Function<String, Optional<String>> moved) {
    Map<String, SourceLocation> result = new HashMap<>();
    locations.forEach((pointer, location) -> moved.apply(pointer).ifPresent(p -> result.put(p, location)));
    return new SourceMap(result, fallback);
  }

  /** Builder used while reading; pointers are recorded first-come. */
  static final class Builder {
    private final Map<String, SourceLocation> locations = new HashMap<>();

    void record(String pointer, SourceLocation location) {
      locations.putIfAbsent(pointer, location);
    }

    void recordAll(String pointerPrefix, Map<String, SourceLocation> relocated) {
      relocated.forEach((p, l) -> locations.putIfAbsent(pointerPrefix + p, l));
    }

    SourceMap build(SourceLocation fallback) {
      return new SourceMap(locations, fallback);
    }
  }
}
