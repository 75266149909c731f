package dev.maia.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.GenerateRequest;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.TestPaths;
import dev.maia.core.TreeDocs;
import dev.maia.core.output.GoTemplate.UnsupportedTemplateException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule {@code applicationset-scope} and the expander it uses, on the ApplicationSet of a federated
 * project of {@code src/test/resources/applicationset} (two clusters in two waves), changed in one
 * place per test.
 */
class ApplicationSetLintTest {

  static final Path SOURCE = TestPaths.repoRoot().resolve("maia-core/src/test/resources/applicationset");
  static final String FILE = "argocd/appsets/fl-prostate.yaml";

  @TempDir static Path repo;
  @TempDir static Path out;

  @BeforeAll
  static void generate() {
    Path platform = TestPaths.copy(SOURCE, repo.resolve("applicationset")).resolve("platform.yaml");
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(platform, out, Instant.parse("2026-11-26T00:00:00Z"), true));
  }

  private static ObjectNode set() {
    return (ObjectNode) TreeDocs.read(out.resolve(FILE)).get(0);
  }

  private static List<String> findings(JsonNode set) {
    return SecurityLint.lint(Map.of(FILE, List.of(set))).stream()
        .filter(f -> f.rule() == SecurityRule.APPLICATIONSET_SCOPE)
        .map(Finding::detail)
        .toList();
  }

  @Test
  void theGeneratedApplicationSetIsCleanAndMakesEachToolOnEachClusterOnce() {
    // when
    List<ObjectNode> applications = ApplicationSetExpander.expand(set());

    // then
    assertThat(findings(set())).isEmpty();
    assertThat(applications).extracting(a -> a.at("/metadata/name").asText())
        .containsExactly(
            "fl-prostate-minio-hospital", "fl-prostate-minio-uni", "fl-prostate-mlflow-hospital", "fl-prostate-mlflow-uni",
            "fl-prostate-monai-deploy-hospital", "fl-prostate-orthanc-hospital", "fl-prostate-workspace-hospital",
            "fl-prostate-workspace-uni", "fl-prostate-xnat-uni");
    assertThat(applications).allSatisfy(a -> {
      assertThat(a.at("/spec/project").asText()).isEqualTo("fl-prostate");
      assertThat(a.at("/spec/source/helm/valuesObject").isObject()).isTrue();
      String wave = a.at("/metadata/labels/maia.dev~1cluster").asText().equals("uni") ? "research" : "clinical";
      assertThat(a.at("/metadata/labels/maia.dev~1wave").asText()).isEqualTo(wave);
      assertThat(ApplicationSetExpander.steps(set(), a)).containsExactly(wave.equals("research") ? 0 : 1);
    });
  }

  @Test
  void aTemplatedProjectFires() {
    // given
    ObjectNode set = set();
    ((ObjectNode) set.at("/spec/template/spec")).put("project", "{{ .project }}");

    // when / then
    assertThat(findings(set)).singleElement().asString()
        .startsWith("/spec/template/spec/project is '{{ .project }}', not a literal AppProject");
  }

  @Test
  void aPatchThatMovesAnApplicationIntoAnotherProjectFires() {
    // given
    ObjectNode set = set();
    ObjectNode spec = (ObjectNode) set.get("spec");
    spec.put("templatePatch", spec.get("templatePatch").asText() + "  project: '{{ .tool }}'\n");

    // when / then
    assertThat(findings(set)).hasSize(9).first().asString()
        .isEqualTo("Application 'fl-prostate-minio-hospital' gets project 'minio' instead of 'fl-prostate' (from /spec/templatePatch)");
  }

  @Test
  void anApplicationThatNoStepOrTwoStepsSelectFires() {
    // given: the clinical step is gone, and the research step is there twice
    ObjectNode set = set();
    ArrayNode steps = (ArrayNode) set.at("/spec/strategy/rollingSync/steps");
    steps.set(1, steps.get(0).deepCopy());

    // when
    List<String> findings = findings(set);

    // then
    assertThat(findings).contains(
        "Application 'fl-prostate-orthanc-hospital' is selected by no step of /spec/strategy/rollingSync; RollingSync turns"
            + " automated sync off, so it would never sync",
        "Application 'fl-prostate-xnat-uni' is selected by steps [0, 1] of /spec/strategy/rollingSync; a wave selects each"
            + " Application once");
    assertThat(findings).hasSize(9);
  }

  @Test
  void aSetWhosePreservationDisagreesWithItsApplicationsFinalizerFires() {
    // given: the set keeps resources, though its Applications delete theirs
    ObjectNode keeps = set();
    ((ObjectNode) keeps.at("/spec/syncPolicy")).put("preserveResourcesOnDeletion", true);
    // and: the set deletes resources, though its Applications carry no finalizer
    ObjectNode deletes = set();
    ((ObjectNode) deletes.at("/spec/template/metadata")).remove("finalizers");

    // when / then
    assertThat(findings(keeps)).singleElement().asString().startsWith("/spec/syncPolicy/preserveResourcesOnDeletion is true, but"
        + " the template's Applications carry resources-finalizer.argocd.argoproj.io; the controller would keep running a tool"
        + " whose element goes");
    assertThat(findings(deletes)).singleElement().asString().startsWith("/spec/syncPolicy/preserveResourcesOnDeletion is not"
        + " true, and the template's Applications carry no resources-finalizer.argocd.argoproj.io; the controller would add it,"
        + " and delete what they keep");
  }

  @Test
  void aGeneratorTheExpanderDoesNotKnowFiresAndIsNeverGuessed() {
    // given
    ObjectNode set = set();
    ObjectNode matrix = ((ArrayNode) set.at("/spec/generators")).addObject().putObject("matrix");
    matrix.putArray("generators").addObject().putObject("clusters");

    // when / then
    assertThatThrownBy(() -> ApplicationSetExpander.expand(set))
        .isInstanceOf(UnsupportedTemplateException.class)
        .hasMessage("the matrix generator is not in the subset");
    assertThat(findings(set)).containsExactly("its Applications cannot be checked: the matrix generator is not in the subset");
  }

  @Test
  void aTemplatePatchWithAListIsRefused() {
    // given
    ObjectNode set = set();
    ((ObjectNode) set.get("spec")).put("templatePatch", "spec:\n  syncPolicy:\n    syncOptions: [Prune=false]\n");

    // when / then
    assertThatThrownBy(() -> ApplicationSetExpander.expand(set))
        .isInstanceOf(UnsupportedTemplateException.class)
        .hasMessageContaining("a strategic merge of lists is not in the subset");
  }

  @Test
  void theElementsAreChartSourcesThatThePinnedVersionRuleChecks() {
    // given
    ObjectNode set = set();
    ((ObjectNode) set.at("/spec/generators/0/list/elements/0")).put("targetRevision", "latest");

    // when
    List<Finding> findings = SecurityLint.lint(Map.of(FILE, List.of(set)));

    // then
    assertThat(findings).extracting(Finding::rule).containsOnly(SecurityRule.PINNED_VERSIONS);
    assertThat(findings).singleElement().extracting(Finding::detail).asString()
        .startsWith("/spec/generators/0/list/elements/0/targetRevision of chart 'minio' is 'latest'");
  }
}
