package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The traps of spec.rollout: a cluster in no wave, a cluster in two waves, a wave that selects nothing. */
class RolloutRulesTest {

  @TempDir Path dir;

  private static final String CLUSTERS =
      """
      spec:
        argocd: {cluster: uni}
        clusters:
          - {name: uni, labels: {env: research, site: kth}}
          - {name: lab, labels: {env: research, site: kth}, gpus: [{product: NVIDIA-L40S, count: 2}]}
          - {name: hospital, labels: {env: clinical, site: karolinska}}
        rollout:
          waves:
      """;

  @Test
  void wavesThatCoverEveryClusterOnceAreFine() {
    // given: labels, derived labels and NotIn on a label some clusters lack
    String yaml =
        CLUSTERS
            + """
                - name: gpu
                  clusters: {matchLabels: {maia.gpu/NVIDIA-L40S: "true"}}
                - name: research
                  clusters: {matchExpressions: [{key: maia.gpu/NVIDIA-L40S, operator: NotIn, values: ["true"]}, {key: env, operator: In, values: [research]}]}
                - name: clinical
                  clusters: {matchLabels: {maia.dev/cluster: hospital}}
            """;

    // when
    var problems = new RuleFixture(dir).check(new RolloutRules(), yaml);

    // then
    assertThat(problems).isEmpty();
  }

  @Test
  void aClusterInNoWaveAClusterInTwoWavesAndAnEmptyWaveAreReported() {
    // given
    String yaml =
        CLUSTERS
            + """
                - name: research
                  clusters: {matchLabels: {env: research}}
                - name: kth
                  clusters: {matchLabels: {site: kth}}
                - name: clinical
                  clusters: {matchLabels: {env: clinicl}}
                - name: kth
                  clusters: {matchExpressions: [{key: site, operator: In, values: [nowhere]}]}
            """;

    // when
    var problems = new RuleFixture(dir).check(new RolloutRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:6:8 /spec/clusters/2/name: cluster 'hospital' is in no wave of spec.rollout: its root"
                + " Application has no place in the order, and in applicationset mode no RollingSync step would select its"
                + " Applications, so they would never sync (add a wave that selects it, for example by matchLabels"
                + " {maia.dev/cluster: hospital})",
            "platform.yaml:12:7 /spec/rollout/waves/1/clusters: cluster 'lab' is selected by wave 'kth' and already by wave"
                + " 'research' at platform.yaml:10:7 (a cluster belongs to one wave; narrow one of the selectors)",
            "platform.yaml:12:7 /spec/rollout/waves/1/clusters: cluster 'uni' is selected by wave 'kth' and already by wave"
                + " 'research' at platform.yaml:10:7 (a cluster belongs to one wave; narrow one of the selectors)",
            "platform.yaml:14:7 /spec/rollout/waves/2/clusters: wave 'clinical' selects no cluster (the clusters' labels are"
                + " 'env=clinical', 'env=research', 'site=karolinska', 'site=kth')",
            "platform.yaml:15:7 /spec/rollout/waves/3/name: wave 'kth' is already defined at platform.yaml:11:7 (give each"
                + " wave its own name)",
            "platform.yaml:16:7 /spec/rollout/waves/3/clusters: wave 'kth' selects no cluster (the clusters' labels are"
                + " 'env=clinical', 'env=research', 'site=karolinska', 'site=kth')");
  }

  @Test
  void withoutRolloutNothingIsChecked() {
    // given
    String yaml =
        """
        spec:
          argocd: {cluster: uni}
          clusters: [{name: uni}, {name: hospital}]
        """;

    // when
    var problems = new RuleFixture(dir).check(new RolloutRules(), yaml);

    // then
    assertThat(problems).isEmpty();
  }
}
