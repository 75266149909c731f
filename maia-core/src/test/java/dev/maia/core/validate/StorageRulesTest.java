package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The volumes of a project fit its storage on each cluster: each by itself (the LimitRange's most
 * per claim) and all together (the ResourceQuota), counted as the tree claims them; located at the
 * size that does not fit, with the numbers and the ways out.
 */
class StorageRulesTest {

  /** Cluster {@code uni} has a shared storage class, {@code hospital} none; tests append one project from line 8 on. */
  private static final String BASE =
      """
      spec:
        clusters:
          - name: uni
            storage: {shared: nfs-client}
          - name: hospital
            storage: {default: longhorn}
        projects:
      """;

  @TempDir Path dir;

  private List<String> check(String project) {
    return check(project, Set.of());
  }

  private List<String> check(String project, Set<String> siteTemplates) {
    return new RuleFixture(dir).check(new StorageRules(siteTemplates), BASE + project);
  }

  @Test
  void volumesThatFitTheStoragePass() {
    // given: 10Gi shared + 3 homes of 10Gi + MinIO 100Gi + MLflow's database 8Gi = 148Gi in 150Gi
    String project =
        """
            - name: lung
              cluster: uni
              users: [a@x.org, b@x.org]
              admins: [c@x.org]
              resources: {storage: 150Gi}
              tools: {workspace: {}, minio: {size: 100Gi}, mlflow: {}}
        """;

    // then
    assertThat(check(project)).isEmpty();
  }

  @Test
  void aMinioVolumeLargerThanTheStorageIsReportedAtItsSize() {
    // given
    String project =
        """
            - name: lung
              cluster: hospital
              resources: {storage: 100Gi}
              tools: {minio: {size: 200Gi}}
        """;

    // then
    assertThat(check(project)).containsExactly(
        "platform.yaml:11:23 /spec/projects/0/tools/minio/size: tools.minio (data) claims 200Gi, more than the storage 100Gi of"
            + " project 'lung', the most one volume claim may take in its namespace (its LimitRange), so the claim is refused"
            + " (lower tools.minio.size to at most 100Gi or raise resources.storage to at least 200Gi, what all the project's"
            + " volumes claim)");
  }

  @Test
  void aVolumeOfTheTreeLargerThanTheStorageIsReportedAtTheStorage() {
    // given: the shared volume and each home claim 10Gi
    String project =
        """
            - name: lung
              cluster: uni
              users: [a@x.org, b@x.org]
              resources: {storage: 5Gi}
              tools: {workspace: {}}
        """;

    // then
    assertThat(check(project)).containsExactly(
        "platform.yaml:11:19 /spec/projects/0/resources/storage: each of the 2 members' homes of tools.workspace claims 10Gi, more than"
            + " the storage 5Gi of project 'lung', the most one volume claim may take in its namespace (its LimitRange), so the claim"
            + " is refused (raise resources.storage to at least 30Gi, what all the project's volumes claim)",
        "platform.yaml:11:19 /spec/projects/0/resources/storage: the shared volume claims 10Gi, more than the storage 5Gi of project"
            + " 'lung', the most one volume claim may take in its namespace (its LimitRange), so the claim is refused (raise"
            + " resources.storage to at least 30Gi, what all the project's volumes claim)");
  }

  @Test
  void homesTimesMembersOverTheStorageAreSummedWithTheNumbers() {
    // given: 10Gi shared + 5 homes of 10Gi + Label Studio 10Gi = 70Gi in the default 50Gi
    String project =
        """
            - name: lung
              cluster: uni
              users: [a@x.org, b@x.org, c@x.org, d@x.org]
              admins: [e@x.org]
              tools: {workspace: {}, label-studio: {}}
        """;

    // then: nothing written to point at but the project
    assertThat(check(project)).containsExactly(
        "platform.yaml:8:7 /spec/projects/0: the volumes of project 'lung' claim 70Gi in all (10Gi for the shared volume, 10Gi for"
            + " tools.label-studio (data), 5 × 10Gi for the members' homes of tools.workspace), more than its storage 50Gi, what its"
            + " ResourceQuota lets all its volume claims take (raise resources.storage to at least 70Gi or turn off a tool the"
            + " project does not use)");
  }

