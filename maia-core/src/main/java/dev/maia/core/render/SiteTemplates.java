package dev.maia.core.render;

import dev.maia.core.clustercore.CoreCatalog;
import dev.maia.core.load.SourceLocation;
import dev.maia.core.model.ToolCatalog;
import dev.maia.core.model.ToolDefinition;
import dev.maia.core.problem.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The {@code templates/} folder of a platform repo as a site's templates: the files it holds, by
 * template name, and what it may not hold. It may hold only regular files, inside it after
 * resolving links: the folder itself leading out of the platform repo, a link under it leading out
 * of it (or to nothing), and a pipe, socket or device are problems, wherever they are and whether
 * a template reads them or not.
 */
final class SiteTemplates {

  /** How deep the folder is searched; the built-in templates are two levels deep. */
  private static final int MAX_DEPTH = 16;

  private static final String ONLY_FILES = " (a site's templates may only be files inside "
      + SiteTemplateLoader.FOLDER + "/ of the platform repo, not even through a symbolic link)";

  private final Path folder;
  private final Optional<Path> realFolder;
  private final SortedSet<String> files;
  private final List<Problem> problems;

  private SiteTemplates(Path folder, Optional<Path> realFolder, SortedSet<String> files, List<Problem> problems) {
    this.folder = folder;
    this.realFolder = realFolder;
    this.files = files;
    this.problems = List.copyOf(problems);
  }

  /** The site templates of the platform repo {@code platformRepo}. */
  static SiteTemplates of(Path platformRepo) {
    Path folder = platformRepo.resolve(SiteTemplateLoader.FOLDER);
    SortedSet<String> files = new TreeSet<>();
    List<Problem> problems = new ArrayList<>();
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return new SiteTemplates(folder, Optional.empty(), files, problems);
    }
    String shown = SiteTemplateLoader.FOLDER;
    Path real;
    try {
      real = folder.toRealPath();
      if (!real.startsWith(platformRepo.toRealPath())) {
        problems.add(new Problem(SourceLocation.startOf(shown), "",
            shown + " is a symbolic link to a folder outside the platform repo" + ONLY_FILES, "make " + shown + " a folder of the repo"));
        return new SiteTemplates(folder, Optional.empty(), files, problems);
      }
    } catch (IOException e) {
      problems.add(new Problem(SourceLocation.startOf(shown), "", shown + " is a symbolic link to nothing" + ONLY_FILES,
          "make " + shown + " a folder of the repo"));
      return new SiteTemplates(folder, Optional.empty(), files, problems);
    }
    if (!Files.isDirectory(real)) {
      files.add(""); // a file named templates: it overrides nothing
      return new SiteTemplates(folder, Optional.empty(), files, problems);
    }
    try {
      Files.walkFileTree(folder, java.util.Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          String name = name(folder, file);
          String at = shown + "/" + name;
          if (attributes.isSymbolicLink()) {
            try {
              Path target = file.toRealPath();
              if (!target.startsWith(real)) {
                String what = Files.isDirectory(target) ? "a folder" : "a file";
                problems.add(new Problem(SourceLocation.startOf(at), "",
                    at + " is a symbolic link to " + what + " outside " + shown + "/" + ONLY_FILES,
                    "copy it into " + shown + "/ instead of linking it"));
              } else if (Files.isRegularFile(target)) {
                files.add(name);
              }
            } catch (IOException e) {
              problems.add(new Problem(SourceLocation.startOf(at), "", at + " is a symbolic link to nothing" + ONLY_FILES,
                  "point it at a template inside " + shown + "/, or remove it"));
            }
          } else if (attributes.isRegularFile()) {
            files.add(name);
          } else if (attributes.isOther()) {
            problems.add(new Problem(SourceLocation.startOf(at), "",
                at + " is not a regular file (a pipe, a socket or a device)" + ONLY_FILES, "remove it"));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          String at = shown + "/" + name(folder, file);
          problems.add(new Problem(SourceLocation.startOf(at), "", "cannot read " + at + ": " + e.getMessage(), "make it readable"));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
    return new SiteTemplates(folder, Optional.of(real), files, problems);
  }

  private static String name(Path folder, Path file) {
    return folder.relativize(file).toString().replace('\\', '/');
  }

  /** The loader of the templates inside the folder. */
  SiteTemplateLoader loader() {
    return new SiteTemplateLoader(folder, realFolder);
  }

  /** The text of the site's template {@code name}, or empty when it may not be read (the loader says why). */
  Optional<String> text(String name) {
    if (realFolder.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(SiteTemplateLoader.read(name, folder.resolve(name), realFolder.get()));
    } catch (SiteTemplateLoader.Refused e) {
      return Optional.empty();
    }
  }

  /** The template names of the regular files in the folder, sorted ({@code ""} for a file named like the folder). */
  SortedSet<String> files() {
    return files;
  }

  /** What the folder may not hold, one problem each, at the file. */
  List<Problem> problems() {
    return problems;
  }

  /** The templates a site can replace: every built-in values template of a tool or a core component. */
  static SortedSet<String> builtIn() {
    SortedSet<String> names = new TreeSet<>();
    ToolCatalog.builtIn().tools().stream().map(ToolDefinition::valuesTemplate).filter(t -> t != null && !t.isEmpty()).forEach(names::add);
    CoreCatalog core = CoreCatalog.builtIn();
    core.ids().forEach(id -> names.add(core.component(id).valuesTemplate()));
    return names;
  }
}
