package dev.maia.gitops.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maia.core.load.SourceLocation;
import dev.maia.core.output.CanonicalYaml;
import dev.maia.core.problem.Problem;
import dev.maia.gitops.DiffResult;
import dev.maia.gitops.TestTrees;
import dev.maia.gitops.diff.TreeDiff;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportsTest {

  @TempDir Path temp;

  private static final List<Problem> PROBLEMS = List.of(
      new Problem(new SourceLocation("platform.yaml", 35, 7), "/spec/projects/0/cluster", "'ki-hospitl' is not a cluster",
          "did you mean 'ki-hospital'?"),
      new Problem(new SourceLocation("projects/brain-mets.yaml", 4, 3), "/spec/projects/1/gpu/quota", "expected an integer, got a string",
          null));

  @Test
  void anInvalidPlatformGivesOneSarifResultAndOneFailedTestCasePerProblem() throws Exception {
    // given
    ReportInput input = new ReportInput("platform.yaml", "1.2.3", PROBLEMS, null, 0);

    // when
    Reports.write(temp, input);

    // then
    JsonNode sarif = new ObjectMapper().readTree(temp.resolve(Reports.SARIF).toFile());
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    JsonNode run = sarif.path("runs").get(0);
    assertThat(run.path("tool").path("driver").path("name").asText()).isEqualTo("maia-maven-plugin");
    assertThat(run.path("results")).hasSize(2);
    JsonNode first = run.path("results").get(0);
    assertThat(first.path("ruleId").asText()).isEqualTo(SarifReport.RULE);
    assertThat(first.path("level").asText()).isEqualTo("error");
    assertThat(first.path("message").path("text").asText())
        .isEqualTo("/spec/projects/0/cluster: 'ki-hospitl' is not a cluster (did you mean 'ki-hospital'?)");
    JsonNode physical = first.path("locations").get(0).path("physicalLocation");
    assertThat(physical.path("artifactLocation").path("uri").asText()).isEqualTo("platform.yaml");
    assertThat(physical.path("region").path("startLine").asInt()).isEqualTo(35);
    assertThat(physical.path("region").path("startColumn").asInt()).isEqualTo(7);
    assertThat(run.path("results").get(1).path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
        .isEqualTo("projects/brain-mets.yaml");

    Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(temp.resolve(Reports.JUNIT).toFile());
    Element suite = junit.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("tests")).isEqualTo("2");
    assertThat(suite.getAttribute("failures")).isEqualTo("2");
    NodeList cases = suite.getElementsByTagName("testcase");
    assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("platform.yaml:35:7 /spec/projects/0/cluster");
    assertThat(((Element) cases.item(0)).getElementsByTagName("failure").item(0).getTextContent())
        .isEqualTo("platform.yaml:35:7 /spec/projects/0/cluster: 'ki-hospitl' is not a cluster (did you mean 'ki-hospital'?)");

    assertThat(Files.readString(temp.resolve(Reports.MARKDOWN)))
        .contains("platform.yaml has 2 problems", "platform.yaml:35:7 /spec/projects/0/cluster: 'ki-hospitl'");
  }

  @Test
  void aValidPlatformGivesAnEmptySarifAndPassingTestCases() throws Exception {
    // given
    SortedMap<String, byte[]> tree = TestTrees.tree("kth-main", "vertebra-ct", 0, List.of("workspace"));
    ReportInput input = new ReportInput("platform.yaml", "1.2.3", List.of(), new DiffResult("branch gitops at 0123", "0123", TreeDiff.compare(tree, tree)), 0);

    // when
    Reports.write(temp, input);

    // then
    assertThat(new ObjectMapper().readTree(temp.resolve(Reports.SARIF).toFile()).path("runs").get(0).path("results")).isEmpty();
    Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(temp.resolve(Reports.JUNIT).toFile()).getDocumentElement();
    assertThat(suite.getAttribute("tests")).isEqualTo("2");
    assertThat(suite.getAttribute("failures")).isEqualTo("0");
    assertThat(Files.readString(temp.resolve(Reports.MARKDOWN))).contains("No change: the generated tree equals the branch.");
  }

  @Test
  void theHtmlReportEscapesEverythingItShows() throws Exception {
    // given: a manifest whose description carries markup
    Map<String, Object> app = new TreeMap<>(TestTrees.application("p", "mlflow", "c", "1.0.0"));
    Map<String, byte[]> before = Map.of("argocd/apps/c/p-mlflow.yaml", CanonicalYaml.write(CanonicalYaml.tree(app)));
    app.put("spec", Map.of("description", "<script>alert('x')</script> & \"more\""));
    Map<String, byte[]> after = Map.of("argocd/apps/c/p-mlflow.yaml", CanonicalYaml.write(CanonicalYaml.tree(app)));
    ReportInput input = new ReportInput("<b>platform</b>.yaml", "1.2.3", List.of(),
        new DiffResult("branch gitops at 0123", "0123", TreeDiff.compare(before, after)), 0);

    // when
    String html = HtmlReport.render(input);
    String markdown = MarkdownReport.render(input, MarkdownReport.DEFAULT_LIMIT);

    // then
    assertThat(html).doesNotContain("<script>", "<b>platform")
        .contains("description: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;", "&lt;b&gt;platform&lt;/b&gt;.yaml");
    assertThat(html).startsWith("<!DOCTYPE html>").contains("Content-Security-Policy").doesNotContain("<link", "src=");
    assertThat(markdown).doesNotContain("<b>platform").contains("&lt;b&gt;platform&lt;/b&gt;.yaml");
  }

  @Test
  void theMarkdownReportPutsTheSummaryFirstAndIsCutToItsLimit() {
    // given: forty projects change their quota
    SortedMap<String, byte[]> before = new TreeMap<>();
    SortedMap<String, byte[]> after = new TreeMap<>();
    for (int i = 0; i < 40; i++) {
      before.putAll(TestTrees.tree("ki-hospital", "project-" + i, 1, List.of("workspace")));
      after.putAll(TestTrees.tree("ki-hospital", "project-" + i, 2, List.of("workspace")));
    }
    ReportInput input = new ReportInput("platform.yaml", "1.2.3", List.of(),
        new DiffResult("branch gitops at 0123", "0123", TreeDiff.compare(TestTrees.withIndex(before), TestTrees.withIndex(after))), 0);

    // when
    String full = MarkdownReport.render(input, 1_000_000);
    String cut = MarkdownReport.render(input, 8_000);

    // then
    assertThat(full).doesNotContain("This report was cut");
    assertThat(full.indexOf("#### Platform changes")).isLessThan(full.indexOf("<details>"));
    assertThat(full).contains("- GPU quota of project-7 on ki-hospital 1 -&gt; 2").contains("```diff\n");
    assertThat(cut.length()).isLessThanOrEqualTo(8_000);
    assertThat(cut).contains("#### Platform changes", "This report was cut", "more sections are in target/maia/report.html");
    assertThat(cut.getBytes(StandardCharsets.UTF_8)).doesNotContain((byte) '\r');
  }
}
