package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityRulesTest {

  @TempDir Path dir;

  @Test
  void reportsUnparsableNonPositiveAndInvertedQuantities() {
    // given
    String yaml =
        """
        spec:
          projects:
            - name: a
              resources:
                cpu: {request: 16, limit: 8}
                memory: {request: 32GB, limit: 64Gi}
                storage: -5Gi
            - name: b
              resources:
                cpu: {limit: 500m}
                memory: {request: 2048Mi, limit: 2Gi}
                storage: 512m
              tools:
                minio: {size: 200}
            - name: c
              resources:
                memory: {request: 32Gi}
                cpu: {request: 1e3, limit: 1k}
              tools: {minio: {size: 1.5TB}}
        """;

    // when
    var problems = new RuleFixture(dir).check(new QuantityRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:5:15 /spec/projects/0/resources/cpu/request: cpu request '16' is more than the limit '8'"
                + " (lower the request or raise the limit)",
            "platform.yaml:6:18 /spec/projects/0/resources/memory/request: memory request '32GB' is not a Kubernetes"
                + " quantity (did you mean '32Gi'?)",
            "platform.yaml:7:9 /spec/projects/0/resources/storage: storage '-5Gi' must be more than zero",
            "platform.yaml:10:15 /spec/projects/1/resources/cpu/limit: cpu limit '500m' is less than the default"
                + " request '1' (raise the limit or set a lower request)",
            "platform.yaml:12:9 /spec/projects/1/resources/storage: storage '512m' is 0.512 bytes: the suffix m means"
                + " milli (did you mean '512Mi'?)",
            "platform.yaml:14:17 /spec/projects/1/tools/minio/size: minio size '200' is 200 bytes (write a unit, such as"
                + " '200Gi')",
            "platform.yaml:17:18 /spec/projects/2/resources/memory/request: memory request '32Gi' is more than the"
                + " default limit '16Gi' (lower the request or set a higher limit)",
            "platform.yaml:19:23 /spec/projects/2/tools/minio/size: minio size '1.5TB' is not a Kubernetes quantity"
                + " (did you mean '1.5Ti'?)");
  }

  @Test
  void cpuQuantitiesGetACpuHint() {
    // given
    String yaml =
        """
        spec:
          projects:
            - name: a
              resources: {cpu: {request: 2 cores}}
        """;

    // when
    var problems = new RuleFixture(dir).check(new QuantityRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:4:25 /spec/projects/0/resources/cpu/request: cpu request '2 cores' is not a Kubernetes"
                + " quantity (write a number of cores, such as 2, 0.5 or 500m)");
  }

  @Test
  void aWorkspaceServersRequestsAreAtMostItsLimitsInTheProjectAndInAnOverride() {
    // given
    String yaml =
        """
        spec:
          projects:
            - name: a
              clusters: [one, two]
              tools:
                workspace:
                  server: {cpu: {request: 4}, memory: {request: 8Gi, limit: 4096Mi}}
              clusterOverrides:
                two:
                  tools: {workspace: {server: {memory: {limit: 512m}}}}
        """;

    // when
    var problems = new RuleFixture(dir).check(new QuantityRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:7:26 /spec/projects/0/tools/workspace/server/cpu/request: workspace server cpu request '4' is"
                + " more than the default limit '2' (lower the request or set a higher limit)",
            "platform.yaml:7:48 /spec/projects/0/tools/workspace/server/memory/request: workspace server memory request"
                + " '8Gi' is more than the limit '4096Mi' (lower the request or raise the limit)",
            "platform.yaml:10:49 /spec/projects/0/clusterOverrides/two/tools/workspace/server/memory/limit: workspace"
                + " server memory limit '512m' is 0.512 bytes: the suffix m means milli (did you mean '512Mi'?)");
  }

  @Test
  void theDefaultWorkspaceServerIsConsistent() {
    // given a project whose workspace sets no server
    var problems = new RuleFixture(dir).check(new QuantityRules(), "spec:\n  projects:\n    - name: a\n      tools: {workspace: {}}\n");

    // then
    assertThat(problems).isEmpty();
  }

  @Test
  void defaultsAreConsistent() {
    // given a project that sets no resources
    var problems = new RuleFixture(dir).check(new QuantityRules(), "spec:\n  projects:\n    - name: a\n");

    // then
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"1Gi, 1073741824", "1024Mi, 1073741824", "500m, 0.5", "1e3, 1000", "1k, 1000", ".5, 0.5", "2, 2", "1.5Gi, 1610612736"})
  void valuesAreNumeric(String text, BigDecimal expected) {
    assertThat(Quantities.parse(text)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Gi", "1GB", "1 Gi", "1.2.3", "1gi", "1KI", "1e", "0x10", "1Gi ", "one"})
  void rejectsNonQuantities(String text) {
    assertThat(Quantities.parse(text)).isEmpty();
  }
}
