package dev.maia.core.clustercore;

import dev.maia.core.model.Cluster;
import dev.maia.core.model.Core;
import dev.maia.core.model.GpuPolicy;
import dev.maia.core.model.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which foundation components one cluster gets from the tree: each component the cluster's {@code
 * core} (else the platform's) switches on, or, where it says nothing, each one the cluster needs:
 *
 * <ul>
 *   <li>{@code ingress-nginx} or {@code traefik}: the controller of {@code ingress.className};
 *   <li>{@code metallb}: when the core names load balancer addresses;
 *   <li>{@code cert-manager}: when {@code ingress.clusterIssuer} names an issuer;
 *   <li>{@code external-secrets} or {@code sealed-secrets}: the operator of {@code
 *       spec.secrets.provider};
 *   <li>{@code gpu-operator}: when the cluster has {@code gpus};
 *   <li>{@code kueue}: when {@code gpuPolicy.scheduling} is {@code kueue};
 *   <li>{@code local-path-provisioner}, {@code nfs-provisioner}: for the storage classes the core
 *       names a provisioner for;
 *   <li>{@code kube-prometheus-stack} and {@code metrics-server}: monitoring.
 * </ul>
 *
 * @param components the component ids, in the catalog's order of sync (by wave, then id)
 */
public record CorePlan(Cluster cluster, List<String> components) {

  /** The monitoring component, whose namespace, login and dashboard the core configuration makes. */
  public static final String MONITORING = "kube-prometheus-stack";
  /** cert-manager, in whose namespace an internal CA's key pair is. */
  public static final String CERT_MANAGER = "cert-manager";
  /** The Secret of Grafana's admin login, in the monitoring namespace. */
  public static final String GRAFANA_ADMIN = "grafana-admin";

  public CorePlan {
    components = List.copyOf(components);
  }

  /**
   * The ingress controller component of a cluster: the one its core names ({@code
   * core.ingress.controller}), else the one of its class name ({@code nginx}, {@code traefik}).
   */
  public static Optional<String> ingressController(Cluster cluster) {
    if (cluster.core().ingressController().isPresent()) {
      return cluster.core().ingressController();
    }
    return switch (cluster.ingress().className()) {
      case "nginx" -> Optional.of("ingress-nginx");
      case "traefik" -> Optional.of("traefik");
      default -> Optional.empty();
    };
  }

  /**
   * The namespace the cluster's ingress controller runs in, which the project namespaces let in:
   * the core component's when the tree installs it; else the usual one of the class (ingress-nginx
   * for {@code nginx}), or a namespace named like the class.
   */
  public static String ingressNamespace(Cluster cluster) {
    Optional<String> controller = ingressController(cluster);
    if (cluster.core().ingress().orElse(true) && controller.isPresent()) {
      return CoreCatalog.builtIn().component(controller.get()).namespace();
    }
    return "nginx".equals(cluster.ingress().className()) ? "ingress-nginx" : cluster.ingress().className();
  }

  public static CorePlan of(Platform platform, Cluster cluster, CoreCatalog catalog) {
    Core core = cluster.core();
    List<String> ids = new ArrayList<>();
    if (core.ingress().orElse(true)) {
      ingressController(cluster).ifPresent(ids::add);
    }
    if (!core.loadBalancerAddresses().isEmpty()) {
      ids.add("metallb");
    }
    if (core.certManager().orElse(!cluster.ingress().clusterIssuer().isEmpty())) {
      ids.add(CERT_MANAGER);
    }
    if (core.secrets().orElse(true)) {
      ids.add(platform.secrets().sealed() ? "sealed-secrets" : "external-secrets");
    }
    if (core.gpuOperator().orElse(!cluster.gpus().isEmpty())) {
      ids.add("gpu-operator");
    }
    if (core.kueue().orElse(platform.gpuPolicy().scheduling() == GpuPolicy.Scheduling.KUEUE)) {
      ids.add("kueue");
    }
    for (Optional<Core.Provisioner> provisioner : List.of(core.defaultStorage(), core.sharedStorage())) {
      provisioner.map(p -> p.kind() == Core.Provisioner.Kind.LOCAL_PATH ? "local-path-provisioner" : "nfs-provisioner")
          .filter(id -> !ids.contains(id)).ifPresent(ids::add);
    }
    if (core.monitoring().orElse(true)) {
      ids.add(MONITORING);
      ids.add("metrics-server");
    }
    ids.sort(java.util.Comparator.comparingInt((String id) -> catalog.component(id).syncWave()).thenComparing(id -> id));
    return new CorePlan(cluster, ids);
  }

  public boolean has(String component) {
    return components.contains(component);
  }
}
