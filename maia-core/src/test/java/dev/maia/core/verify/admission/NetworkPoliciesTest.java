package dev.maia.core.verify.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.maia.core.verify.admission.NetworkPolicies.ContainerPort;
import dev.maia.core.verify.admission.NetworkPolicies.Endpoint;
import dev.maia.core.verify.admission.NetworkPolicies.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkPoliciesTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  private static final Map<String, Map<String, String>> NAMESPACES = Map.of(
      "brain-mets", Map.of("maia.dev/project", "brain-mets"),
      "lung-ct", Map.of("maia.dev/project", "lung-ct", "team", "imaging"),
      "argocd", Map.of());

  private static final Endpoint HUB = Endpoint.pod("brain-mets", Map.of("component", "hub"), "10.244.1.10", List.of());
  private static final Endpoint SINGLEUSER =
      Endpoint.pod("brain-mets", Map.of("component", "singleuser-server"), "10.244.1.11", List.of());
  private static final Endpoint MLFLOW =
      Endpoint.pod("brain-mets", Map.of("app", "mlflow"), "10.244.1.12", List.of(new ContainerPort("http", 5000, "TCP")));
  private static final Endpoint LUNG_MLFLOW =
      Endpoint.pod("lung-ct", Map.of("app", "mlflow"), "10.244.2.12", List.of(new ContainerPort("http", 5000, "TCP")));
  private static final Endpoint ARGOCD = Endpoint.pod("argocd", Map.of("app", "argocd-server"), "10.244.3.5", List.of());
  private static final Endpoint INTERNET = Endpoint.external("203.0.113.7");

  private static List<JsonNode> objects(String yaml) throws IOException {
    return YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
  }

  private static NetworkPolicies policies(String yaml) throws IOException {
    return new NetworkPolicies(objects(yaml), NAMESPACES);
  }

  private static final String DEFAULT_DENY = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: default-deny, namespace: brain-mets}
      spec:
        podSelector: {}
        policyTypes: [Ingress, Egress]
      """;

  private static final String ALLOW_SAME_NAMESPACE = """
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-same-namespace, namespace: brain-mets}
      spec:
        podSelector: {}
        policyTypes: [Ingress]
        ingress:
          - from:
              - podSelector: {}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-egress-same-namespace, namespace: brain-mets}
      spec:
        podSelector: {}
        policyTypes: [Egress]
        egress:
          - to:
              - podSelector: {}
      """;

  /** A policy in brain-mets that allows ingress to mlflow from the given peers and ports only. */
  private static NetworkPolicies ingressToMlflow(String rule) throws IOException {
    return policies("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: mlflow-ingress, namespace: brain-mets}
        spec:
          podSelector:
            matchLabels: {app: mlflow}
          policyTypes: [Ingress]
          ingress:
        """ + rule.indent(4));
  }

  /** A policy in brain-mets that allows egress from the single-user servers to the given peers and ports only. */
  private static NetworkPolicies egressFromSingleuser(String rule) throws IOException {
    return policies("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: singleuser-egress, namespace: brain-mets}
        spec:
          podSelector:
            matchLabels: {component: singleuser-server}
          policyTypes: [Egress]
          egress:
        """ + rule.indent(4));
  }

  @Test
  void withoutPoliciesEveryConnectionIsAllowed() {
    // given
    NetworkPolicies policies = new NetworkPolicies(List.of(), NAMESPACES);

    // when
    Verdict verdict = policies.connect(SINGLEUSER, MLFLOW, 5000, "TCP");

    // then
    assertThat(verdict.allowed()).isTrue();
    assertThat(verdict.reason()).isEqualTo(
        "no NetworkPolicy selects pods component=singleuser-server in brain-mets for egress; "
            + "no NetworkPolicy selects pods app=mlflow in brain-mets for ingress");
    assertThat(policies.connect(INTERNET, MLFLOW, 5000, "TCP").reason())
        .isEqualTo("203.0.113.7 is outside the cluster; no NetworkPolicy selects pods app=mlflow in brain-mets for ingress");
  }

  @Test
  void aDefaultDenyOfIngressDeniesConnectionsToThePodsItSelects() throws IOException {
    // given
    NetworkPolicies policies = policies("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny, namespace: brain-mets}
        spec:
          podSelector: {}
          policyTypes: [Ingress]
        """);

    // when
    Verdict in = policies.connect(LUNG_MLFLOW, MLFLOW, 5000, "TCP");
    Verdict out = policies.connect(MLFLOW, LUNG_MLFLOW, 5000, "TCP");

    // then
    assertThat(in.allowed()).isFalse();
    assertThat(in.reason()).isEqualTo("ingress to pods app=mlflow in brain-mets is denied: NetworkPolicy default-deny selects them "
        + "and does not allow TCP 5000 from pods app=mlflow in lung-ct");
    assertThat(out.allowed()).isTrue();
  }

  @Test
  void aDefaultDenyOfEgressDeniesConnectionsFromThePodsItSelects() throws IOException {
    // given
    NetworkPolicies policies = policies("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny, namespace: brain-mets}
        spec:
          podSelector: {}
          policyTypes: [Egress]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: singleuser, namespace: brain-mets}
        spec:
          podSelector:
            matchLabels: {component: singleuser-server}
          policyTypes: [Egress]
          egress:
            - to:
                - podSelector:
                    matchLabels: {component: hub}
        """);

    // when
    Verdict verdict = policies.connect(SINGLEUSER, MLFLOW, 5000, "TCP");

    // then
    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.reason()).isEqualTo("egress from pods component=singleuser-server in brain-mets is denied: "
        + "NetworkPolicies default-deny, singleuser select them and none allows TCP 5000 to pods app=mlflow in brain-mets");
    assertThat(policies.connect(SINGLEUSER, LUNG_MLFLOW, 5000, "TCP").allowed()).isFalse();
    assertThat(policies.connect(SINGLEUSER, INTERNET, 443, "TCP").allowed()).isFalse();
  }

  @Test
  void whenBothSidesDenyTheReasonNamesBoth() throws IOException {
    // given
    NetworkPolicies policies = policies(DEFAULT_DENY);

    // when
    Verdict verdict = policies.connect(SINGLEUSER, MLFLOW, 5000, "TCP");

    // then
    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.reason()).startsWith("egress from pods component=singleuser-server in brain-mets is denied: ")
        .contains("; ingress to pods app=mlflow in brain-mets is denied: NetworkPolicy default-deny selects them");
  }

  @Test
  void policiesAddUpSoAllowingTheSameNamespaceOpensItAlone() throws IOException {
    // given
    NetworkPolicies policies = policies(DEFAULT_DENY + ALLOW_SAME_NAMESPACE);

    // when
    Verdict same = policies.connect(SINGLEUSER, MLFLOW, 5000, "TCP");
    Verdict toOther = policies.connect(SINGLEUSER, LUNG_MLFLOW, 5000, "TCP");
    Verdict fromOther = policies.connect(LUNG_MLFLOW, MLFLOW, 5000, "TCP");

    // then
    assertThat(same.allowed()).isTrue();
    assertThat(same.reason()).isEqualTo("egress allowed by allow-egress-same-namespace; ingress allowed by allow-same-namespace");
    assertThat(toOther.allowed()).isFalse();
    assertThat(toOther.reason()).isEqualTo("egress from pods component=singleuser-server in brain-mets is denied: "
        + "NetworkPolicies allow-egress-same-namespace, default-deny select them and none allows TCP 5000 to pods app=mlflow in lung-ct");
    assertThat(fromOther.allowed()).isFalse();
    assertThat(fromOther.reason()).startsWith("ingress to pods app=mlflow in brain-mets is denied: "
        + "NetworkPolicies allow-same-namespace, default-deny select them");
  }

  @Test
  void theReasonDoesNotDependOnTheOrderOfThePolicies() throws IOException {
    // given
    List<JsonNode> objects = new ArrayList<>(objects(DEFAULT_DENY + ALLOW_SAME_NAMESPACE));
    NetworkPolicies written = new NetworkPolicies(objects, NAMESPACES);
    Collections.reverse(objects);

    // when
    NetworkPolicies reversed = new NetworkPolicies(objects, NAMESPACES);

    // then
    assertThat(reversed.connect(SINGLEUSER, LUNG_MLFLOW, 5000, "TCP"))
        .isEqualTo(written.connect(SINGLEUSER, LUNG_MLFLOW, 5000, "TCP"));
  }

  @Test
  void aNamespaceIsSelectedByTheNameLabelTheApiServerSets() throws IOException {
    // given
    NetworkPolicies policies = ingressToMlflow("""
        - from:
            - namespaceSelector:
                matchLabels: {kubernetes.io/metadata.name: argocd}
        """);

    // when
    Verdict fromArgocd = policies.connect(ARGOCD, MLFLOW, 5000, "TCP");
    Verdict fromLung = policies.connect(LUNG_MLFLOW, MLFLOW, 5000, "TCP");
    Verdict fromOwnNamespace = policies.connect(HUB, MLFLOW, 5000, "TCP");

    // then
    assertThat(fromArgocd.allowed()).isTrue();
    assertThat(fromArgocd.reason()).endsWith("; ingress allowed by mlflow-ingress");
    assertThat(fromLung.allowed()).isFalse();
    assertThat(fromOwnNamespace.allowed()).isFalse();
  }

  @Test
  void aNamespaceIsSelectedByItsOwnLabels() throws IOException {
    // given
    NetworkPolicies policies = ingressToMlflow("""
        - from:
            - namespaceSelector:
                matchLabels: {team: imaging}
        """);

    // when
    Verdict fromImaging = policies.connect(LUNG_MLFLOW, MLFLOW, 5000, "TCP");
    Verdict fromArgocd = policies.connect(ARGOCD, MLFLOW, 5000, "TCP");

    // then
    assertThat(fromImaging.allowed()).isTrue();
    assertThat(fromArgocd.allowed()).isFalse();
  }

  @Test
  void podAndNamespaceSelectorsInOnePeerMustBothMatch() throws IOException {
    // given
    NetworkPolicies policies = ingressToMlflow("""
        - from:
            - namespaceSelector:
                matchLabels: {team: imaging}
              podSelector:
                matchLabels: {app: mlflow}
        """);
    Endpoint otherPodThere = Endpoint.pod("lung-ct", Map.of("app", "jupyter"), "10.244.2.20", List.of());
    Endpoint samePodHere = Endpoint.pod("brain-mets", Map.of("app", "mlflow"), "10.244.1.20", List.of());

    // when
    Verdict both = policies.connect(LUNG_MLFLOW, MLFLOW, 5000, "TCP");
    Verdict namespaceOnly = policies.connect(otherPodThere, MLFLOW, 5000, "TCP");
    Verdict podOnly = policies.connect(samePodHere, MLFLOW, 5000, "TCP");

    // then
    assertThat(both.allowed()).isTrue();
    assertThat(namespaceOnly.allowed()).isFalse();
    assertThat(podOnly.allowed()).isFalse();
  }

  @Test
  void podAndNamespaceSelectorsInTwoPeersEachSuffice() throws IOException {
    // given
    NetworkPolicies policies = ingressToMlflow("""
        - from:
            - namespaceSelector:
                matchLabels: {team: imaging}
            - podSelector:
                matchLabels: {app: mlflow}
        """);
    Endpoint otherPodThere = Endpoint.pod("lung-ct", Map.of("app", "jupyter"), "10.244.2.20", List.of());
    Endpoint samePodHere = Endpoint.pod("brain-mets", Map.of("app", "mlflow"), "10.244.1.20", List.of());
    Endpoint samePodElsewhere = Endpoint.pod("argocd", Map.of("app", "mlflow"), "10.244.3.20", List.of());

    // when
    Verdict namespaceOnly = policies.connect(otherPodThere, MLFLOW, 5000, "TCP");
    Verdict podOnly = policies.connect(samePodHere, MLFLOW, 5000, "TCP");
    Verdict neither = policies.connect(samePodElsewhere, MLFLOW, 5000, "TCP");

    // then
    assertThat(namespaceOnly.allowed()).isTrue();
    assertThat(podOnly.allowed()).isTrue();
    assertThat(neither.allowed()).as("a podSelector alone picks pods of the policy's namespace only").isFalse();
    assertThat(policies.connect(HUB, MLFLOW, 5000, "TCP").allowed()).isFalse();
  }

  @ParameterizedTest(name = "{0} {1} on {2}: {3}")
  @CsvSource(delimiter = '|', value = {
      "In           | [hub, proxy] | component=hub    | true",
      "In           | [proxy]      | component=hub    | false",
      "In           | [hub]        | ''               | false",
      "NotIn        | [proxy]      | component=hub    | true",
      "NotIn        | [hub, proxy] | component=hub    | false",
      "NotIn        | [hub]        | ''               | true",
      "Exists       | []           | component=hub    | true",
      "Exists       | []           | app=hub          | false",
      "DoesNotExist | []           | app=hub          | true",
      "DoesNotExist | []           | component=hub    | false",
  })
  void matchExpressionsSelectPeers(String operator, String values, String label, boolean allowed) throws IOException {
    // given
    NetworkPolicies policies = ingressToMlflow("""
        - from:
            - podSelector:
                matchExpressions:
                  - {key: component, operator: %s, values: %s}
        """.formatted(operator, values));
    Map<String, String> labels = label.isEmpty() ? Map.of() : Map.of(label.split("=")[0], label.split("=")[1]);
    Endpoint peer = Endpoint.pod("brain-mets", labels, "10.244.1.30", List.of());

    // when
    Verdict verdict = policies.connect(peer, MLFLOW, 5000, "TCP");

    // then
    assertThat(verdict.allowed()).isEqualTo(allowed);
  }

  @Test
  void matchLabelsAndMatchExpressionsMustAllHold() throws IOException {
    // given
    NetworkPolicies policies = ingressToMlflow("""
        - from:
            - podSelector:
                matchLabels: {component: hub}
                matchExpressions:
                  - {key: tier, operator: In, values: [web]}
        """);

    // when
    Verdict both = policies.connect(Endpoint.pod("brain-mets", Map.of("component", "hub", "tier", "web"), "", List.of()), MLFLOW, 5000, "TCP");
    Verdict one = policies.connect(HUB, MLFLOW, 5000, "TCP");

    // then
    assertThat(both.allowed()).isTrue();
    assertThat(one.allowed()).isFalse();
  }

  @Test
  void anIpBlockMatchesItsCidrButNotItsExceptions() throws IOException {
    // given
    NetworkPolicies policies = egressFromSingleuser("""
        - to:
            - ipBlock:
                cidr: 0.0.0.0/0
                except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]
        """);

    // when
    Verdict internet = policies.connect(SINGLEUSER, INTERNET, 443, "TCP");
    Verdict privateAddress = policies.connect(SINGLEUSER, Endpoint.external("172.31.255.255"), 443, "TCP");

    // then
    assertThat(internet.allowed()).isTrue();
    assertThat(internet.reason()).isEqualTo("egress allowed by singleuser-egress; 203.0.113.7 is outside the cluster");
    assertThat(privateAddress.allowed()).isFalse();
    assertThat(privateAddress.reason()).isEqualTo("egress from pods component=singleuser-server in brain-mets is denied: "
        + "NetworkPolicy singleuser-egress selects them and does not allow TCP 443 to 172.31.255.255");
    assertThat(policies.connect(SINGLEUSER, Endpoint.external("172.32.0.1"), 443, "TCP").allowed()).isTrue();
    assertThat(policies.connect(SINGLEUSER, Endpoint.external("10.1.2.3"), 443, "TCP").allowed()).isFalse();
    assertThat(policies.connect(SINGLEUSER, Endpoint.external("192.168.0.1"), 443, "TCP").allowed()).isFalse();
    assertThat(policies.connect(SINGLEUSER, Endpoint.external("2001:db8::1"), 443, "TCP").allowed())
        .as("an IPv4 block does not hold IPv6 addresses").isFalse();
  }

  @Test
  void anIpBlockIsEvaluatedAgainstAPodsIpWhenItHasOne() throws IOException {
    // given
    NetworkPolicies policies = egressFromSingleuser("""
        - to:
            - ipBlock:
                cidr: 10.244.1.0/24
        """);
    Endpoint withoutIp = Endpoint.pod("brain-mets", Map.of("app", "mlflow"), "", List.of());

    // when
    Verdict inBlock = policies.connect(SINGLEUSER, MLFLOW, 5000, "TCP");
    Verdict outOfBlock = policies.connect(SINGLEUSER, LUNG_MLFLOW, 5000, "TCP");
    Verdict noIp = policies.connect(SINGLEUSER, withoutIp, 5000, "TCP");

    // then
    assertThat(inBlock.allowed()).isTrue();
    assertThat(outOfBlock.allowed()).isFalse();
    assertThat(noIp.allowed()).isFalse();
  }

  @Test
  void anIpv6BlockMatchesIpv6AddressesInIt() throws IOException {
    // given
    NetworkPolicies policies = ingressToMlflow("""
        - from:
            - ipBlock:
                cidr: 2001:db8::/32
                except: [2001:db8:ff::/48]
        """);

    // when
    Verdict inside = policies.connect(Endpoint.external("2001:db8:1:2::7"), MLFLOW, 5000, "TCP");
    Verdict excepted = policies.connect(Endpoint.external("2001:db8:ff:0:0:0:0:1"), MLFLOW, 5000, "TCP");

    // then
    assertThat(inside.allowed()).isTrue();
    assertThat(excepted.allowed()).isFalse();
    assertThat(policies.connect(Endpoint.external("2001:db9::1"), MLFLOW, 5000, "TCP").allowed()).isFalse();
    assertThat(policies.connect(Endpoint.external("2001:0db8:ffff:ffff:ffff:ffff:ffff:ffff"), MLFLOW, 5000, "TCP").allowed()).isTrue();
    assertThat(policies.connect(Endpoint.external("::ffff:203.0.113.7"), MLFLOW, 5000, "TCP").allowed()).isFalse();
    assertThat(policies.connect(INTERNET, MLFLOW, 5000, "TCP").allowed()).isFalse();
  }

  @Test
  void aPortOfOneProtocolDoesNotAllowAnother() throws IOException {
    // given
    NetworkPolicies policies = egressFromSingleuser("""
        - ports:
            - {protocol: UDP, port: 53}
            - {port: 443}
        """);
    Endpoint dns = Endpoint.external("10.96.0.10");

    // when
    Verdict udp = policies.connect(SINGLEUSER, dns, 53, "UDP");
    Verdict tcp = policies.connect(SINGLEUSER, dns, 53, "TCP");

    // then
    assertThat(udp.allowed()).isTrue();
    assertThat(tcp.allowed()).isFalse();
    assertThat(tcp.reason()).isEqualTo("egress from pods component=singleuser-server in brain-mets is denied: "
        + "NetworkPolicy singleuser-egress selects them and does not allow TCP 53 to 10.96.0.10");
    assertThat(policies.connect(SINGLEUSER, INTERNET, 443, "").allowed()).as("TCP by default").isTrue();
    assertThat(policies.connect(SINGLEUSER, INTERNET, 443, "UDP").allowed()).isFalse();
    assertThat(policies.connect(SINGLEUSER, INTERNET, 443, "SCTP").allowed()).isFalse();
  }

  @Test
  void aPortWithoutNumberAllowsEveryPortOfItsProtocol() throws IOException {
    // given
    NetworkPolicies policies = egressFromSingleuser("""
        - ports:
            - {protocol: SCTP}
        """);

    // when
    Verdict sctp = policies.connect(SINGLEUSER, INTERNET, 9899, "SCTP");
    Verdict tcp = policies.connect(SINGLEUSER, INTERNET, 9899, "TCP");

    // then
    assertThat(sctp.allowed()).isTrue();
    assertThat(tcp.allowed()).isFalse();
  }

  @Test
  void anEndPortAllowsTheRangeWithBothEnds() throws IOException {
    // given
    NetworkPolicies policies = egressFromSingleuser("""
        - ports:
            - {protocol: TCP, port: 32000, endPort: 32768}
        """);

    // when
    List<Boolean> allowed = List.of(31999, 32000, 32400, 32768, 32769).stream()
        .map(port -> policies.connect(SINGLEUSER, INTERNET, port, "TCP").allowed())
        .toList();

    // then
    assertThat(allowed).containsExactly(false, true, true, true, false);
  }

  @Test
  void aNamedPortMatchesTheDestinationPodsPortOfThatNameNumberAndProtocol() throws IOException {
    // given
    NetworkPolicies policies = ingressToMlflow("""
        - ports:
            - {port: http}
        """);
    Endpoint otherNumber = Endpoint.pod("brain-mets", Map.of("app", "mlflow"), "10.244.1.40", List.of(new ContainerPort("http", 8080, "TCP")));
    Endpoint otherName = Endpoint.pod("brain-mets", Map.of("app", "mlflow"), "10.244.1.41", List.of(new ContainerPort("web", 5000, "TCP")));

    // when
    Verdict named = policies.connect(HUB, MLFLOW, 5000, "TCP");
    Verdict wrongNumber = policies.connect(HUB, otherNumber, 5000, "TCP");

    // then
    assertThat(named.allowed()).isTrue();
    assertThat(wrongNumber.allowed()).isFalse();
    assertThat(policies.connect(HUB, otherNumber, 8080, "TCP").allowed()).isTrue();
    assertThat(policies.connect(HUB, otherName, 5000, "TCP").allowed()).isFalse();
    assertThat(policies.connect(HUB, MLFLOW, 5000, "UDP").allowed()).isFalse();
  }

  @Test
  void aNamedEgressPortMatchesTheDestinationPodButNeverAnExternalAddress() throws IOException {
    // given
    NetworkPolicies policies = egressFromSingleuser("""
        - ports:
            - {port: http}
        """);

    // when
    Verdict toPod = policies.connect(SINGLEUSER, MLFLOW, 5000, "TCP");
    Verdict toAddress = policies.connect(SINGLEUSER, Endpoint.external("10.244.1.12"), 5000, "TCP");

    // then
    assertThat(toPod.allowed()).isTrue();
    assertThat(toAddress.allowed()).isFalse();
    assertThat(policies.connect(SINGLEUSER, HUB, 5000, "TCP").allowed()).as("the hub has no port named http").isFalse();
  }

  @Test
  void withoutPolicyTypesAPolicyWithOnlyIngressRulesDoesNotRestrictEgress() throws IOException {
    // given
    NetworkPolicies policies = policies("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: hub-only, namespace: brain-mets}
        spec:
          podSelector: {}
          ingress:
            - from:
                - podSelector:
                    matchLabels: {component: hub}
        """);

    // when
    Verdict egress = policies.connect(SINGLEUSER, INTERNET, 443, "TCP");
    Verdict ingress = policies.connect(SINGLEUSER, MLFLOW, 5000, "TCP");

    // then
    assertThat(egress.allowed()).isTrue();
    assertThat(egress.reason()).startsWith("no NetworkPolicy selects pods component=singleuser-server in brain-mets for egress");
    assertThat(ingress.allowed()).isFalse();
    assertThat(policies.connect(HUB, MLFLOW, 5000, "TCP").allowed()).isTrue();
  }

  @Test
  void withoutPolicyTypesAPolicyWithEgressRulesRestrictsEgressAndIngress() throws IOException {
    // given
    NetworkPolicies policies = policies("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: dns-only, namespace: brain-mets}
        spec:
          podSelector:
            matchLabels: {component: singleuser-server}
          egress:
            - ports:
                - {protocol: UDP, port: 53}
        """);

    // when
    Verdict egress = policies.connect(SINGLEUSER, INTERNET, 443, "TCP");
    Verdict ingress = policies.connect(HUB, SINGLEUSER, 8888, "TCP");

    // then
    assertThat(egress.allowed()).isFalse();
    assertThat(egress.reason()).startsWith("egress from pods component=singleuser-server in brain-mets is denied: NetworkPolicy dns-only");
    assertThat(ingress.allowed()).as("Ingress is always a default type, and the policy has no ingress rules").isFalse();
    assertThat(policies.connect(SINGLEUSER, INTERNET, 53, "UDP").allowed()).isTrue();
  }

  @Test
  void withoutPolicyTypesAnEmptyEgressListIsNoEgressRule() throws IOException {
    // given
    NetworkPolicies policies = policies("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: empty-egress, namespace: brain-mets}
        spec:
          podSelector: {}
          egress: []
        """);

    // when
    Verdict egress = policies.connect(SINGLEUSER, INTERNET, 443, "TCP");
    Verdict ingress = policies.connect(HUB, SINGLEUSER, 8888, "TCP");

    // then
    assertThat(egress.allowed()).isTrue();
    assertThat(ingress.allowed()).isFalse();
  }

  @Test
  void anEgressOnlyPolicyDoesNotRestrictIngress() throws IOException {
    // given
    NetworkPolicies policies = policies("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: no-egress, namespace: brain-mets}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          ingress:
            - from:
                - podSelector:
                    matchLabels: {component: hub}
        """);

    // when
    Verdict ingress = policies.connect(INTERNET, MLFLOW, 5000, "TCP");
    Verdict egress = policies.connect(MLFLOW, INTERNET, 443, "TCP");

    // then
    assertThat(ingress.allowed()).isTrue();
    assertThat(ingress.reason()).isEqualTo("203.0.113.7 is outside the cluster; no NetworkPolicy selects pods app=mlflow in brain-mets for ingress");
    assertThat(egress.allowed()).isFalse();
  }

  @Test
  void aPolicyInAnotherNamespaceDoesNotSelectThePod() throws IOException {
    // given
    NetworkPolicies policies = policies("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny, namespace: lung-ct}
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
        """);

    // when
    Verdict here = policies.connect(HUB, MLFLOW, 5000, "TCP");
    Verdict there = policies.connect(HUB, LUNG_MLFLOW, 5000, "TCP");

    // then
    assertThat(here.allowed()).isTrue();
    assertThat(there.allowed()).isFalse();
    assertThat(there.reason()).isEqualTo("ingress to pods app=mlflow in lung-ct is denied: NetworkPolicy default-deny selects them "
        + "and does not allow TCP 5000 from pods component=hub in brain-mets");
  }

  @Test
  void aPodSelectorOfThePolicySelectsByLabels() throws IOException {
    // given
    NetworkPolicies policies = policies("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-mlflow, namespace: brain-mets}
        spec:
          podSelector:
            matchLabels: {app: mlflow}
          policyTypes: [Ingress]
        """);

    // when
    Verdict toMlflow = policies.connect(SINGLEUSER, MLFLOW, 5000, "TCP");
    Verdict toHub = policies.connect(SINGLEUSER, HUB, 8081, "TCP");

    // then
    assertThat(toMlflow.allowed()).isFalse();
    assertThat(toHub.allowed()).isTrue();
  }

  @Test
  void aRuleWithoutPeersAndPortsAllowsEverything() throws IOException {
    // given
    NetworkPolicies policies = ingressToMlflow("- {}\n");

    // when
    Verdict verdict = policies.connect(INTERNET, MLFLOW, 1234, "UDP");

    // then
    assertThat(verdict.allowed()).isTrue();
    assertThat(verdict.reason()).isEqualTo("203.0.113.7 is outside the cluster; ingress allowed by mlflow-ingress");
  }

  @Test
  void podSelectorsNeverMatchAnAddressOutsideTheCluster() throws IOException {
    // given
    NetworkPolicies policies = ingressToMlflow("""
        - from:
            - namespaceSelector: {}
        """);

    // when
    Verdict fromPod = policies.connect(ARGOCD, MLFLOW, 5000, "TCP");
    Verdict fromAddress = policies.connect(INTERNET, MLFLOW, 5000, "TCP");

    // then
    assertThat(fromPod.allowed()).isTrue();
    assertThat(fromAddress.allowed()).isFalse();
  }

  @Test
  void endpointsDescribeThemselves() {
    assertThat(Endpoint.pod("brain-mets", Map.of("component", "hub", "app", "jupyterhub"), "", List.of()).describe())
        .isEqualTo("pods app=jupyterhub,component=hub in brain-mets");
    assertThat(Endpoint.pod("brain-mets", Map.of(), "", List.of()).describe()).isEqualTo("pods without labels in brain-mets");
    assertThat(INTERNET.describe()).isEqualTo("203.0.113.7");
  }

  @Test
  void invalidInputIsRefusedWithTheElementAndTheValue() {
    assertThatThrownBy(() -> Endpoint.external("203.0.113")).hasMessageContaining("'203.0.113' is not an IPv4 or IPv6 address");
    assertThatThrownBy(() -> Endpoint.external("1::2::3")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policies("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: bad, namespace: brain-mets}
        spec:
          podSelector: {}
          egress:
            - to:
                - ipBlock: {cidr: 10.0.0.0/33}
        """)).hasMessage("NetworkPolicy brain-mets/bad: '10.0.0.0/33' is not a CIDR; write an address and a prefix length, "
            + "like 10.0.0.0/8 or 2001:db8::/32");
    assertThatThrownBy(() -> policies("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: nowhere}
        spec: {podSelector: {}}
        """)).hasMessage("NetworkPolicy nowhere has no metadata.namespace");
  }
}
