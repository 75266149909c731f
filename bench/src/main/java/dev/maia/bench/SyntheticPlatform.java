package dev.maia.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a synthetic platform repo: {@code platform.yaml} with the clusters, one file per project
 * under {@code projects/}, and bookings under {@code bookings/}. The same arguments and seed always
 * give the same bytes. Usage:
 *
 * <pre>
 * SyntheticPlatform --out DIR [--projects N] [--clusters C] [--tools T] [--bookings B] [--seed S] [--charts URL]
 * </pre>
 *
 * With {@code --charts}, every tool's chart comes from the Helm repository at URL ({@code
 * spec.catalog}), for benchmarks that render the charts from a repository on 127.0.0.1.
 */
public final class SyntheticPlatform {

  /** Tools in the order they are handed out; a project with T tools gets the first T. */
  static final List<String> TOOLS =
      List.of("workspace", "minio", "mlflow", "filebrowser", "label-studio", "orthanc", "monai-label", "xnat");

  static final String GPU_PRODUCT = "NVIDIA-A100-SXM4-80GB";

  /** The instant bookings are laid out from; pass it as {@code maia.now} to the compiler. */
  public static final Instant EPOCH = Instant.parse("2027-01-04T00:00:00Z");

  private final int projects;
  private final int clusters;
  private final int tools;
  private final int bookings;
  private final long seed;
  private final String charts;

  public SyntheticPlatform(int projects, int clusters, int tools, int bookings, long seed) {
    this(projects, clusters, tools, bookings, seed, "");
  }

  public SyntheticPlatform(int projects, int clusters, int tools, int bookings, long seed, String charts) {
    if (projects < 1 || clusters < 1 || tools < 0 || tools > TOOLS.size() || bookings < 0 || bookings > 2 * projects) {
      throw new IllegalArgumentException(
          "need projects >= 1, clusters >= 1, 0 <= tools <= " + TOOLS.size()
              + ", 0 <= bookings <= 2 x projects (each project's 2 users may hold one future booking each)");
    }
    this.projects = projects;
    this.clusters = clusters;
    this.tools = tools;
    this.bookings = bookings;
    this.seed = seed;
    this.charts = charts;
  }

