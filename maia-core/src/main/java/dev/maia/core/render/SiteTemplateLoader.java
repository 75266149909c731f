package dev.maia.core.render;

import freemarker.cache.TemplateLoader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Serves a site's templates: the regular files inside {@code templates/} of the platform repo,
 * after resolving symbolic links, in UTF-8, of at most {@link #MAX_BYTES}. A name that exists there
 * in any other form (a link leading out of the folder, a folder, a pipe, a file too large or not
 * UTF-8) is refused with a {@link Refused} that says why, and never read; a name that does not
 * exist there is left to the built-in templates. A file is read once, when it is found, so what
 * was checked is what is parsed.
 */
final class SiteTemplateLoader implements TemplateLoader {

  /** The folder of the platform repo that holds a site's templates. */
  static final String FOLDER = "templates";

  /** The largest template a site may write: the built-in ones are a few kilobytes. */
  static final int MAX_BYTES = 1024 * 1024;

  /** A template the site has under {@code name}, and its text. */
  record Source(String name, String text) {}

  /** A name the site has, in a form no template may take. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String hint;

    Refused(String file, String message, String hint) {
      super(message);
      this.file = file;
      this.hint = hint;
    }

    /** The file refused, relative to the platform repo. */
    String file() {
      return file;
    }

    String hint() {
      return hint;
    }
  }

  private final Path folder;
  private final Optional<Path> realFolder;

  /**
   * @param folder {@code templates/} of the platform repo (it need not exist)
   * @param realFolder the folder with its links resolved, or empty when the site's templates are
   *     not to be read at all (there is none, or it leads out of the repo: {@link SiteTemplates})
   */
  SiteTemplateLoader(Path folder, Optional<Path> realFolder) {
    this.folder = folder;
    this.realFolder = realFolder;
  }

  @Override
  public Object findTemplateSource(String name) throws IOException {
    if (realFolder.isEmpty()) {
      return null;
    }
    Path file = folder.resolve(name);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
      return null;
    }
    return new Source(name, read(name, file, realFolder.get()));
  }

  /** The text of the site's template {@code name} at {@code file}, or why it may not be one. */
  static String read(String name, Path file, Path realFolder) throws Refused {
    String shown = FOLDER + "/" + name;
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      throw new Refused(shown, shown + " is a symbolic link to nothing", "point it at a template inside " + FOLDER + "/, or remove it");
    }
    if (!real.startsWith(realFolder)) {
      throw new Refused(shown, shown + " resolves to a file outside " + FOLDER + "/ (a template may only be a file inside "
          + FOLDER + "/ of the platform repo, not even through a symbolic link)", "copy the file into " + FOLDER + "/ instead of linking it");
    }
    if (!Files.isRegularFile(real)) {
      throw new Refused(shown, shown + " is not a regular file", "make it a template file, or remove it");
    }
    byte[] bytes;
    try {
      if (Files.size(real) > MAX_BYTES) {
        throw new Refused(shown, shown + " has " + Files.size(real) + " bytes; a template may have at most " + MAX_BYTES,
            "split it into templates that include each other, or leave the values to the chart's defaults");
      }
      bytes = Files.readAllBytes(real);
    } catch (Refused e) {
      throw e;
    } catch (IOException e) {
      throw new Refused(shown, "cannot read " + shown + ": " + e.getMessage(), "make the file readable");
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
      return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new Refused(shown, shown + " is not valid UTF-8", "save it as UTF-8");
    }
  }

  @Override
  public long getLastModified(Object templateSource) {
    return 0; // read once per run: the configuration never looks again
  }

  @Override
  public Reader getReader(Object templateSource, String encoding) {
    return new StringReader(((Source) templateSource).text());
  }

  @Override
  public void closeTemplateSource(Object templateSource) {}
}
