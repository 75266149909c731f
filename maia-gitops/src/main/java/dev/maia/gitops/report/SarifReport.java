package dev.maia.gitops.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.problem.Problem;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The platform's problems as SARIF 2.1.0, for code scanning (GitHub) and code-quality widgets: one
 * result per problem, located by file (relative to the project), line and column.
 */
public final class SarifReport {

  public static final String RULE = "maia/platform-problem";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SarifReport() {}

  public static String render(List<Problem> problems, String version) {
    ObjectNode sarif = JSON.createObjectNode();
    sarif.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    sarif.put("version", "2.1.0");
    ObjectNode run = sarif.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "maia-maven-plugin");
    driver.put("version", version);
    ObjectNode rule = driver.putArray("rules").addObject();
    rule.put("id", RULE);
    rule.put("name", "PlatformProblem");
    rule.putObject("shortDescription").put("text", "The platform definition is invalid");
    rule.putObject("fullDescription")
        .put("text", "A problem in platform.yaml or a file it includes: a schema violation or a broken semantic rule.");
    rule.putObject("defaultConfiguration").put("level", "error");
    ArrayNode results = run.putArray("results");
    for (Problem problem : problems) {
      ObjectNode result = results.addObject();
      result.put("ruleId", RULE);
      result.put("ruleIndex", 0);
      result.put("level", "error");
      String text = problem.message() + (problem.hint() == null || problem.hint().isEmpty() ? "" : " (" + problem.hint() + ")");
      result.putObject("message").put("text", (problem.pointer().isEmpty() ? "/" : problem.pointer()) + ": " + text);
      ObjectNode location = result.putArray("locations").addObject();
      ObjectNode physical = location.putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", problem.location().file()).put("uriBaseId", "%SRCROOT%");
      physical.putObject("region").put("startLine", problem.location().line()).put("startColumn", problem.location().column());
      location.putArray("logicalLocations").addObject()
          .put("fullyQualifiedName", problem.pointer().isEmpty() ? "/" : problem.pointer()).put("kind", "member");
    }
    run.putObject("originalUriBaseIds").putObject("%SRCROOT%").putObject("description")
        .put("text", "The project's base directory (the platform repo)");
    run.put("columnKind", "unicodeCodePoints");
    try {
      return JSON.writeValueAsString(sarif).replace("\r\n", "\n") + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
