package dev.maia.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.maia.core.GenerateRequest;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.ValidPlatform;
import dev.maia.core.load.RepoReader;
import dev.maia.core.plan.GpuSchedule;
import dev.maia.core.problem.Problem;
import dev.maia.core.validate.InvalidPlatformException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site's templates (files under {@code templates/} of the platform repo) are checked before
 * anything is written: each kind of hostile or broken template is a problem located at the
 * template's own {@code file:line:col}, the output folder is not even created, and no message
 * holds a stack trace. See docs/security.md, "Site templates".
 */
class SiteTemplateSafetyTest {

  static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  /** One cluster, one project with MinIO and MLflow: the MinIO template applies once. */
  static final String PLATFORM =
      """
      apiVersion: maia/v1alpha1
      kind: Platform
      metadata: {name: site}
      spec:
        gitops: {repoURL: https://git.example.org/maia/gitops.git}
        argocd: {cluster: one}
        identity: {issuer: https://iam.example.org/realms/maia}
        secrets: {store: {name: vault}}
        clusters:
          - {name: one, server: https://kubernetes.default.svc, domain: one.example.org}
        projects:
          - name: lung
            cluster: one
            users: [a@x.org]
            tools: {minio: {size: 20Gi}, mlflow: {}}
      """;

  private static final String MINIO = "templates/minio/values.yaml.ftl";
  private static final String FOR = "for tool minio of project lung on cluster one: ";

  @TempDir Path tmp;

  Path repo;
  Path out;
  final List<String> warnings = new ArrayList<>();

  @BeforeEach
  void aPlatformRepo() throws IOException {
    repo = Files.createDirectories(tmp.resolve("repo"));
    Files.writeString(repo.resolve("platform.yaml"), PLATFORM, StandardCharsets.UTF_8);
    out = tmp.resolve("gitops");
  }

