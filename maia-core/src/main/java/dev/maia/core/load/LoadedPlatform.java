package dev.maia.core.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/**
 * The platform as read from disk: one document with every include merged into {@code spec}, the
 * location of every node, the reader of the repo folder (through which every later read of the
 * repo goes: the lock, the site's templates and sealed secrets), and the files read (relative,
 * sorted as merged).
 */
public record LoadedPlatform(ObjectNode document, SourceMap sources, RepoReader repo, List<String> files) {

  public LoadedPlatform {
    files = List.copyOf(files);
  }

  /** The platform repo: the folder of the platform file. */
  public Path baseDir() {
    return repo.root();
  }
}
