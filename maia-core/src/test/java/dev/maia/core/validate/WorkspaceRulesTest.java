package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceRulesTest {

  /** Two clusters; tests append one project from line 6 on. */
  private static final String BASE =
      """
      spec:
        clusters:
          - name: kth-main
          - name: ki-hospital
        projects:
      """;

  @TempDir Path dir;

  private List<String> check(String project) {
    return new RuleFixture(dir).check(new WorkspaceRules(), BASE + project);
  }

  @Test
  void serversThatFitTheProjectPass() {
    // given: 3 members x (500m..2 CPU, 1Gi..4Gi) in 8..16 CPU and 32Gi..64Gi
    String project =
        """
            - name: brain-mets
              cluster: kth-main
              users: [radiologist@ki.se, phd.student@kth.se]
              admins: [pi@kth.se]
              resources: {cpu: {request: 8, limit: 16}, memory: {request: 32Gi, limit: 64Gi}}
              tools: {workspace: {}}
        """;

    // then
    assertThat(check(project)).isEmpty();
  }

  @Test
  void serversThatExactlyFillTheDefaultResourcesPass() {
    // given: 2 members x (500m..2 CPU, 1Gi..4Gi) is the default 1..4 CPU and within 4Gi..16Gi
    String project =
        """
            - name: lab
              cluster: kth-main
              users: [a@kth.se, b@kth.se]
              tools: {workspace: {}}
        """;

    // then
    assertThat(check(project)).isEmpty();
  }

  @Test
  void aProjectWithoutAWorkspaceIsNotChecked() {
    // given
    String project =
        """
            - name: archive
              cluster: kth-main
              users: [a@kth.se, b@kth.se, c@kth.se, d@kth.se, e@kth.se]
              resources: {cpu: {request: 100m, limit: 200m}}
              tools: {xnat: {}}
        """;

    // then
    assertThat(check(project)).isEmpty();
  }

  @Test
  void oneServerPerMemberThatExceedsTheProjectsLimitSaysTheNumbersAndTheWaysOut() {
    // given: 3 members and the default server (2 CPU limit) in a 4 CPU limit
    String project =
        """
            - name: brain-mets
              cluster: kth-main
              users: [radiologist@ki.se, phd.student@kth.se]
              admins: [pi@kth.se]
              resources: {cpu: {request: 2, limit: 4}, memory: {request: 8Gi, limit: 64Gi}}
              tools: {workspace: {}}
        """;

    // then: located at the resources, as the server is not written
    assertThat(check(project)).containsExactly(
        "platform.yaml:10:7 /spec/projects/0/resources: project 'brain-mets' runs up to 3 user servers at once (one per"
            + " user and admin): 3 servers × 2 CPU limit = 6 exceeds the project's cpu limit 4 (lower"
            + " tools.workspace.server (CPU limit at most 1.333), set tools.workspace.activeServerLimit (at most 2), or"
            + " raise resources (cpu limit at least 6))");
  }

  @Test
  void theActiveServerLimitCountsInsteadOfTheMembersAndTheProblemIsAtTheServer() {
    // given: 4 servers x 1 CPU request in a 2 CPU request
    String project =
        """
            - name: lab
              cluster: kth-main
              users: [a@kth.se]
              resources: {cpu: {request: 2, limit: 8}, memory: {request: 8Gi, limit: 16Gi}}
              tools:
                workspace:
                  activeServerLimit: 4
                  server: {cpu: {request: 1, limit: 2}}
        """;

    // then
    assertThat(check(project)).containsExactly(
        "platform.yaml:13:11 /spec/projects/0/tools/workspace/server: project 'lab' runs up to 4 user servers at once"
            + " (its activeServerLimit): 4 servers × 1 CPU request = 4 exceeds the project's cpu request 2 (lower"
            + " tools.workspace.server (CPU request at most 0.5), lower tools.workspace.activeServerLimit (at most 2),"
            + " or raise resources (cpu request at least 4))");
  }

  @Test
  void memoryIsComparedByValueAndWrittenInBinaryUnits() {
    // given: 3 servers x 4Gi in an 8192Mi limit, and 3 x 1536Mi requests in 4Gi
    String project =
        """
            - name: lab
              cluster: kth-main
              users: [a@kth.se, b@kth.se, c@kth.se]
              resources: {cpu: {request: 8, limit: 16}, memory: {request: 4Gi, limit: 8192Mi}}
              tools:
                workspace:
                  server: {memory: {request: 1536Mi}}
        """;

    // then
    assertThat(check(project)).containsExactly(
        "platform.yaml:12:11 /spec/projects/0/tools/workspace/server: project 'lab' runs up to 3 user servers at once"
            + " (one per user and admin): 3 servers × 1536Mi memory request = 4608Mi exceeds the project's memory"
            + " request 4Gi (lower tools.workspace.server (memory request at most 1365Mi), set"
            + " tools.workspace.activeServerLimit (at most 2), or raise resources (memory request at least 4608Mi))",
        "platform.yaml:12:11 /spec/projects/0/tools/workspace/server: project 'lab' runs up to 3 user servers at once"
            + " (one per user and admin): 3 servers × 4Gi memory limit = 12Gi exceeds the project's memory limit 8192Mi"
            + " (lower tools.workspace.server (memory limit at most 2730Mi), set tools.workspace.activeServerLimit (at"
            + " most 2), or raise resources (memory limit at least 12Gi))");
  }

  @Test
  void aServerAboveTheLimitOfOneContainerCannotStartAtAll() {
    // given: one member, a 32Gi server in a 16Gi namespace (its LimitRange max per container)
    String project =
        """
            - name: lab
              cluster: kth-main
              users: [a@kth.se]
              tools:
                workspace:
                  server: {memory: {request: 2Gi, limit: 32Gi}}
        """;

    // then: one problem, not also the total of one server
    assertThat(check(project)).containsExactly(
        "platform.yaml:11:11 /spec/projects/0/tools/workspace/server: one user server's memory limit 32Gi exceeds the"
            + " memory limit 16Gi of project 'lab', the most one container may use in its namespace, so no user server"
            + " can start (lower tools.workspace.server (memory limit at most 16Gi) or raise resources (memory limit at"
            + " least 32Gi))");
  }

  @Test
  void aClusterOverrideIsCheckedWithTheResourcesAndServerInForceThere() {
    // given: fits on kth-main; ki-hospital has less memory, and an override's own workspace too much CPU
    String project =
        """
            - name: fl
              clusters: [kth-main, ki-hospital]
              users: [a@kth.se, b@kth.se]
              resources: {cpu: {request: 2, limit: 8}, memory: {request: 4Gi, limit: 16Gi}}
              tools: {workspace: {}}
              clusterOverrides:
                ki-hospital:
                  resources: {memory: {limit: 6Gi}}
                  tools: {workspace: {server: {cpu: {request: 2}}}}
        """;

    // then
    assertThat(check(project)).containsExactly(
        "platform.yaml:13:11 /spec/projects/0/clusterOverrides/ki-hospital/resources: project 'fl' on cluster"
            + " 'ki-hospital' runs up to 2 user servers at once (one per user and admin): 2 servers × 4Gi memory limit"
            + " = 8Gi exceeds the project's memory limit 6Gi (lower tools.workspace.server (memory limit at most 3Gi),"
            + " set tools.workspace.activeServerLimit (at most 1), or raise resources (memory limit at least 8Gi))",
        "platform.yaml:14:31 /spec/projects/0/clusterOverrides/ki-hospital/tools/workspace/server: project 'fl' on"
            + " cluster 'ki-hospital' runs up to 2 user servers at once (one per user and admin): 2 servers × 2 CPU"
            + " request = 4 exceeds the project's cpu request 2 (lower tools.workspace.server (CPU request at most 1),"
            + " set tools.workspace.activeServerLimit (at most 1), or raise resources (cpu request at least 4))");
  }

  @Test
  void quantitiesThatDoNotParseAreLeftToQuantityRules() {
    // given
    String project =
        """
            - name: lab
              cluster: kth-main
              users: [a@kth.se, b@kth.se, c@kth.se]
              tools:
                workspace:
                  server: {cpu: {limit: 2 cores}, memory: {limit: 0}}
        """;

    // then: only the CPU request is compared (3 x 500m in the default 1)
    assertThat(check(project)).containsExactly(
        "platform.yaml:11:11 /spec/projects/0/tools/workspace/server: project 'lab' runs up to 3 user servers at once"
            + " (one per user and admin): 3 servers × 500m CPU request = 1.5 exceeds the project's cpu request 1 (lower"
            + " tools.workspace.server (CPU request at most 0.333), set tools.workspace.activeServerLimit (at most 2),"
            + " or raise resources (cpu request at least 1.5))");
  }
}
