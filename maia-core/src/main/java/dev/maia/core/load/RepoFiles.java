package dev.maia.core.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.problem.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a YAML file of the platform repo other than the platform itself (the lock file, sealed
 * secrets) through the repo's {@link RepoReader}, with the same limits as the platform's files,
 * remembering where every node was written.
 */
public final class RepoFiles {

  private final YamlFileReader reader = new YamlFileReader();
  private final RepoReader repo;

  public RepoFiles(RepoReader repo) {
    this.repo = repo;
  }

  /** A file's tree and the location of every node (pointers relative to the file's root). */
  public record Document(String file, JsonNode root, Map<String, SourceLocation> locations) {

    public Document {
      locations = Map.copyOf(locations);
    }

    /** The location of {@code pointer}, or of its nearest ancestor that has one. */
    public SourceLocation locate(String pointer) {
      String p = pointer;
      while (true) {
        SourceLocation location = locations.get(p);
        if (location != null) {
          return location;
        }
        if (p.isEmpty()) {
          return SourceLocation.startOf(file);
        }
        int slash = p.lastIndexOf('/');
        p = slash <= 0 ? "" : p.substring(0, slash);
      }
    }
  }

  /** What reading found: the document (empty when the file is missing or may not be read) and problems. */
  public record Read(Optional<Document> document, List<Problem> problems) {

    public Read {
      problems = List.copyOf(problems);
    }
  }

  /** Reads {@code relative} (with {@code /} separators) of the repo; a file that is not there is no problem. */
  public Read read(String relative) {
    RepoReader.Result read = repo.read(relative);
    if (read instanceof RepoReader.Refused refused) {
      return new Read(Optional.empty(), List.of(refused.problem()));
    }
    if (!(read instanceof RepoReader.Content content)) {
      return new Read(Optional.empty(), List.of());
    }
    YamlFileReader.Result result = reader.read(relative, content.bytes());
    if (result.root() == null || !result.problems().isEmpty()) {
      return new Read(Optional.empty(), result.problems());
    }
    return new Read(Optional.of(new Document(relative, result.root(), result.locations())), List.of());
  }
}
