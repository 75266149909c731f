package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/federation.md shows the example platform's topology exactly as the generator draws it.
 * {@code -Dmaia.updateGolden=true} rewrites the copy in the doc between its two markers.
 */
class TopologyDocTest {

  static final Path DOC = TestPaths.repoRoot().resolve("docs/federation.md");
  static final String BEGIN = "<!-- topology of the example platform: begin -->\n";
  static final String END = "<!-- topology of the example platform: end -->\n";

  @TempDir Path out;

  @Test
  void theFederationDocEmbedsTheExamplesTopology() throws IOException {
    // given
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(TestPaths.examplePlatform(), out, GenerateExampleTest.NOW));
    String topology = Files.readString(out.resolve("topology.md"), StandardCharsets.UTF_8);
    String diagram = topology.substring(topology.indexOf("```mermaid\n"));

    // when
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int begin = doc.indexOf(BEGIN) + BEGIN.length();
    int end = doc.indexOf(END);
    if (TestPaths.updateGolden()) {
      doc = doc.substring(0, begin) + diagram + doc.substring(end);
      Files.writeString(DOC, doc, StandardCharsets.UTF_8);
      end = doc.indexOf(END);
    }

    // then
    assertThat(begin).isGreaterThan(BEGIN.length() - 1);
    assertThat(end).isGreaterThan(begin);
    assertThat(doc.substring(begin, end)).isEqualTo(diagram);
    assertThat(diagram).contains("flowchart LR", "c_kth_main", "c_ki_hospital", "p_fl_prostate");
  }
}
