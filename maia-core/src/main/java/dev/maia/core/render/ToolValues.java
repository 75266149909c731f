package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maia.core.load.PlatformLoader;
import dev.maia.core.load.RepoReader;
import dev.maia.core.model.ToolCatalog;
import dev.maia.core.model.ToolDefinition;
import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.ByteArrayTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * Renders a tool's values from its Freemarker template and parses the result, so values reach the
 * output only through the canonical writer. Templates are looked up first in {@code templates/} of
 * the platform repo (a site's overrides, read through the repo's {@link RepoReader}: regular files
 * inside the repo only, which loading has checked), then in the built-in catalog. Every
 * interpolation is escaped by {@link YamlOutputFormat}; templates can not call Java classes.
 */
final class ToolValues {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());


  private final Configuration freemarker;

  ToolValues(RepoReader repo) {
    Configuration config = new Configuration(Configuration.VERSION_2_3_34);
    List<TemplateLoader> loaders = new ArrayList<>();
    RepoReader.Listing overrides = repo.folder(PlatformLoader.TEMPLATES);
    if (!overrides.files().isEmpty()) {
      ByteArrayTemplateLoader site = new ByteArrayTemplateLoader();
      for (String file : overrides.files()) {
        if (!(repo.read(file) instanceof RepoReader.Content content)) {
          throw new IllegalStateException(file + " changed after the platform was loaded");
        }
        site.putTemplate(file.substring(PlatformLoader.TEMPLATES.length() + 1), content.bytes(), 0);
      }
      loaders.add(site);
    }
    loaders.add(new ClassTemplateLoader(ToolValues.class, ToolCatalog.RESOURCE_ROOT));
    config.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
    config.setOutputFormat(YamlOutputFormat.INSTANCE);
    config.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
    config.setDefaultEncoding(StandardCharsets.UTF_8.name());
    config.setLocale(Locale.ROOT);
    config.setTimeZone(TimeZone.getTimeZone("UTC"));
    config.setNumberFormat("c");
    config.setBooleanFormat("c");
    config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    config.setLogTemplateExceptions(false);
    config.setWrapUncheckedExceptions(true);
    config.setFallbackOnNullLoopVariable(false);
    config.setAPIBuiltinEnabled(false);
    config.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    config.setLocalizedLookup(false);
    this.freemarker = config;
  }

  /** The values of {@code tool} rendered with {@code model}, as a JSON tree. */
  JsonNode render(ToolDefinition tool, Map<String, Object> model) {
    return render(tool.valuesTemplate(), "tool " + tool.id(), model);
  }

  /** The values of the template at {@code path} (of {@code owner}, for messages) rendered with {@code model}. */
  JsonNode render(String path, String owner, Map<String, Object> model) {
    String text;
    try {
      Template template = freemarker.getTemplate(path);
      StringWriter out = new StringWriter();
      template.process(model, out);
      text = out.toString();
    } catch (IOException | TemplateException e) {
      throw new IllegalStateException("template " + path + " of " + owner + " failed: " + e.getMessage(), e);
    }
    try {
      JsonNode values = YAML.readTree(text);
      return values == null || values.isMissingNode() ? YAML.createObjectNode() : values;
    } catch (IOException e) {
      throw new IllegalStateException("template " + path + " of " + owner + " rendered invalid YAML: " + e.getMessage(), e);
    }
  }
}
