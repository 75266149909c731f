package dev.maia.core.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One Kubernetes cluster of the federation. */
public record Cluster(
    String name,
    String server,
    String domain,
    Map<String, String> labels,
    Optional<String> credentialsKey,
    Ingress ingress,
    Storage storage,
    Ports ports,
    List<GpuPool> gpus) {

  public Cluster {
    labels = Map.copyOf(labels);
    gpus = List.copyOf(gpus);
  }

  public Optional<GpuPool> gpu(String product) {
    return gpus.stream().filter(g -> g.product().equals(product)).findFirst();
  }

  public record Ingress(String className, String clusterIssuer) {}

  public record Storage(String defaultClass, String sharedClass) {}

  /** NodePort ranges the allocation lock takes ports from. */
  public record Ports(PortRange ssh, PortRange dicom) {}

  /** An inclusive range of ports. */
  public record PortRange(int from, int to) {

    public boolean overlaps(PortRange other) {
      return from <= other.to && other.from <= to;
    }

    @Override
    public String toString() {
      return "[" + from + ", " + to + "]";
    }
  }

  /** GPUs of one product; {@code replicas} counts MPS or time-slicing shares per card. */
  public record GpuPool(String product, int count, int replicas) {

    /** How many GPU shares the scheduler sees. */
    public int capacity() {
      return count * replicas;
    }
  }
}
