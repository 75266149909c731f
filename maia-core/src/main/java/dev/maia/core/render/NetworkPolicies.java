package dev.maia.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The NetworkPolicies every namespace the tree makes is built from: deny all, then allow by name. */
public final class NetworkPolicies {

  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
  /** Where the cluster DNS runs, as kubeadm, k3s and the managed clusters label it. */
  static final String DNS_NAMESPACE = "kube-system";
  static final String DNS_POD_LABEL = "k8s-app";
  static final String DNS_POD = "kube-dns";
  static final int DNS_PORT = 53;
  /**
   * The addresses a NetworkPolicy may let pods reach outside the cluster: any but the private,
   * link-local (cloud metadata) and shared ranges, where pods, nodes and the API server live.
   */
  static final List<String> NOT_PUBLIC = List.of("10.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16");

  private NetworkPolicies() {}

  /** {@code default-deny}: no traffic in or out of any pod of {@code namespace} (null: kustomize sets it). */
  public static JsonNode defaultDeny(String namespace) {
    return Manifests.tree(
        new NetworkPolicyBuilder()
            .withNewMetadata().withName("default-deny").withNamespace(namespace).endMetadata()
            .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress", "Egress").endSpec()
            .build());
  }

  /** {@code allow-dns}: every pod of {@code namespace} may ask the cluster DNS. */
  public static JsonNode allowDns(String namespace) {
    return Manifests.tree(
        new NetworkPolicyBuilder()
            .withNewMetadata().withName("allow-dns").withNamespace(namespace).endMetadata()
            .withNewSpec()
            .withNewPodSelector().endPodSelector()
            .addNewEgress()
            .addNewTo()
            .withNewNamespaceSelector().addToMatchLabels(NAMESPACE_NAME_LABEL, DNS_NAMESPACE).endNamespaceSelector()
            .withNewPodSelector().addToMatchLabels(DNS_POD_LABEL, DNS_POD).endPodSelector()
            .endTo()
            .addNewPort().withProtocol("UDP").withPort(new IntOrString(DNS_PORT)).endPort()
            .addNewPort().withProtocol("TCP").withPort(new IntOrString(DNS_PORT)).endPort()
            .endEgress()
            .withPolicyTypes("Egress")
            .endSpec()
            .build());
  }

  /**
   * Lets the selected pods (all when {@code pods} is empty) open connections to {@code port} of
   * addresses outside the cluster. A NetworkPolicy cannot name a host, so the issuer and the HPC
   * login nodes are reached at any public address on their port.
   */
  public static JsonNode allowOut(String name, String namespace, Map<String, String> labels, Map<String, String> pods, int port) {
    return Manifests.tree(
        new NetworkPolicyBuilder()
            .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
            .withNewSpec()
            .withNewPodSelector().withMatchLabels(new TreeMap<>(pods)).endPodSelector()
            .addNewEgress()
            .addNewTo().withNewIpBlock().withCidr("0.0.0.0/0").withExcept(NOT_PUBLIC).endIpBlock().endTo()
            .addNewPort().withProtocol("TCP").withPort(new IntOrString(port)).endPort()
            .endEgress()
            .withPolicyTypes("Egress")
            .endSpec()
            .build());
  }
}