  /** Writes {@code text} as a file of the platform repo. */
  void write(String file, String text) throws IOException {
    Path path = repo.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text, StandardCharsets.UTF_8);
  }

  /** The problems {@code maia:generate} reports; it must write nothing, not even the output folder. */
  List<String> problems() {
    MaiaLog log = new MaiaLog() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {
        warnings.add(message);
      }

      @Override
      public void debug(String message) {}
    };
    InvalidPlatformException e = catchThrowableOfType(InvalidPlatformException.class,
        () -> new MaiaCompiler(log).generate(new GenerateRequest(repo.resolve("platform.yaml"), out, NOW)));
    assertThat(e).as("the platform is refused").isNotNull();
    assertThat(out).as("nothing is written, not even the output folder or its lock").doesNotExist();
    List<String> lines = e.problems().stream().map(Problem::format).toList();
    assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("\n", "\tat ", "Exception", "freemarker.core."));
    return lines;
  }

  /** The problems of the MinIO template {@code text}. */
  List<String> problems(String text) throws IOException {
    write(MINIO, text);
    return problems();
  }

  /** The problems of the site's templates as the check finds them with a time budget of {@code budget}. */
  List<String> problemsWithin(Duration budget, String text) throws IOException {
    ValidPlatform valid = new MaiaCompiler(MaiaLog.silent()).validate(repo.resolve("platform.yaml"), NOW);
    write(MINIO, text);
    TemplateCheck.Result result = TemplateCheck.check(
        valid.platform(), new RepoReader(repo), GpuSchedule.of(valid.platform(), NOW), valid.allocation().lock(), budget);
    return result.problems().stream().map(Problem::format).toList();
  }

  @Nested
  class SyntaxErrors {

    @Test
    void anUnclosedDirectiveIsReportedWhereTheFileEnds() throws IOException {
      assertThat(problems("a: 1\n<#if tool.size??>\nb: 2\n")).containsExactly(MINIO + ":3:5 /: syntax error: unexpected end of file"
          + " reached. You have an unclosed #if. Check if the FreeMarker end-tags are present, and aren't malformed. (Note that"
          + " FreeMarker end-tags must have # or @ after the / character.)");
    }

    @Test
    void anUnknownBuiltInIsReportedAtItWithoutTheListOfEveryBuiltIn() throws IOException {
      assertThat(problems("a: 1\nb: ${tool.size?frobnicate}\n"))
          .containsExactly(MINIO + ":2:16 /: syntax error: unknown built-in: \"frobnicate\"");
    }

    @Test
    void anUnclosedInterpolationIsReportedWhereTheParserStopped() throws IOException {
      assertThat(problems("a: 1\nb: ${tool.size\nc: 2\n")).containsExactly(MINIO + ":3:1 /: syntax error: encountered \"c\", but"
          + " was expecting one of these patterns: \".\" \"..\" <DOT_DOT_LESS> \"..*\" \"?\" \"??\" \"!\" \"[\" \"(\" \"}\""
          + " <TERMINATING_EXCLAM>");
    }

    @Test
    void aSyntaxErrorInAnIncludedFileIsReportedInThatFile() throws IOException {
      write("templates/minio/common.ftl", "<#macro bucket name>\n- name: ${name\n</#macro>\n");
      assertThat(problems("<#include \"common.ftl\">\nbuckets:\n<@bucket \"a\"/>\n"))
          .containsExactly("templates/minio/common.ftl:3:2 /: syntax error: encountered \"/\", but was expecting one of these"
              + " patterns: <STRING_LITERAL> <RAW_STRING> \"false\" \"true\" <INTEGER> <DECIMAL> \".\" \"+\" \"-\" \"!\" \"[\""
              + " \"(\" \"{\" <ID>");
    }

    @Test
    void aTemplateOfAToolNoProjectUsesIsCheckedToo() throws IOException {
      write("templates/xnat/values.yaml.ftl", "a: <#if>\n");
      assertThat(problems()).containsExactly("templates/xnat/values.yaml.ftl:1:5 /: syntax error: #if is an existing directive,"
          + " but the tag is malformed. (See FreeMarker Manual / Directive Reference.)");
    }
  }

  @Nested
  class EndlessLoopsAndRecursion {

    private static final String STOP =
        " (give every macro, function or include that calls itself a case that stops it)";
    private static final String DEEP =
        "the template nests more than 1000 directives, macro calls and includes deep: a macro, function or include that calls"
            + " itself without end?" + STOP;

    @Test
    void aMacroThatCallsItselfStopsAtTheDepthBudget() throws IOException {
      assertThat(problems("<#macro m n>\nx${n}: 1\n<@m n+1/>\n</#macro>\n<@m 0/>\n")).containsExactly(MINIO + ":3:1 /: " + FOR + DEEP);
    }

    @Test
    void aFunctionThatCallsItselfStopsAtTheDepthBudget() throws IOException {
      assertThat(problems("<#function f n>\n  <#return f(n + 1)>\n</#function>\na: ${f(0)}\n"))
          .containsExactly(MINIO + ":2:3 /: " + FOR + DEEP);
    }

    @Test
    void aTemplateThatIncludesItselfStopsAtTheDepthBudget() throws IOException {
      assertThat(problems("a: 1\n<#include \"values.yaml.ftl\">\n")).containsExactly(MINIO + ":2:1 /: " + FOR + DEEP);
    }

    @Test
    void anAttemptDoesNotHideARecursionThatRanOutOfItsBudget() throws IOException {
      assertThat(problems("<#macro m n><@m n+1/></#macro>\n<#attempt>\n<@m 0/>\n<#recover>\na: 1\n</#attempt>\n"))
          .containsExactly(MINIO + ":1:13 /: " + FOR + DEEP);
    }

    @Test
    void aLoopThatWritesWithoutEndStopsAtTheOutputBudget() throws IOException {
      assertThat(problems("<#list 1..99999999999 as i>\nk${i}: \"" + "0123456789".repeat(7) + "\"\n</#list>\n"))
          .containsExactly(MINIO + ":2:6 /: " + FOR + "the template writes more than 2097152 characters of values, more than"
              + " an ArgoCD Application can hold (the API server stores objects of at most about 1.5 MiB): a loop that does not"
              + " end? (write values of a bounded size, and leave the rest to the chart's defaults)");
    }

    @Test
    void aLoopThatWritesNothingStopsAtTheTimeBudgetAtTheLoop() throws IOException {
      assertThat(problemsWithin(Duration.ofSeconds(1), "a: 1\n<#list 1..99999999999 as i></#list>\n"))
          .containsExactly(MINIO + ":2:1 /: " + FOR + "the template did not finish within 1 s: a loop or a recursion that does"
              + " not end? (make every #list run over a sequence of bounded size, and every macro or function that calls itself"
              + " stop)");
    }

    @Test
    void aLoopThatOnlyAssignsStopsAtTheTimeBudgetInsideTheLoop() throws IOException {
      assertThat(problemsWithin(Duration.ofSeconds(1), "<#assign n = 0>\n<#list 1..99999999999 as i>\n  <#assign n = n + i>\n</#list>\na: ${n}\n"))
          .singleElement().asString()
          .matches("\\Q" + MINIO + "\\E:[23]:\\d+ /: \\Q" + FOR + "the template did not finish within 1 s\\E.*");
    }
  }

  @Nested
  class FilesOutsideTheTemplatesFolder {

    @Test
    void anIncludeAboveTheFolderIsRefusedAtTheInclude() throws IOException {
      assertThat(problems("a: 1\n<#include \"../../platform.yaml\">\n")).containsExactly(MINIO + ":2:1 /: " + FOR
          + "'minio/../../platform.yaml' is no template name: backing out from the root directory is not allowed (a template"
          + " may only include or import templates inside templates/ and the built-in ones)");
    }

    @Test
    void anAbsoluteNameIsReadFromTheFolderNotFromTheMachine() throws IOException {
      assertThat(problems("<#import \"/etc/passwd\" as p>\na: 1\n")).containsExactly(MINIO + ":1:1 /: " + FOR
          + "'etc/passwd' is no template: neither templates/etc/passwd nor a built-in template of that name exists (include or"
          + " import a file inside templates/ (a relative name is read from the including template's folder, one starting with /"
          + " from templates/))");
    }

    // Links out of the repo, pipes, devices and files over the repo's limits are refused when the
    // platform is loaded, for templates/ as for every file of the repo: HostileFilesTest.

    @Test
    void anIncludedFileThatLinksOutOfTheRepoIsRefusedBeforeAnyTemplateRuns() throws IOException {
      Path outside = Files.writeString(tmp.resolve("common.ftl"), "a: 1\n");
      Files.createDirectories(repo.resolve("templates/minio"));
      Files.createSymbolicLink(repo.resolve("templates/minio/common.ftl"), outside);
      write(MINIO, "<#include \"common.ftl\">\n");
      assertThat(problems()).containsExactly("templates/minio/common.ftl:1:1 /: templates/minio/common.ftl resolves to "
          + outside.toRealPath() + ", outside the platform repo (only files inside the folder of the platform file are read, not"
          + " even through a symbolic link; copy the file into the repo)");
    }

    @Test
    void aFileTooLargeForATemplateAndOneNotInUtf8AreRefused() throws IOException {
      write("templates/mlflow/values.yaml.ftl", "a: 1\n" + "#".repeat(SiteTemplates.MAX_BYTES) + "\n");
      Files.createDirectories(repo.resolve("templates/minio"));
      Files.write(repo.resolve(MINIO), "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

      assertThat(problems()).containsExactly(
          MINIO + ":1:1 /: " + MINIO + " is not valid UTF-8 (save it as UTF-8)",
          "templates/mlflow/values.yaml.ftl:1:1 /: templates/mlflow/values.yaml.ftl has 1048582 bytes; a template may have at most"
              + " 1048576 (split it into templates that include each other, or leave the values to the chart's defaults)");
    }

    @Test
    void aLinkToATemplateInsideTheFolderIsATemplateLikeAnyOther() throws IOException {
      write("templates/shared/minio.ftl", "mode: distributed\n");
      Files.createDirectories(repo.resolve("templates/minio"));
      Files.createSymbolicLink(repo.resolve(MINIO), Path.of("../shared/minio.ftl"));

      new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(repo.resolve("platform.yaml"), out, NOW));

      assertThat(out.resolve("argocd/apps/one/lung-minio.yaml")).content().contains("mode: distributed");
    }
  }

  @Nested
  class BuiltInsThatReachJava {

    private static final String HINT =
        " (remove it; every value a template needs is in its model, see docs/tools.md, \"Wiring: what every template gets\")";

    @Test
    void newIsRefusedAlsoInABranchThatNeverRuns() throws IOException {
      assertThat(problems("a: 1\n<#if false>\nb: ${\"freemarker.template.utility.Execute\"?new()(\"id\")}\n</#if>\n"))
          .containsExactly(MINIO + ":3:4 /: ?new creates a Java object, which a template may not do:"
              + " ${\"freemarker.template.utility.Execute\"?new()(\"id\")}" + HINT);
    }

    @Test
    void apiEvalAndInterpretAreRefusedWhereTheyAreWritten() throws IOException {
      assertThat(problems("a: ${tool?api.size()}\nb: ${\"1+1\"?eval}\n<#assign t = \"x: 1\"?interpret>\n<@t/>\n"))
          .containsExactly(
              MINIO + ":1:4 /: ?api reaches the Java API of a value, which a template may not do: ${tool?api.size()}" + HINT,
              MINIO + ":2:4 /: ?eval runs text as an expression: a template's code is what its file says: ${\"1+1\"?eval}" + HINT,
              MINIO + ":3:1 /: ?interpret runs text as a template: a template's code is what its file says:"
                  + " #assign t = \"x: 1\"?interpret" + HINT);
    }

    @Test
    void aBuiltInInAnIncludedFileIsRefusedInThatFile() throws IOException {
      write("templates/minio/common.ftl", "<#assign shell = \"freemarker.template.utility.Execute\"?new()>\n");
      assertThat(problems("<#include \"common.ftl\">\na: 1\n")).containsExactly("templates/minio/common.ftl:1:1 /: ?new creates a"
          + " Java object, which a template may not do: #assign shell = \"freemarker.template.utility.Execute\"?new()" + HINT);
    }

    @Test
    void aSettingThatWouldTurnTheGuardsOffIsASyntaxError() throws IOException {
      assertThat(problems("<#setting api_builtin_enabled=true>\na: 1\n")).singleElement().asString()
          .startsWith(MINIO + ":1:11 /: syntax error: the setting name is recognized, but changing this setting from inside a"
              + " template isn't supported.");
      assertThat(problems("<#setting new_builtin_class_resolver=\"unrestricted\">\na: 1\n")).singleElement().asString()
          .startsWith(MINIO + ":1:11 /: syntax error: the setting name is recognized, but changing this setting from inside a"
              + " template isn't supported.");
    }

    @Test
    void staticModelsAreNotInTheModel() throws IOException {
      assertThat(problems("a: ${statics[\"java.lang.System\"].getenv(\"HOME\")}\n"))
          .containsExactly(MINIO + ":1:6 /: " + FOR + "the following has evaluated to null or missing: statics");
    }

    @Test
    void theWordsInTextAndStringsAreNoBuiltIns() throws IOException {
      write(MINIO, "# see ?new and ?api in the docs\nconsole: ${\"https://x.example.org/?api=1&eval=2\"}\n");
      new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(repo.resolve("platform.yaml"), out, NOW));
      assertThat(out.resolve("argocd/apps/one/lung-minio.yaml")).content().contains("?api=1&eval=2");
    }
  }

  @Nested
  class InvalidYamlOutput {

    @Test
    void invalidYamlIsLocatedWhereTheTemplateWritesIt() throws IOException {
      assertThat(problems("a: 1\nb: [1, 2\nc: 3\n")).containsExactly(MINIO + ":3:2 /: " + FOR + "the template renders invalid YAML:"
          + " expected ',' or ']', but got : (while parsing a flow sequence) (check the indentation and the quotes around this line)");
    }

    @Test
    void textAfterAnInterpolationIsLocatedInTheTemplateNotInTheOutput() throws IOException {
      assertThat(problems("a: 1\nb: ${project.name} x: 2\n")).containsExactly(MINIO + ":2:20 /: " + FOR + "the template renders"
          + " invalid YAML: expected <block end>, but found '<scalar>' (while parsing a block mapping) (check the indentation and"
          + " the quotes around this line)");
    }

    @Test
    void aKeyWrittenTwiceAnAliasATabAndASecondDocumentAreRefused() throws IOException {
      assertThat(problems("a: 1\nb:\n  c: 1\n  c: 2\nd: &x [1]\ne: *x\n")).containsExactly(
          MINIO + ":4:3 /: " + FOR + "the key 'c' is written twice in the same mapping (first at " + MINIO + ":3:3)"
              + " (write each key once)",
          MINIO + ":6:4 /: " + FOR + "the values use the YAML alias *x, which would be read as the text 'x' (write the value out"
              + " instead of an anchor and an alias)");
      assertThat(problems("a:\n\tb: 1\n")).containsExactly(MINIO + ":2:1 /: " + FOR + "the template renders invalid YAML: a tab"
          + " character where YAML expects spaces (indent with spaces, not tabs)");
      assertThat(problems("a: 1\n---\nb: 2\n")).containsExactly(MINIO + ":3:1 /: " + FOR + "the template renders more than one"
          + " YAML document (render one mapping of values, without '---' between documents)");
    }

    @Test
    void valuesThatAreNoMappingAreRefused() throws IOException {
      assertThat(problems("- a\n- b\n")).containsExactly(MINIO + ":1:1 /: " + FOR + "the values must be a YAML mapping, and this"
          + " template renders a list (write the values as keys at the top level)");
    }
  }

  @Nested
  class LiteralCredentials {

    private static final String FIX =
        "; reference a Secret instead (an ExternalSecret plus valueFrom.secretKeyRef, or the chart's existingSecret)";

    @Test
    void aLiteralInAnEnvironmentVariableIsFoundAtTheLineThatWritesIt() throws IOException {
      assertThat(problems("mode: standalone\nenvironment:\n  - name: DB_PASSWORD\n    value: \"s3cr3t-value-9\"\n")).containsExactly(
          MINIO + ":4:5 /environment/0/value: output lint rule no-credentials, " + FOR
              + "/environment/0/value is a literal value of 'DB_PASSWORD', named like a credential" + FIX);
    }

    @Test
    void aUrlWithAPasswordAndAKeyNamedLikeACredentialAreFound() throws IOException {
      assertThat(problems("db:\n  url: \"postgresql://maia:pw1234567@db:5432/x\"\nrootPassword: ${project.name + \"-root\"}\n"))
          .containsExactly(
              MINIO + ":2:3 /db/url: output lint rule no-credentials, " + FOR + "/db/url holds a URL with a password" + FIX,
              MINIO + ":3:1 /rootPassword: output lint rule no-credentials, " + FOR
                  + "/rootPassword is a literal value under a key named like a credential" + FIX);
    }

    @Test
    void aCredentialAMacroWritesIsFoundInTheFileOfTheMacro() throws IOException {
      write("templates/minio/common.ftl", "<#macro auth>\nauth:\n  token: \"ghp_" + "a".repeat(36) + "\"\n</#macro>\n");
      assertThat(problems("<#import \"common.ftl\" as c>\nmode: standalone\n<@c.auth/>\n")).containsExactly(
          "templates/minio/common.ftl:3:3 /auth/token: output lint rule no-credentials, " + FOR + "/auth/token holds a GitHub token" + FIX,
          "templates/minio/common.ftl:3:3 /auth/token: output lint rule no-credentials, " + FOR
              + "/auth/token is a literal value under a key named like a credential" + FIX);
    }
  }

  @Nested
  class FilesThatOverrideNothing {

    @Test
    void aFileThatReplacesNoBuiltInTemplateIsAWarningNamingTheKnownOnes() throws IOException {
      // given: a typo in the file name, and a README
      write("templates/minio/value.yaml.ftl", "mode: distributed\n");
      write("templates/README.md", "# our templates\n");

      // when
      new MaiaCompiler(warningsLog()).generate(new GenerateRequest(repo.resolve("platform.yaml"), out, NOW));

      // then
      assertThat(warnings).hasSize(2);
      assertThat(warnings.get(0)).startsWith("templates/README.md replaces no built-in template and no template includes it, so"
          + " nothing reads it; a site's template replaces the built-in one of the same path under templates/, one of "
          + "core/cert-manager/values.yaml.ftl, ");
      assertThat(warnings.get(1)).startsWith("templates/minio/value.yaml.ftl replaces no built-in template and no template"
          + " includes it, so nothing reads it (did you mean 'minio/values.yaml.ftl'?); ");
      assertThat(warnings.get(1)).contains("minio/values.yaml.ftl, mlflow/values.yaml.ftl", "workspace/values.yaml.ftl, xnat/values.yaml.ftl.");
    }

    @Test
    void aFileATemplateIncludesIsNoWarning() throws IOException {
      // given
      write("templates/lib/buckets.ftl", "<#macro bucket name>\n  - name: ${name}\n</#macro>\n");
      write(MINIO, "<#import \"/lib/buckets.ftl\" as b>\nbuckets:\n<@b.bucket project.name/>\n");

      // when
      new MaiaCompiler(warningsLog()).generate(new GenerateRequest(repo.resolve("platform.yaml"), out, NOW));

      // then
      assertThat(warnings).isEmpty();
      assertThat(out.resolve("argocd/apps/one/lung-minio.yaml")).content().contains("- name: lung");
    }

    private MaiaLog warningsLog() {
      return new MaiaLog() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {
          warnings.add(message);
        }

        @Override
        public void debug(String message) {}
      };
    }
  }

  @Test
  void aTemplateThatFailsInTheRenderStageIsTheSameLocatedProblem() throws IOException {
    // given: the renderer of a repo whose template fails (the check would have found it first)
    TemplateSandbox sandbox = new TemplateSandbox(SiteTemplates.of(new RepoReader(repo)), Duration.ofSeconds(1));
    ToolValues values = new ToolValues(sandbox);

    // when
    InvalidPlatformException e = catchThrowableOfType(InvalidPlatformException.class,
        () -> values.render("minio/values.yaml.ftl", "tool minio of project lung on cluster one", Map.of()));

    // then: a problem of the built-in template, located, not an IllegalStateException
    assertThat(e.problems()).extracting(Problem::format).singleElement().asString()
        .startsWith("built-in:templates/minio/values.yaml.ftl:").contains(FOR + "the following has evaluated to null or missing: ");
  }
}
