package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated names across the federation, where clusters differ: Applications of the tools a project
 * has on each cluster after its overrides, namespaces a cluster's GPU policy takes, the bootstrap's
 * AppProject, and host names of a project on two clusters.
 */
class FederationNameRulesTest {

  @TempDir Path dir;

  @Test
  void aToolAddedByAnOverrideIsNamedOnItsClusterOnlyAndReportedWhereTheOverrideSetsIt() {
    // given: (p, monai-label, studio-c) is added by the override and meets (p-monai, label-studio, c);
    // the omitted xnat of 'lab' on 'b-c' would have met nothing
    String yaml =
        """
        spec:
          argocd: {cluster: c}
          clusters:
            - {name: c, domain: c.example.org}
            - {name: studio-c, domain: s.example.org}
          projects:
            - name: p-monai
              cluster: c
              tools: {label-studio: {}}
            - name: p
              clusters: [c, studio-c]
              clusterOverrides:
                studio-c: {tools: {monai-label: {}}}
        """;

    // when
    var problems = new RuleFixture(dir).check(new GeneratedNameRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:13:28 /spec/projects/1/clusterOverrides/studio-c/tools/monai-label: the monai-label Application of"
                + " project 'p' on cluster 'studio-c' would be named 'p-monai-label-studio-c', like the label-studio Application"
                + " of project 'p-monai' on cluster 'c' (platform.yaml:9:15); ArgoCD keeps one Application per name (rename"
                + " one of the projects or clusters)");
  }

  @Test
  void aToolOmittedOnAClusterGetsNoApplicationThere() {
    // given: without the override, (lab, xnat, namespaces) would meet the overlay of cluster lab-xnat
    String yaml =
        """
        spec:
          argocd: {cluster: namespaces}
          clusters:
            - {name: namespaces, domain: n.example.org}
            - {name: lab-xnat, domain: x.example.org}
          projects:
            - name: lab
              clusters: [namespaces, lab-xnat]
              tools: {xnat: {}}
              clusterOverrides:
                namespaces: {omitTools: [xnat]}
        """;

    // when
    var problems = new RuleFixture(dir).check(new GeneratedNameRules(), yaml);

    // then
    assertThat(problems).isEmpty();
  }

  @Test
  void theBootstrapsAppProjectAndTheGpuPolicysNamespaceAreNoProjectNames() {
    // given
    String yaml =
        """
        spec:
          argocd: {cluster: hub}
          clusters:
            - {name: hub, domain: hub.example.org, gpus: [{product: NVIDIA-L40S, count: 1}]}
            - {name: edge, domain: edge.example.org}
          projects:
            - {name: maia-bootstrap, cluster: edge}
            - {name: maia-system, clusters: [edge, hub]}
            - {name: kueue-system, cluster: hub}
        """;

    // when
    var problems = new RuleFixture(dir).check(new GeneratedNameRules(), yaml);

    // then: kueue-system is Kueue's namespace even while the GPU policy is native: a cluster that runs
    // Kueue itself runs it there
    assertThat(problems)
        .containsExactly(
            "platform.yaml:7:8 /spec/projects/0/name: project name 'maia-bootstrap' is the name of the bootstrap's AppProject,"
                + " which syncs every AppProject; a project's namespace must be its own (choose another name, such as"
                + " 'maia-bootstrap-project')",
            "platform.yaml:8:8 /spec/projects/1/name: project name 'maia-system' is the namespace of the GPU policy of cluster"
                + " 'hub'; a project's namespace must be its own (choose another name, such as 'maia-system-project')",
            "platform.yaml:9:8 /spec/projects/2/name: project name 'kueue-system' is the namespace of kueue, a foundation"
                + " component (docs/core.md) that a cluster runs there, from the core layer or its own; a project's namespace"
                + " must be its own (choose another name, such as 'kueue-system-project')");
  }

  @Test
  void aFederatedProjectOnTwoClustersWithOneDomainGetsOneHostTwice() {
    // given
    String yaml =
        """
        spec:
          argocd: {cluster: a}
          clusters:
            - {name: a, domain: maia.example.org}
            - {name: b, domain: MAIA.example.org}
          projects:
            - {name: fl, clusters: [a, b]}
            - {name: solo, cluster: b}
        """;

    // when
    var problems = new RuleFixture(dir).check(new GeneratedNameRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:7:32 /spec/projects/0/clusters/1: project 'fl' would be served at fl.maia.example.org on cluster"
                + " 'b' and on cluster 'a', which has the same domain (give each cluster its own domain)");
  }
}
