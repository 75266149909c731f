package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuRulesTest {

  @TempDir Path dir;

  @Test
  void checksProductsQuotasAndBookingsAgainstCapacity() {
    // given
    String yaml =
        """
        spec:
          clusters:
            - name: kth-main
              gpus:
                - {product: NVIDIA-RTX-A6000, count: 6}
                - {product: NVIDIA-RTX-A6000, count: 2}
            - name: ki-hospital
              gpus:
                - {product: NVIDIA-A100-SXM4-80GB, count: 2, replicas: 2}
          projects:
            - name: brain-mets
              cluster: ki-hospital
              gpu: {product: NVIDIA-A100-SXM4-80GB, quota: 5, maxPerWorkspace: 8}
            - name: fl-prostate
              clusters: [kth-main, ki-hospital]
              gpu: {product: NVIDIA-RTX-A6000}
          bookings:
            - {id: b-1, project: brain-mets, cluster: ki-hospital, product: NVIDIA-A100-SXM4-80GB, gpus: 5, start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
        """;

    // when
    var problems = new RuleFixture(dir).check(new GpuRules(), yaml);

    // then
    String capacity = "the 4 'NVIDIA-A100-SXM4-80GB' of cluster 'ki-hospital' (2 cards x 2 replicas)";
    assertThat(problems)
        .containsExactly(
            "platform.yaml:6:12 /spec/clusters/0/gpus/1/product: GPU product 'NVIDIA-RTX-A6000' is already listed for"
                + " cluster 'kth-main' at platform.yaml:5:12 (list each product once, with the total count)",
            "platform.yaml:13:45 /spec/projects/0/gpu/quota: GPU quota 5 is more than " + capacity
                + " (lower the quota to at most 4)",
            "platform.yaml:13:55 /spec/projects/0/gpu/maxPerWorkspace: maxPerWorkspace 8 is more than " + capacity
                + " (lower it to at most 4)",
            "platform.yaml:16:13 /spec/projects/1/gpu/product: 'NVIDIA-RTX-A6000' is not a GPU product of cluster"
                + " 'ki-hospital' (its products are: 'NVIDIA-A100-SXM4-80GB')",
            "platform.yaml:18:92 /spec/bookings/0/gpus: booking 'b-1' asks for 5 GPUs, more than " + capacity
                + " (book at most 4)");
  }

  @Test
  void aProductNearMissGetsASuggestionAndAClusterWithoutGpusSaysSo() {
    // given
    String yaml =
        """
        spec:
          clusters:
            - name: kth-main
              gpus: [{product: NVIDIA-RTX-A6000, count: 1}]
            - name: cpu-only
          projects:
            - {name: a, cluster: kth-main, gpu: {product: NVIDIA-RTX-6000}}
            - {name: b, cluster: cpu-only, gpu: {product: NVIDIA-RTX-A6000}}
        """;

    // when
    var problems = new RuleFixture(dir).check(new GpuRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:7:42 /spec/projects/0/gpu/product: 'NVIDIA-RTX-6000' is not a GPU product of cluster"
                + " 'kth-main' (did you mean 'NVIDIA-RTX-A6000'?)",
            "platform.yaml:8:42 /spec/projects/1/gpu/product: 'NVIDIA-RTX-A6000' is not a GPU product of cluster"
                + " 'cpu-only' (cluster 'cpu-only' has no GPUs; add them to its gpus)");
  }

  @Test
  void quotaWithinCapacityPasses() {
    // given
    String yaml =
        """
        spec:
          clusters:
            - name: kth-main
              gpus: [{product: NVIDIA-RTX-A6000, count: 3, replicas: 2}]
          projects:
            - {name: a, cluster: kth-main, gpu: {product: NVIDIA-RTX-A6000, quota: 6, maxPerWorkspace: 6}}
        """;

    // when
    var problems = new RuleFixture(dir).check(new GpuRules(), yaml);

    // then
    assertThat(problems).isEmpty();
  }
}
