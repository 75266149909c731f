package dev.maia.core.render;

import freemarker.cache.TemplateLoader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Map;

/**
 * Serves a site's templates from what {@link SiteTemplates} read. A name the site has in a form no
 * template may take (a file too large or not UTF-8) is refused with a {@link Refused} that says
 * why; a name the site does not have is left to the built-in templates.
 */
final class SiteTemplateLoader implements TemplateLoader {

  /** The folder of the platform repo that holds a site's templates. */
  static final String FOLDER = SiteTemplates.FOLDER;

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

  private final Map<String, String> texts;
  private final Map<String, Refused> refused;

  /**
   * @param texts the text of each template the site has, by name
   * @param refused why each other file of the site's folder may not be a template, by name
   */
  SiteTemplateLoader(Map<String, String> texts, Map<String, Refused> refused) {
    this.texts = texts;
    this.refused = refused;
  }

  @Override
  public Object findTemplateSource(String name) throws IOException {
    Refused no = refused.get(name);
    if (no != null) {
      throw no;
    }
    String text = texts.get(name);
    return text == null ? null : new Source(name, text);
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
