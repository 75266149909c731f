package dev.maia.core.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One Kubernetes cluster of the federation.
 *
 * @param kubernetesVersion {@code major.minor} or {@code major.minor.patch}: what charts are
 *     rendered for by {@code maia:verify}
 * @param core what the cluster's foundation components are to be (its {@code core}, else the
 *     platform's)
 */
public record Cluster(
    String name,
    String server,
    String domain,
    String kubernetesVersion,
    Map<String, String> labels,
    Optional<String> credentialsKey,
    Ingress ingress,
    Storage storage,
    Ports ports,
    List<GpuPool> gpus,
    Core core) {

  public Cluster {
    labels = Map.copyOf(labels);
    gpus = List.copyOf(gpus);
  }

  /** The label every generated resource of a cluster carries, with the cluster's name. */
  public static final String NAME_LABEL = "maia.dev/cluster";

  /** Prefix of the derived label {@code maia.gpu/<product>: "true"} of a cluster with that GPU product. */
  public static final String GPU_LABEL_PREFIX = "maia.gpu/";

  /**
   * The labels the cluster is known by in ArgoCD (its registration Secret) and that rollout waves
   * select on: its {@code labels}, plus {@value #NAME_LABEL} with its name and {@code
   * maia.gpu/<product>: "true"} for each GPU product, plus {@code app.kubernetes.io/managed-by:
   * maia}. A written label of the same key gives way to the derived one.
   */
  public Map<String, String> selectorLabels() {
    Map<String, String> result = new TreeMap<>(labels);
    result.put("app.kubernetes.io/managed-by", "maia");
    result.put(NAME_LABEL, name);
    gpus.forEach(g -> result.put(GPU_LABEL_PREFIX + g.product(), "true"));
    return java.util.Collections.unmodifiableMap(result);
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
  public record GpuPool(String product, int count, int replicas, Sharing sharing) {

    public GpuPool(String product, int count, int replicas) {
      this(product, count, replicas, Sharing.TIME_SLICING);
    }

    /** How the cards of a pool with more than one replica are shared. */
    public enum Sharing {
      TIME_SLICING("time-slicing"),
      MPS("mps");

      private final String value;

      Sharing(String value) {
        this.value = value;
      }

      public String value() {
        return value;
      }

      public static Sharing of(String value) {
        return MPS.value.equals(value) ? MPS : TIME_SLICING;
      }
    }

    /**
     * The value of the node label {@code nvidia.com/gpu.product} on this pool's nodes: the product,
     * with {@code -SHARED} appended when its cards are shared (more than one replica), as the GPU
     * feature discovery of the NVIDIA device plugin labels them (time-slicing and MPS alike, the
     * resource not renamed). Node selectors and Kueue flavors name this value, not the product.
     */
    public String nodeLabel() {
      return replicas > 1 ? product + "-SHARED" : product;
    }

    /** How many GPU shares the scheduler sees. */
    public int capacity() {
      return count * replicas;
    }
  }
}
