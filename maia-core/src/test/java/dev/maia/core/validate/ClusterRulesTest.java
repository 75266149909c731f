package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterRulesTest {

  @TempDir Path dir;

  @Test
  void serversAreHttpsAndRemoteClustersHaveCredentials() {
    // given
    String yaml =
        """
        spec:
          argocd: {cluster: kth-main}
          clusters:
            - name: kth-main
              server: https://kubernetes.default.svc
            - name: ki-hospital
              server: http://k8s.ki.example.org:6443
            - name: cloud
              server: https://kubernetes.default.svc
              credentials: {secretKey: clusters/cloud}
            - name: edge
              server: k8s.edge.example.org:6443
              credentials: {secretKey: clusters/edge}
            - name: twin
              server: https://k8s.ki.example.org:6443
              credentials: {secretKey: clusters/twin}
            - name: twin-2
              server: https://K8S.ki.example.org:6443/
              credentials: {secretKey: clusters/twin-2}
        """;

    // when
    var problems = new RuleFixture(dir).check(new ClusterRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:6:7 /spec/clusters/1: cluster 'ki-hospital' has no credentials.secretKey; ArgoCD runs on"
                + " 'kth-main' and reads the registration of every other cluster from the secret store"
                + " (add credentials: {secretKey: clusters/ki-hospital})",
            "platform.yaml:7:7 /spec/clusters/1/server: server 'http://k8s.ki.example.org:6443' of cluster 'ki-hospital'"
                + " is not an https URL (ArgoCD must reach the API server over TLS; write 'https://k8s.ki.example.org:6443')",
            "platform.yaml:9:7 /spec/clusters/2/server: 'https://kubernetes.default.svc' is the in-cluster address of"
                + " 'kth-main', the cluster ArgoCD runs on, not of cluster 'cloud' (write the API server URL of 'cloud')",
            "platform.yaml:12:7 /spec/clusters/3/server: server 'k8s.edge.example.org:6443' of cluster 'edge' is not an"
                + " https URL (ArgoCD must reach the API server over TLS; write 'https://k8s.edge.example.org:6443')",
            "platform.yaml:18:7 /spec/clusters/5/server: server 'https://K8S.ki.example.org:6443/' is already used by"
                + " cluster 'twin' at platform.yaml:15:7 (ArgoCD tells clusters apart by server; give each cluster its"
                + " own API server URL)");
  }

  @Test
  void theArgocdClusterNeedsNoCredentials() {
    // given
    String yaml =
        """
        spec:
          argocd: {cluster: kth-main}
          clusters:
            - {name: kth-main, server: https://kubernetes.default.svc}
            - {name: ki-hospital, server: https://k8s.ki.example.org:6443, credentials: {secretKey: clusters/ki}}
        """;

    // when
    var problems = new RuleFixture(dir).check(new ClusterRules(), yaml);

    // then
    assertThat(problems).isEmpty();
  }

  @Test
  void anUnknownArgocdClusterSkipsTheCredentialRule() {
    // given argocd.cluster is unknown (ReferenceRules reports it), so no cluster is singled out
    String yaml =
        """
        spec:
          argocd: {cluster: nowhere}
          clusters:
            - {name: kth-main, server: https://kubernetes.default.svc}
        """;

    // when
    var problems = new RuleFixture(dir).check(new ClusterRules(), yaml);

    // then
    assertThat(problems).isEmpty();
  }
}