  public static void main(String[] args) {
    Path out = null;
    int projects = 100;
    int clusters = 20;
    int tools = 3;
    int bookings = 0;
    long seed = 1;
    String charts = "";
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--out" -> out = Path.of(value);
        case "--projects" -> projects = Integer.parseInt(value);
        case "--clusters" -> clusters = Integer.parseInt(value);
        case "--tools" -> tools = Integer.parseInt(value);
        case "--bookings" -> bookings = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        case "--charts" -> charts = value;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
      i++;
    }
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required");
    }
    new SyntheticPlatform(projects, clusters, tools, bookings, seed, charts).write(out);
  }

  /** Writes the platform repo into {@code dir} (created if missing). */
  public void write(Path dir) {
    try {
      Files.createDirectories(dir.resolve("projects"));
      Files.createDirectories(dir.resolve("bookings"));
      Files.writeString(dir.resolve("platform.yaml"), platform(), StandardCharsets.UTF_8);
      Random random = new Random(seed);
      for (int p = 0; p < projects; p++) {
        Files.writeString(dir.resolve("projects/" + projectName(p) + ".yaml"), project(p, random), StandardCharsets.UTF_8);
      }
      if (bookings > 0) {
        Files.writeString(dir.resolve("bookings/synthetic.yaml"), bookings(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file of one project, as a different run would write it after "one project changed". */
  public String changedProject(int index) {
    return project(index, new Random(seed + 1)).replace("storage: 100Gi", "storage: 110Gi");
  }

  static String projectName(int index) {
    return String.format(Locale.ROOT, "p%05d", index);
  }

  static String clusterName(int index) {
    return String.format(Locale.ROOT, "c%02d", index);
  }

  private String platform() {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: maia/v1alpha1\nkind: Platform\nmetadata:\n  name: synthetic\nspec:\n");
    y.append("  gitops: {repoURL: https://git.example.org/maia/gitops.git, branch: gitops}\n");
    y.append("  argocd: {namespace: argocd, cluster: ").append(clusterName(0)).append("}\n");
    y.append("  identity: {issuer: https://iam.example.org/realms/maia}\n");
    y.append("  secrets: {provider: external-secrets, store: {kind: ClusterSecretStore, name: vault}}\n");
    // an include that matches no file is an error: bookings/ is included when it holds some
    y.append(bookings > 0 ? "  include: [projects/*.yaml, bookings/*.yaml]\n" : "  include: [projects/*.yaml]\n");
    if (!charts.isEmpty()) {
      y.append("  catalog:\n");
      for (String tool : TOOLS.subList(0, tools)) {
        y.append("    ").append(tool).append(": {repoURL: '").append(charts).append("'}\n");
      }
      // the tools' charts are served on loopback; the core layer's are not, so it is left to the clusters
      y.append("  core:\n");
      for (String component : List.of("ingress", "certManager", "secrets", "gpuOperator", "monitoring")) {
        y.append("    ").append(component).append(": {enabled: false}\n");
      }
    }
    y.append("  clusters:\n");
    for (int c = 0; c < clusters; c++) {
      String name = clusterName(c);
      y.append("    - name: ").append(name).append('\n');
      y.append("      server: ").append(c == 0 ? "https://kubernetes.default.svc" : "https://" + name + ".example.org:6443").append('\n');
      y.append("      domain: ").append(name).append(".maia.example.org\n");
      y.append("      labels: {site: site").append(c % 4).append(", env: ").append(c % 2 == 0 ? "research" : "clinical").append("}\n");
      if (c > 0) {
        y.append("      credentials: {secretKey: clusters/").append(name).append("}\n");
      }
      y.append("      ingress: {className: nginx, clusterIssuer: letsencrypt}\n");
      y.append("      storage: {default: standard, shared: nfs}\n");
      y.append("      ports: {ssh: [30000, 31999], dicom: [32000, 32767]}\n");
      y.append("      gpus: [{product: ").append(GPU_PRODUCT).append(", count: ").append(GPUS_PER_CLUSTER).append("}]\n");
    }
    return y.toString();
  }

  private String project(int index, Random random) {
    String name = projectName(index);
    String cluster = clusterName(index % clusters);
    StringBuilder y = new StringBuilder("projects:\n");
    y.append("  - name: ").append(name).append('\n');
    y.append("    cluster: ").append(cluster).append('\n');
    y.append("    description: Synthetic project ").append(index).append('\n');
    y.append("    users: [").append(user(index, 0)).append(", ").append(user(index, 1)).append("]\n");
    y.append("    admins: [pi.").append(name).append("@example.org]\n");
    // at least 3 CPU, and limits that hold the three tools as their charts render them beside the user
    // servers of the project's three members (2 CPU, 4Gi each) and their home volumes (maia:verify checks it)
    int cpu = 3 + random.nextInt(7);
    y.append("    resources: {cpu: {request: ").append(cpu).append(", limit: ").append(cpu * 2 + 8)
        .append("}, memory: {request: 8Gi, limit: 32Gi}, storage: 100Gi}\n");
    y.append("    gpu: {product: ").append(GPU_PRODUCT).append(", quota: 1}\n");
    y.append("    tools:\n");
    for (String tool : TOOLS.subList(0, tools)) {
      y.append("      ").append(tool).append(": {}\n");
    }
    return y.toString();
  }

  private static String user(int project, int n) {
    return "user" + n + "." + projectName(project) + "@example.org";
  }

  /** GPUs of the one pool of every cluster. */
  private static final int GPUS_PER_CLUSTER = 64;

  /**
   * Bookings of 1 GPU for 7 days: the first user of each project, then the second (each user may
   * hold one future booking). On each cluster they are laid out in weeks of at most {@value
   * #GPUS_PER_CLUSTER} bookings, so that its capacity holds however many there are.
   */
  private String bookings() {
    StringBuilder y = new StringBuilder("bookings:\n");
    List<String> lines = new ArrayList<>();
    int[] onCluster = new int[clusters];
    for (int b = 0; b < bookings; b++) {
      int project = b % projects;
      int user = b / projects;
      int week = onCluster[project % clusters]++ / GPUS_PER_CLUSTER;
      Instant start = EPOCH.plus(Duration.ofDays(1L + 8L * week));
      lines.add(
          "  - {id: b-"
              + String.format(Locale.ROOT, "%06d", b)
              + ", user: "
              + user(project, user)
              + ", project: "
              + projectName(project)
              + ", product: "
              + GPU_PRODUCT
              + ", gpus: 1, start: "
              + start
              + ", end: "
              + start.plus(Duration.ofDays(7))
              + "}\n");
    }
    lines.forEach(y::append);
    return y.toString();
  }
}