  @Test
  void aSumThatAWrittenSizeCanBringDownIsReportedAtThatSize() {
    // given: MinIO 45Gi + MLflow 8Gi in the default 50Gi
    String project =
        """
            - name: lung
              cluster: hospital
              tools: {minio: {size: 45Gi}, mlflow: {}}
        """;

    // then
    assertThat(check(project)).containsExactly(
        "platform.yaml:10:23 /spec/projects/0/tools/minio/size: the volumes of project 'lung' claim 53Gi in all (45Gi for tools.minio"
            + " (data), 8Gi for tools.mlflow (database)), more than its storage 50Gi, what its ResourceQuota lets all its volume claims"
            + " take (raise resources.storage to at least 53Gi, lower tools.minio.size to at most 42Gi, or turn off a tool the project"
            + " does not use)");
  }

  @Test
  void aWrittenStorageIsWhereTheSumIsReported() {
    // given: XNAT's four volumes, 43Gi, in 40Gi
    String project =
        """
            - name: lung
              cluster: hospital
              resources: {storage: 40Gi}
              tools: {xnat: {}}
        """;

    // then
    assertThat(check(project)).containsExactly(
        "platform.yaml:10:19 /spec/projects/0/resources/storage: the volumes of project 'lung' claim 43Gi in all (20Gi for tools.xnat"
            + " (archive), 5Gi for tools.xnat (cache), 8Gi for tools.xnat (database), 10Gi for tools.xnat (prearchive)), more than its"
            + " storage 40Gi, what its ResourceQuota lets all its volume claims take (raise resources.storage to at least 43Gi or turn"
            + " off a tool the project does not use)");
  }

  @Test
  void eachClusterIsJudgedWithItsOverrideAtTheOverride() {
    // given: 100Gi is enough on uni; the hospital's override lowers it and adds MinIO there
    String project =
        """
            - name: lung
              clusters: [uni, hospital]
              users: [a@x.org]
              resources: {storage: 100Gi}
              tools: {workspace: {}}
              clusterOverrides:
                hospital:
                  resources: {storage: 20Gi}
                  tools: {minio: {size: 15Gi}}
        """;

    // then: 10Gi home + 15Gi MinIO on the hospital, which has no shared volume
    assertThat(check(project)).containsExactly(
        "platform.yaml:15:23 /spec/projects/0/clusterOverrides/hospital/resources/storage: the volumes of project 'lung' on cluster"
            + " 'hospital' claim 25Gi in all (15Gi for tools.minio (data), 10Gi for the member's home of tools.workspace), more than"
            + " its storage 20Gi, what its ResourceQuota lets all its volume claims take (raise resources.storage to at least 25Gi,"
            + " lower tools.minio.size to at most 10Gi, or turn off a tool the project does not use)");
  }

  @Test
  void aMinioSizeInAnOverrideIsReportedThere() {
    // given
    String project =
        """
            - name: lung
              clusters: [uni, hospital]
              resources: {storage: 100Gi}
              tools: {minio: {}}
              clusterOverrides:
                hospital:
                  tools: {minio: {size: 1Ti}}
        """;

    // then
    assertThat(check(project)).containsExactly(
        "platform.yaml:14:27 /spec/projects/0/clusterOverrides/hospital/tools/minio/size: tools.minio (data) claims 1Ti, more than the"
            + " storage 100Gi of project 'lung' on cluster 'hospital', the most one volume claim may take in its namespace (its"
            + " LimitRange), so the claim is refused (lower tools.minio.size to at most 100Gi or raise resources.storage to at least"
            + " 1Ti, what all the project's volumes claim)");
  }

  @Test
  void aToolWhoseTemplateTheSiteReplacesIsLeftToVerify() {
    // given: XNAT's built-in volumes would not fit, but the site's template decides XNAT's
    String project =
        """
            - name: lung
              cluster: hospital
              resources: {storage: 10Gi}
              tools: {xnat: {}}
        """;

    // then
    assertThat(check(project, Set.of("xnat/values.yaml.ftl"))).isEmpty();
  }

  @Test
  void aSizeThatIsNoQuantityIsLeftToTheQuantityRules() {
    // given
    String project =
        """
            - name: lung
              cluster: hospital
              resources: {storage: 10Gi}
              tools: {minio: {size: lots}, xnat: {}}
        """;

    // then
    assertThat(check(project)).isEmpty();
  }
}
