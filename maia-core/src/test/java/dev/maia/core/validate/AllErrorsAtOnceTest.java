package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.problem.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A platform the schema refuses still gets the semantic problems of the parts that passed it, after
 * the schema's, in one run; a semantic problem that only the missing parts would cause is not
 * reported.
 */
class AllErrorsAtOnceTest {

  /** A valid platform of two clusters, a project on each and a booking; tests change lines, never add them. */
  private static final String VALID =
      """
      apiVersion: maia/v1alpha1
      kind: Platform
      metadata:
        name: kth-ki
      spec:
        gitops:
          repoURL: https://git.example.org/maia/platform-gitops.git
        argocd:
          cluster: kth-main
        identity:
          issuer: https://iam.maia.example.org/realms/maia
        secrets:
          store: {name: vault}
        clusters:
          - name: kth-main
            server: https://kubernetes.default.svc
            domain: maia.cloud.kth.se
            gpus: [{product: NVIDIA-RTX-A6000, count: 6}]
          - name: ki-hospital
            server: https://k8s.ki.example.org:6443
            domain: maia.ki.example.org
            credentials: {secretKey: clusters/ki-hospital}
            gpus: [{product: NVIDIA-A100-SXM4-80GB, count: 8}]
        projects:
          - name: brain-mets
            cluster: ki-hospital
            users: [radiologist@ki.se, phd.student@kth.se]
            resources: {cpu: {request: 8, limit: 16}}
            gpu: {product: NVIDIA-A100-SXM4-80GB, quota: 1}
          - name: vertebra-ct
            cluster: kth-main
            users: [researcher@kth.se]
            resources: {cpu: {request: 4, limit: 8}}
            gpu: {product: NVIDIA-RTX-A6000, quota: 1}
        gpuPolicy: {cooldown: P1D, maxFutureBookings: 3}
        bookings:
          - id: b-1
            user: phd.student@kth.se
            project: brain-mets
            product: NVIDIA-A100-SXM4-80GB
            gpus: 1
            start: 2026-12-01T00:00:00Z
            end: 2026-12-08T00:00:00Z
          - id: b-2
            user: phd.student@kth.se
            project: brain-mets
            product: NVIDIA-A100-SXM4-80GB
            gpus: 2
            start: 2026-12-10T00:00:00Z
            end: 2026-12-17T00:00:00Z
          - id: b-3
            user: phd.student@kth.se
            project: brain-mets
            product: NVIDIA-A100-SXM4-80GB
            gpus: 3
            start: 2026-12-20T00:00:00Z
            end: 2026-12-27T00:00:00Z
      """;

  /**
   * vertebra-ct's CPU (on kth-main), the same over its limit, and how that is reported: a semantic
   * problem tests add to what they break elsewhere.
   */
  private static final String VERTEBRA_CT_CPU = "resources: {cpu: {request: 4, limit: 8}}";

  private static final String VERTEBRA_CT_CPU_OVER_ITS_LIMIT = "resources: {cpu: {request: 9, limit: 8}}";

  private static final String CPU_OVER_ITS_LIMIT =
      "platform.yaml:33:25 /spec/projects/1/resources/cpu/request: cpu request '9' is more than the limit '8' (lower the request or raise"
          + " the limit)";

  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  @TempDir Path dir;

  @Test
  void theValidPlatformIsValid() throws IOException {
    // when
    List<String> problems = problems(VALID);

    // then
    assertThat(problems).isEmpty();
  }

