package dev.maia.core.render;

import dev.maia.core.clustercore.CoreCatalog;
import dev.maia.core.load.PlatformLoader;
import dev.maia.core.load.RepoReader;
import dev.maia.core.load.SourceLocation;
import dev.maia.core.model.ToolCatalog;
import dev.maia.core.model.ToolDefinition;
import dev.maia.core.problem.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The {@code templates/} folder of a platform repo as a site's templates: the files it holds, by
 * template name, with their text. The files come from the repo's {@link RepoReader}, which reads
 * only regular files inside the repo (loading has refused links out of it, pipes, devices and
 * files over its limits); a template must also be UTF-8 and at most {@link #MAX_BYTES}. Each file
 * is read once, so what is checked is what is rendered.
 */
final class SiteTemplates {

  /** The folder of the platform repo that holds a site's templates. */
  static final String FOLDER = PlatformLoader.TEMPLATES;

  /** The largest template a site may write: the built-in ones are a few kilobytes. */
  static final int MAX_BYTES = 1024 * 1024;

  private final SortedSet<String> files;
  private final Map<String, String> texts;
  private final Map<String, SiteTemplateLoader.Refused> refused;
  private final List<Problem> problems;

  private SiteTemplates(SortedSet<String> files, Map<String, String> texts, Map<String, SiteTemplateLoader.Refused> refused,
      List<Problem> problems) {
    this.files = files;
    this.texts = Map.copyOf(texts);
    this.refused = Map.copyOf(refused);
    this.problems = List.copyOf(problems);
  }

  /** The site templates of the platform repo that {@code repo} reads. */
  static SiteTemplates of(RepoReader repo) {
    RepoReader.Listing listing = repo.folder(FOLDER);
    SortedSet<String> files = new TreeSet<>();
    Map<String, String> texts = new HashMap<>();
    Map<String, SiteTemplateLoader.Refused> refused = new HashMap<>();
    // what loading refused already, should a caller not have loaded the platform first
    List<Problem> problems = new ArrayList<>(listing.problems());
    for (RepoReader.Refused r : listing.refused()) {
      refused.put(name(r.file()), new SiteTemplateLoader.Refused(r.file(), r.message(), r.hint()));
    }
    if (Files.isRegularFile(repo.root().resolve(FOLDER), LinkOption.NOFOLLOW_LINKS)) {
      files.add(""); // a file named like the folder: it replaces nothing, and is warned about
    }
    for (String file : listing.files()) {
      String name = name(file);
      files.add(name);
      RepoReader.Result read = repo.read(file);
      try {
        if (!(read instanceof RepoReader.Content content)) {
          throw read instanceof RepoReader.Refused r
              ? new SiteTemplateLoader.Refused(file, r.message(), r.hint())
              : new SiteTemplateLoader.Refused(file, file + " was removed while the platform was read", "run again");
        }
        texts.put(name, text(file, content.bytes()));
      } catch (SiteTemplateLoader.Refused e) {
        refused.put(name, e);
        problems.add(new Problem(SourceLocation.startOf(file), "", e.getMessage(), e.hint()));
      }
    }
    return new SiteTemplates(files, texts, refused, problems);
  }

  private static String name(String file) {
    return file.equals(FOLDER) ? "" : file.substring(FOLDER.length() + 1);
  }


  /** The text of template {@code file}, or why it may not be one. */
  private static String text(String file, byte[] bytes) throws SiteTemplateLoader.Refused {
    if (bytes.length > MAX_BYTES) {
      throw new SiteTemplateLoader.Refused(file, file + " has " + bytes.length + " bytes; a template may have at most " + MAX_BYTES,
          "split it into templates that include each other, or leave the values to the chart's defaults");
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
      return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new SiteTemplateLoader.Refused(file, file + " is not valid UTF-8", "save it as UTF-8");
    }
  }

  /** The loader of the site's templates. */
  SiteTemplateLoader loader() {
    return new SiteTemplateLoader(texts, refused);
  }

  /** The text of the site's template {@code name}, or empty when it has none or it may not be read. */
  Optional<String> text(String name) {
    return Optional.ofNullable(texts.get(name));
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
