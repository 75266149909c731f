package dev.maia.core.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one cluster's {@code core} says of its foundation components, as written: the cluster's
 * setting of a component, or else the platform's ({@code spec.core}). An empty {@code enabled}
 * leaves the choice to the default, which depends on what the cluster needs (see {@code
 * dev.maia.core.clustercore.CorePlan}).
 *
 * @param ingress whether the cluster gets the ingress controller of its class
 * @param ingressController which controller serves the class ({@code ingress-nginx} or {@code
 *     traefik}), when the class name does not say
 * @param loadBalancerAddresses MetalLB's address ranges; none: no MetalLB
 * @param certManager whether the cluster gets cert-manager
 * @param issuer how the cluster's ClusterIssuer signs, when the tree makes it
 * @param secrets whether the cluster gets the operator of the secrets provider
 * @param storeProvider the provider section of the ClusterSecretStore, when the tree makes it
 * @param gpuOperator whether the cluster gets the NVIDIA GPU operator
 * @param gpuDriver whether the GPU operator installs the driver
 * @param kueue whether the cluster gets Kueue
 * @param defaultStorage the provisioner of {@code storage.default}, when the tree makes one
 * @param sharedStorage the provisioner of {@code storage.shared}, when the tree makes one
 * @param monitoring whether the cluster gets kube-prometheus-stack and metrics-server
 */
public record Core(
    Optional<Boolean> ingress,
    Optional<String> ingressController,
    List<String> loadBalancerAddresses,
    Optional<Boolean> certManager,
    Optional<Issuer> issuer,
    Optional<Boolean> secrets,
    Optional<Map<String, Object>> storeProvider,
    Optional<Boolean> gpuOperator,
    boolean gpuDriver,
    Optional<Boolean> kueue,
    Optional<Provisioner> defaultStorage,
    Optional<Provisioner> sharedStorage,
    Optional<Boolean> monitoring) {

  public Core {
    loadBalancerAddresses = List.copyOf(loadBalancerAddresses);
  }

  /** Nothing said: every component at its default. */
  public static final Core DEFAULTS = new Core(Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** How a ClusterIssuer signs. */
  public record Issuer(Kind kind, String email, String server, String secretName) {

    public enum Kind {
      ACME,
      SELF_SIGNED,
      CA
    }
  }

  /** The provisioner of a storage class. */
  public record Provisioner(Kind kind, String path, String server) {

    public enum Kind {
      LOCAL_PATH,
      NFS
    }
  }
}