  @Test
  void aSchemaProblemInOneProjectComesWithASemanticProblemOfAnother() throws IOException {
    // given: an e-mail the schema refuses in brain-mets, a CPU request over its limit in
    // vertebra-ct. The bookings are brain-mets': "'brain-mets' is not a project" would be wrong
    String platform =
        VALID
            .replace("users: [radiologist@ki.se, phd.student@kth.se]", "users: [radiologist@ki, phd.student@kth.se]")
            .replace(VERTEBRA_CT_CPU, VERTEBRA_CT_CPU_OVER_ITS_LIMIT);

    // when
    List<String> problems = problems(platform);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:27:15 /spec/projects/0/users/0: expected an e-mail address, got 'radiologist@ki' (such as name@example.org)",
            CPU_OVER_ITS_LIMIT);
  }

  @Test
  void aSchemaProblemInOneClusterComesWithASemanticProblemOfAProjectOnAnother() throws IOException {
    // given: a NodePort range of one port on ki-hospital, and vertebra-ct on kth-main asking for more
    // GPUs than it has; brain-mets, on ki-hospital, is not judged
    String platform =
        VALID
            .replace("credentials: {secretKey: clusters/ki-hospital}", "ports: {ssh: [32000]}")
            .replace("gpu: {product: NVIDIA-RTX-A6000, quota: 1}", "gpu: {product: NVIDIA-RTX-A6000, quota: 7}");

    // when
    List<String> problems = problems(platform);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:22:15 /spec/clusters/1/ports/ssh: must have exactly 2 items, got 1 (write [from, to], such as [30000, 30999])",
            "platform.yaml:34:40 /spec/projects/1/gpu/quota: GPU quota 7 is more than the 6 'NVIDIA-RTX-A6000' of cluster 'kth-main'"
                + " (6 cards x 1 replica) (lower the quota to at most 6)");
  }

  @Test
  void whatOnlyTheDroppedClusterWouldCauseIsNotReported() throws IOException {
    // given: ki-hospital's name refused by the schema, and a CPU request over its limit in
    // vertebra-ct. brain-mets, and through it the bookings, name 'ki-hospital', which the pruned
    // platform lacks: "'ki-hospital' is not a cluster" would be wrong, and so would anything else
    // said of brain-mets' GPUs or its bookings' product
    String platform =
        VALID
            .replace("- name: ki-hospital", "- name: KI-Hospital")
            .replace(VERTEBRA_CT_CPU, VERTEBRA_CT_CPU_OVER_ITS_LIMIT);

    // when
    List<String> problems = problems(platform);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:19:7 /spec/clusters/1/name: expected a DNS-1123 label, got 'KI-Hospital' (lower-case letters, digits and '-',"
                + " starting and ending with a letter or digit, such as kth-main)",
            CPU_OVER_ITS_LIMIT);
  }

  @Test
  void aBookingIsNotJudgedWithoutOneThatWasDropped() throws IOException {
    // given: b-1 refused by the schema, b-2 moved over b-1's end, b-3 half a day after b-2 ends. With
    // b-1 fixed, b-2 overlaps it and is left out, and b-3 keeps its cooldown from b-1; judged
    // without b-1, b-3 would break the cooldown after b-2
    String platform =
        VALID
            .replace("gpus: 1\n", "gpus: 0\n")
            .replace("start: 2026-12-10T00:00:00Z", "start: 2026-12-05T00:00:00Z")
            .replace("end: 2026-12-17T00:00:00Z", "end: 2026-12-11T00:00:00Z")
            .replace("start: 2026-12-20T00:00:00Z", "start: 2026-12-11T12:00:00Z")
            .replace("end: 2026-12-27T00:00:00Z", "end: 2026-12-18T00:00:00Z")
            .replace(VERTEBRA_CT_CPU, VERTEBRA_CT_CPU_OVER_ITS_LIMIT);

    // when
    List<String> problems = problems(platform);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:41:7 /spec/bookings/0/gpus: must be at least 1, got 0",
            CPU_OVER_ITS_LIMIT);
  }

  @Test
  void aSchemaProblemOutsideEveryItemLeavesNothingToJudge() throws IOException {
    // given: spec.gitops, which the platform cannot do without, and a semantic problem of a project
    String platform =
        VALID
            .replace("repoURL: https://git.example.org/maia/platform-gitops.git", "repoURL: git.example.org")
            .replace(VERTEBRA_CT_CPU, VERTEBRA_CT_CPU_OVER_ITS_LIMIT);

    // when
    List<String> problems = problems(platform);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:7:5 /spec/gitops/repoURL: expected a Git repository URL, got 'git.example.org' (such as"
                + " https://git.example.org/maia/gitops.git or git@git.example.org:maia/gitops.git)");
  }

  @Test
  void aPlatformWithoutTheItemsThatFailedMustPassTheSchemaToBeJudged() throws IOException {
    // given: both clusters refused, and spec.clusters may not be empty
    String platform =
        VALID
            .replace("domain: maia.cloud.kth.se", "domain: 12")
            .replace("credentials: {secretKey: clusters/ki-hospital}", "ports: {ssh: [32000]}")
            .replace(VERTEBRA_CT_CPU, VERTEBRA_CT_CPU_OVER_ITS_LIMIT);

    // when
    List<String> problems = problems(platform);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:17:7 /spec/clusters/0/domain: expected a string, got an integer (lower-case letters, digits, '-' and '.', each part"
                + " starting and ending with a letter or digit, such as maia.example.org)",
            "platform.yaml:22:15 /spec/clusters/1/ports/ssh: must have exactly 2 items, got 1 (write [from, to], such as [30000, 30999])");
  }

  private List<String> problems(String platform) throws IOException {
    Path file = dir.resolve("platform.yaml");
    Files.writeString(file, platform);
    InvalidPlatformException thrown =
        catchThrowableOfType(InvalidPlatformException.class, () -> new MaiaCompiler(MaiaLog.silent()).validate(file, NOW));
    return thrown == null ? List.of() : thrown.problems().stream().map(Problem::format).toList();
  }
}
