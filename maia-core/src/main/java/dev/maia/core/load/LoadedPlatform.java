package dev.maia.core.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/**
 * The platform as read from disk: one document with every include merged into {@code spec}, the
 * location of every node, the repo folder, and the files read (relative, sorted as merged).
 */
public record LoadedPlatform(ObjectNode document, SourceMap sources, Path baseDir, List<String> files) {

  public LoadedPlatform {
    files = List.copyOf(files);
  }
}
