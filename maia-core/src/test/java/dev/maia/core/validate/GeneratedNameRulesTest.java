package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Regression tests for two holes the fuzzing and the hostile-input review found: a project named
 * like a namespace that is not its own was accepted, and two projects could get Applications of the
 * same name in ArgoCD's namespace.
 */
class GeneratedNameRulesTest {

  private static final String CLUSTERS =
      """
      spec:
        argocd: {namespace: argocd}
        clusters:
          - name: main
            ingress: {className: nginx}
          - name: hospital
            ingress: {className: traefik}
      """;

  @TempDir Path dir;

  @Test
  void ordinaryNamesPass() {
    // given
    String yaml = CLUSTERS + "  projects:\n    - {name: brain-mets, cluster: main, tools: {workspace: {}, mlflow: {}}}\n";

    // when
    var problems = new RuleFixture(dir).check(new GeneratedNameRules(), yaml);

    // then
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "kube-system   | main     | a namespace of Kubernetes itself",
        "kube-anything | main     | a namespace of Kubernetes itself",
        "default       | main     | a namespace of Kubernetes itself",
        "argocd        | main     | the namespace ArgoCD runs in (spec.argocd.namespace); the project's members would control ArgoCD",
        "maia-platform | main     | the name of the platform's own AppProject, which may create namespaces",
        "ingress-nginx | main     | the namespace of the ingress controller of cluster 'main' (ingress.className nginx)",
        "traefik       | hospital | the namespace of the ingress controller of cluster 'hospital' (ingress.className traefik)"
      })
  void aProjectNamedLikeANamespaceThatIsNotItsOwnIsRefused(String name, String cluster, String owner) {
    // given
    String yaml = CLUSTERS + "  projects:\n    - {name: " + name + ", cluster: " + cluster + "}\n";

    // when
    var problems = new RuleFixture(dir).check(new GeneratedNameRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:9:8 /spec/projects/0/name: project name '" + name + "' is " + owner
                + "; a project's namespace must be its own (choose another name, such as '" + name + "-project')");
  }

  @Test
  void theIngressNamespaceOfAnotherClusterIsStillAFoundationNamespace() {
    // given: traefik runs its controller on hospital, not on main; main could run its own Traefik there
    String yaml = CLUSTERS + "  projects:\n    - {name: traefik, cluster: main}\n";

    // when / then
    assertThat(new RuleFixture(dir).check(new GeneratedNameRules(), yaml)).singleElement().asString()
        .endsWith("/spec/projects/0/name: project name 'traefik' is the namespace of traefik, a foundation component"
            + " (docs/core.md) that a cluster runs there, from the core layer or its own; a project's namespace must be its own"
            + " (choose another name, such as 'traefik-project')");
  }

  @Test
  void twoProjectsWhoseApplicationNamesMeetAreRefused() {
    // given: a + workspace + b-workspace-c and a-workspace-b + workspace + c
    String yaml =
        """
        spec:
          clusters:
            - name: c
            - name: b-workspace-c
          projects:
            - {name: a, cluster: b-workspace-c, tools: {workspace: {}}}
            - {name: a-workspace-b, cluster: c, tools: {workspace: {}}}
        """;

    // when
    var problems = new RuleFixture(dir).check(new GeneratedNameRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:7:49 /spec/projects/1/tools/workspace: the workspace Application of project 'a-workspace-b' on"
                + " cluster 'c' would be named 'a-workspace-b-workspace-c', like the workspace Application of project 'a' on"
                + " cluster 'b-workspace-c' (platform.yaml:6:49); ArgoCD keeps one Application per name"
                + " (rename one of the projects or clusters)");
  }

  @Test
  void aClusterWhoseRootMeetsTheOverlayApplicationOfAnotherIsRefused() {
    // given: maia-root-x + -overlay and maia-root- + x-overlay
    String yaml =
        """
        spec:
          clusters:
            - name: maia-root-x
            - name: x-overlay
        """;

    // when
    var problems = new RuleFixture(dir).check(new GeneratedNameRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:4:7 /spec/clusters/1/name: the root Application of cluster 'x-overlay' would be named"
                + " 'maia-root-x-overlay', like the overlay Application of cluster 'maia-root-x' (platform.yaml:3:7);"
                + " ArgoCD keeps one Application per name (rename one of the projects or clusters)");
  }

  @Test
  void aProjectsNamespaceApplicationThatMeetsAToolApplicationIsRefused() {
    // given: a-namespace + -b and a + -namespace-b... as a tool: project a-namespace-x's workspace on cluster b
    // would be a-namespace-x-workspace-b; project a on cluster x-workspace-b gets a-namespace-x-workspace-b
    String yaml =
        """
        spec:
          clusters:
            - name: b
            - name: x-workspace-b
          projects:
            - {name: a-namespace-x, cluster: b, tools: {workspace: {}}}
            - {name: a, cluster: x-workspace-b}
        """;

    // when
    var problems = new RuleFixture(dir).check(new GeneratedNameRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:7:8 /spec/projects/1/name: the namespace Application of project 'a' on cluster 'x-workspace-b' would be"
                + " named 'a-namespace-x-workspace-b', like the workspace Application of project 'a-namespace-x' on cluster 'b'"
                + " (platform.yaml:6:49); ArgoCD keeps one Application per name (rename one of the projects or clusters)");
  }

  @Test
  void aProjectDefinedTwiceIsLeftToTheRuleThatReportsIt() {
    // given
    String yaml =
        CLUSTERS
            + "  projects:\n    - {name: lung, cluster: main, tools: {workspace: {}}}\n"
            + "    - {name: lung, cluster: main, tools: {workspace: {}}}\n";

    // when / then
    assertThat(new RuleFixture(dir).check(new GeneratedNameRules(), yaml)).isEmpty();
  }
}
