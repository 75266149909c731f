package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names that are fine where they are written but collide once the federation is put together. */
class CollisionRulesTest {

  @TempDir Path dir;

  @Test
  void namesThatOnlyLookAlikeAreFine() {
    // given: the Applications are lab-xnat-b-c, lab-xnat-workspace-a, maia-root-lab-xnat-a, the roots
    // maia-root-a, maia-root-b-c, maia-root-lab-xnat and the overlays a-, b-c- and lab-xnat-namespaces
    String yaml =
        """
        spec:
          argocd: {cluster: a}
          clusters:
            - {name: a, domain: a.example.org}
            - {name: b-c, domain: bc.example.org}
            - {name: lab-xnat, domain: x.example.org}
          projects:
            - name: lab
              clusters: [b-c]
              tools: {xnat: {}}
            - name: lab-xnat
              cluster: a
              tools: {workspace: {}}
            - name: maia-root-lab
              clusters: [a]
              tools: {xnat: {}}
        """;

    // when
    var problems = new RuleFixture(dir).check(new CollisionRules(), yaml);

    // then
    assertThat(problems).isEmpty();
  }

  @Test
  void aToolApplicationNamedLikeAnotherClustersOverlayIsReportedAtTheProject() {
    // given: the overlay Application of cluster 'lab-xnat' is 'lab-xnat-namespaces'; project 'lab'
    // with tool 'xnat' on cluster 'namespaces' is the same name
    String yaml =
        """
        spec:
          argocd: {cluster: namespaces}
          clusters:
            - {name: namespaces, domain: n.example.org}
            - {name: lab-xnat, domain: x.example.org}
          projects:
            - name: lab
              cluster: namespaces
              tools: {xnat: {}}
        """;

    // when
    var problems = new RuleFixture(dir).check(new CollisionRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:7:7 /spec/projects/0/name: Application 'lab-xnat-namespaces' would be both the Application of"
                + " tool 'xnat' of project 'lab' on cluster 'namespaces' and the overlay Application of cluster 'lab-xnat' (at"
                + " platform.yaml:5:8); ArgoCD keeps one Application of a name (rename the project or the cluster so that the"
                + " names differ)");
  }

  @Test
  void twoProjectsWhoseToolApplicationsMeetAreReportedAtTheSecond() {
    // given: (p, monai-label, studio-c) and (p-monai, label-studio, c) are both p-monai-label-studio-c
    String yaml =
        """
        spec:
          argocd: {cluster: c}
          clusters:
            - {name: c, domain: c.example.org}
            - {name: studio-c, domain: s.example.org}
          projects:
            - name: p
              cluster: studio-c
              tools: {monai-label: {}}
            - name: p-monai
              cluster: c
              tools: {label-studio: {}}
        """;

    // when
    var problems = new RuleFixture(dir).check(new CollisionRules(), yaml);

    // then
    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith(
            "platform.yaml:10:7 /spec/projects/1/name: Application 'p-monai-label-studio-c' would be both the Application"
                + " of tool 'label-studio' of project 'p-monai' on cluster 'c' and the Application of tool 'monai-label' of"
                + " project 'p' on cluster 'studio-c' (at platform.yaml:7:7)");
  }

  @Test
  void reservedAppProjectsAndNamespacesTakenOnTheClusterAreReported() {
    // given
    String yaml =
        """
        spec:
          argocd: {cluster: hub, namespace: argocd}
          clusters:
            - {name: hub, domain: hub.example.org, gpus: [{product: NVIDIA-L40S, count: 1}]}
            - {name: edge, domain: edge.example.org, ingress: {className: traefik}}
          projects:
            - {name: default, cluster: edge}
            - {name: maia-platform, cluster: edge}
            - {name: argocd, clusters: [hub, edge]}
            - {name: maia-system, clusters: [hub, edge]}
            - {name: traefik, cluster: edge}
        """;

    // when
    var problems = new RuleFixture(dir).check(new CollisionRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:7:8 /spec/projects/0/name: project 'default' would use namespace 'default' on cluster 'edge',"
                + " which is a namespace of Kubernetes itself (rename the project)",
            "platform.yaml:7:8 /spec/projects/0/name: project name 'default' is taken by ArgoCD's own default AppProject:"
                + " the project's AppProject would replace it (rename the project)",
            "platform.yaml:8:8 /spec/projects/1/name: project name 'maia-platform' is taken by the AppProject of the cluster"
                + " overlays and roots: the project's AppProject would replace it (rename the project)",
            "platform.yaml:9:8 /spec/projects/2/name: project 'argocd' would use namespace 'argocd' on cluster 'hub', which"
                + " is ArgoCD's namespace (rename the project)",
            "platform.yaml:10:8 /spec/projects/3/name: project 'maia-system' would use namespace 'maia-system' on cluster"
                + " 'hub', which is the namespace of the GPU policy (rename the project)",
            "platform.yaml:11:8 /spec/projects/4/name: project 'traefik' would use namespace 'traefik' on cluster 'edge',"
                + " which is the ingress controller's namespace (rename the project)");
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
    var problems = new RuleFixture(dir).check(new CollisionRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:7:32 /spec/projects/0/clusters/1: project 'fl' would be served at fl.maia.example.org on cluster"
                + " 'b' and on cluster 'a', which has the same domain (give each cluster its own domain)");
  }
}
