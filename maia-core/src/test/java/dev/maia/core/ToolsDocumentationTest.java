package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maia.core.model.ToolCatalog;
import dev.maia.core.model.ToolDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/tools.md} documents every tool of the catalog as it is: its chart and version, its
 * images, its Secrets with every key and store property, and the README links it.
 */
class ToolsDocumentationTest {

  @Test
  void everyToolChartImageSecretAndStorePropertyIsDocumented() throws IOException {
    // given
    String doc = Files.readString(TestPaths.repoRoot().resolve("docs/tools.md"), StandardCharsets.UTF_8);

    // then
    assertThat(doc).contains("projects/<project>/<tool>", "sealed-secrets/<cluster>/<namespace>/<name>.yaml", "maia.lock.frozen");
    for (ToolDefinition tool : ToolCatalog.builtIn().tools()) {
      assertThat(doc).as("tool %s", tool.id()).contains("| `" + tool.id() + "` |", "**" + tool.id() + ".**");
      if (tool.hasApplication()) {
        assertThat(doc).as("chart of %s", tool.id())
            .contains("`" + tool.repoURL() + "` `" + tool.chart() + "` `" + tool.version() + "`");
      }
      tool.images().values().forEach(image -> assertThat(doc).as("image of %s", tool.id()).contains("`" + image + "`"));
      tool.secrets().values().forEach(secret -> {
        assertThat(doc).as("Secret %s", secret.name()).contains("| `" + tool.id() + "` | `" + secret.name() + "` |");
        secret.keys().forEach((key, property) ->
            assertThat(doc).as("key %s of %s", key, secret.name()).contains("`" + key + "` ← `" + property + "`"));
      });
    }
  }

  @Test
  void theReadmeLinksTheToolCatalog() throws IOException {
    assertThat(Files.readString(TestPaths.repoRoot().resolve("README.md"), StandardCharsets.UTF_8)).contains("(docs/tools.md)");
  }
}
