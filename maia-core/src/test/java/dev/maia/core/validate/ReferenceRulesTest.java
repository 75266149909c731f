package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceRulesTest {

  /** Two clusters, a single-cluster project and a federated one; tests append from line 16 on. */
  private static final String BASE =
      """
      spec:
        argocd: {cluster: kth-main}
        clusters:
          - name: kth-main
            gpus: [{product: NVIDIA-RTX-A6000, count: 6}, {product: NVIDIA-A100-SXM4-80GB, count: 2}]
          - name: ki-hospital
            gpus: [{product: NVIDIA-A100-SXM4-80GB, count: 8}]
        projects:
          - name: brain-mets
            cluster: ki-hospital
            users: [radiologist@ki.se, phd.student@kth.se]
            admins: [pi@kth.se]
          - name: fl-prostate
            clusters: [kth-main, ki-hospital]
            users: [fl.lead@kth.se]
      """;

  @TempDir Path dir;

  @Test
  void resolvedReferencesPass() {
    // given
    String yaml =
        BASE
            + """
              bookings:
                - id: b-1
                  user: pi@kth.se
                  project: brain-mets
                  product: NVIDIA-A100-SXM4-80GB
                  start: 2026-12-01T00:00:00Z
                  end: 2026-12-08T00:00:00Z
                - id: b-2
                  user: fl.lead@kth.se
                  project: fl-prostate
                  product: NVIDIA-RTX-A6000
                  start: 2026-12-01T00:00:00Z
                  end: 2026-12-08T00:00:00Z
              hpc:
                - {name: alvis, projects: [brain-mets, fl-prostate]}
              catalog:
                workspace: {version: 4.2.0}
            """;

    // when
    var problems = new RuleFixture(dir).check(new ReferenceRules(), yaml);

    // then
    assertThat(problems).isEmpty();
  }

  @Test
  void projectClustersResolveAndAreListedOnce() {
    // given
    String yaml =
        BASE
            + """
                - name: vertebra-ct
                  cluster: ki-hospitl
                - name: lung
                  clusters: [kth-main, kth-main, nowhere]
                  tools: {jupyter: {}}
            """;

    // when
    var problems = new RuleFixture(dir).check(new ReferenceRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:17:7 /spec/projects/2/cluster: 'ki-hospitl' is not a cluster (did you mean 'ki-hospital'?)",
            "platform.yaml:19:28 /spec/projects/3/clusters/1: 'kth-main' is listed twice (first at platform.yaml:19:18)"
                + " (list each cluster once)",
            "platform.yaml:19:38 /spec/projects/3/clusters/2: 'nowhere' is not a cluster"
                + " (the clusters are: 'ki-hospital', 'kth-main')",
            "platform.yaml:20:15 /spec/projects/3/tools/jupyter: 'jupyter' is not a tool of the catalog (the tools are:"
                + " 'filebrowser', 'kubeflow', 'label-studio', 'minio', 'mlflow', 'monai-deploy', 'monai-label', 'ohif'"
                + " and 3 more)");
  }

  @Test
  void argocdClusterResolves() {
    // given
    String yaml = BASE.replace("argocd: {cluster: kth-main}", "argocd: {cluster: kth-mian}");

    // when
    var problems = new RuleFixture(dir).check(new ReferenceRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly("platform.yaml:2:12 /spec/argocd/cluster: 'kth-mian' is not a cluster (did you mean 'kth-main'?)");
  }

  @Test
  void bookingReferencesResolve() {
    // given
    String yaml =
        BASE
            + """
              bookings:
                - id: b-1
                  user: phd.student@kth.se
                  project: brain-met
                  product: NVIDIA-A100-SXM4-80GB
                  start: 2026-12-01T00:00:00Z
                  end: 2026-12-08T00:00:00Z
                - id: b-2
                  user: phd.studnet@kth.se
                  project: brain-mets
                  product: NVIDIA-A100
                  start: 2026-12-01T00:00:00Z
                  end: 2026-12-08T00:00:00Z
                - id: b-3
                  user: someone@kth.se
                  project: fl-prostate
                  product: NVIDIA-A100-SXM4-80GB
                  start: 2026-12-01T00:00:00Z
                  end: 2026-12-08T00:00:00Z
                - id: b-4
                  user: pi@kth.se
                  project: brain-mets
                  cluster: kth-main
                  product: NVIDIA-A100-SXM4-80GB
                  start: 2026-12-01T00:00:00Z
                  end: 2026-12-08T00:00:00Z
                - id: b-5
                  user: fl.lead@kth.se
                  project: fl-prostate
                  cluster: kth-mian
                  product: NVIDIA-RTX-A6000
                  start: 2026-12-01T00:00:00Z
                  end: 2026-12-08T00:00:00Z
                - id: b-6
                  user: fl.lead@kth.se
                  project: fl-prostate
                  product: NVIDIA-H100
                  start: 2026-12-01T00:00:00Z
                  end: 2026-12-08T00:00:00Z
            """;

    // when
    var problems = new RuleFixture(dir).check(new ReferenceRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:19:7 /spec/bookings/0/project: 'brain-met' is not a project (did you mean 'brain-mets'?)",
            "platform.yaml:24:7 /spec/bookings/1/user: 'phd.studnet@kth.se' is not a user or admin of project"
                + " 'brain-mets' (did you mean 'phd.student@kth.se'?)",
            "platform.yaml:26:7 /spec/bookings/1/product: 'NVIDIA-A100' is not a GPU product of cluster 'ki-hospital'"
                + " (its products are: 'NVIDIA-A100-SXM4-80GB')",
            "platform.yaml:29:7 /spec/bookings/2: booking 'b-3' does not say which cluster it is for: project"
                + " 'fl-prostate' has 'NVIDIA-A100-SXM4-80GB' on 'ki-hospital', 'kth-main' (set cluster)",
            "platform.yaml:30:7 /spec/bookings/2/user: 'someone@kth.se' is not a user or admin of project 'fl-prostate'"
                + " (add them to the project's users, or book for one of 'fl.lead@kth.se')",
            "platform.yaml:38:7 /spec/bookings/3/cluster: 'kth-main' is not a cluster of project 'brain-mets'"
                + " (the project runs on 'ki-hospital')",
            "platform.yaml:45:7 /spec/bookings/4/cluster: 'kth-mian' is not a cluster (did you mean 'kth-main'?)",
            "platform.yaml:52:7 /spec/bookings/5/product: 'NVIDIA-H100' is not a GPU product of any cluster of project"
                + " 'fl-prostate' (its clusters have: 'NVIDIA-A100-SXM4-80GB', 'NVIDIA-RTX-A6000')");
  }

  @Test
  void hpcProjectsAndCatalogToolsResolve() {
    // given
    String yaml =
        BASE
            + """
              hpc:
                - name: alvis
                  projects: [brain-mets, brain-mest, brain-mets]
              catalog:
                worksapce: {version: 1.0.0}
            """;

    // when
    var problems = new RuleFixture(dir).check(new ReferenceRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:18:30 /spec/hpc/0/projects/1: 'brain-mest' is not a project (did you mean 'brain-mets'?)",
            "platform.yaml:18:42 /spec/hpc/0/projects/2: 'brain-mets' is listed twice (first at platform.yaml:18:18)"
                + " (list each project once)",
            "platform.yaml:20:5 /spec/catalog/worksapce: 'worksapce' is not a tool or core component of the catalog (did you mean 'workspace'?)");
  }
}
