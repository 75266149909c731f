package dev.maia.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A generated federation for tests: clusters c00, c01, ... (c00 runs ArgoCD; even ones research,
 * odd ones clinical, in two rollout waves) and projects p00000, p00001, ... each in its own file.
 * Every tenth project is federated over two clusters and gets an override on the second one (more
 * memory, Orthanc and MONAI Deploy, no MLflow); every third has Orthanc.
 */
final class SyntheticFederation {

  private final int clusters;
  private final int projects;
  private String mode = "applications";
  private int sharedDomain = -1;
  private boolean oneFileReversed;

  SyntheticFederation(int clusters, int projects) {
    this.clusters = clusters;
    this.projects = projects;
  }

  /** Writes the platform in the given ArgoCD mode. */
  SyntheticFederation mode(String argocdMode) {
    this.mode = argocdMode;
    return this;
  }

  /** Writes every project into one file, last project first: the same platform in another order. */
  SyntheticFederation oneFileReversed() {
    this.oneFileReversed = true;
    return this;
  }

  /** Gives cluster {@code index} the domain of cluster 3, so that projects on both meet. */
  SyntheticFederation domainOfClusterThreeOn(int index) {
    this.sharedDomain = index;
    return this;
  }

  /**
   * The clusters of project {@code p}: every tenth is federated, on cluster (p / 10) mod clusters
   * and the fourth after it; the others are on cluster p mod clusters.
   */
  List<Integer> clustersOf(int p) {
    if (p % 10 == 0) {
      int first = (p / 10) % clusters;
      return List.of(first, (first + 4) % clusters);
    }
    return List.of(p % clusters);
  }

  static String cluster(int index) {
    return String.format(Locale.ROOT, "c%02d", index);
  }

  static String project(int index) {
    return String.format(Locale.ROOT, "p%05d", index);
  }

  /** Writes {@code platform.yaml} and {@code projects/*.yaml} into {@code dir}; returns the platform file. */
  Path write(Path dir) throws IOException {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: maia/v1alpha1\nkind: Platform\nmetadata: {name: synthetic}\nspec:\n");
    y.append("  gitops: {repoURL: https://git.example.org/maia/gitops.git}\n");
    y.append("  argocd: {cluster: c00, mode: ").append(mode).append("}\n");
    y.append("  identity: {issuer: https://iam.example.org/realms/maia}\n");
    y.append("  secrets: {store: {name: vault}}\n");
    y.append("  include: [projects/*.yaml]\n");
    y.append("  rollout:\n    waves:\n");
    y.append("      - {name: research, clusters: {matchLabels: {env: research}}}\n");
    y.append("      - {name: clinical, clusters: {matchLabels: {env: clinical}}}\n");
    y.append("  hpc:\n    - {name: alvis, host: alvis.example.org, scheduler: slurm, projects: [")
        .append(project(0)).append(", ").append(project(projects / 2)).append("], users: {u0@example.org: u0, u")
        .append(projects / 2).append("@example.org: u").append(projects / 2).append("}}\n");
    y.append("  clusters:\n");
    for (int c = 0; c < clusters; c++) {
      String name = cluster(c);
      String domain = c == sharedDomain ? cluster(3) : name;
      y.append("    - name: ").append(name).append('\n');
      y.append("      server: ").append(c == 0 ? "https://kubernetes.default.svc" : "https://" + name + ".example.org:6443").append('\n');
      y.append("      domain: ").append(domain).append(".maia.example.org\n");
      y.append("      labels: {env: ").append(c % 2 == 0 ? "research" : "clinical").append(", site: site").append(c % 4).append("}\n");
      if (c > 0) {
        y.append("      credentials: {secretKey: clusters/").append(name).append("}\n");
      }
      y.append("      storage: {default: standard, shared: nfs}\n");
      y.append("      ports: {ssh: [30000, 31999], dicom: [32000, 32767]}\n");
      y.append("      gpus: [{product: NVIDIA-A100-SXM4-80GB, count: 64}]\n");
    }
    Files.writeString(dir.resolve("platform.yaml"), y.toString(), StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("projects"));
    StringBuilder all = new StringBuilder("projects:\n");
    for (int p = projects - 1; p >= 0; p--) {
      List<Integer> placed = clustersOf(p);
      StringBuilder project = new StringBuilder("projects:\n  - name: ").append(project(p)).append('\n');
      project.append("    clusters: [").append(String.join(", ", placed.stream().map(SyntheticFederation::cluster).toList())).append("]\n");
      project.append("    users: [u").append(p).append("@example.org]\n");
      project.append("    resources: {cpu: {request: 2, limit: 4}, memory: {request: 4Gi, limit: 8Gi}, storage: 100Gi}\n");
      project.append("    gpu: {product: NVIDIA-A100-SXM4-80GB, quota: 1}\n");
      project.append("    tools: {workspace: {}, mlflow: {}, minio: {size: 10Gi}")
          .append(p % 3 == 0 ? ", orthanc: {aeTitle: P" + p + "}" : "").append("}\n");
      if (placed.size() > 1) {
        project.append("    clusterOverrides:\n      ").append(cluster(placed.get(1))).append(":\n");
        project.append("        resources: {memory: {limit: 16Gi}}\n");
        project.append("        tools: {orthanc: {aeTitle: F").append(p).append("}, monai-deploy: {}}\n");
        project.append("        omitTools: [mlflow]\n");
      }
      if (oneFileReversed) {
        all.append(project.substring("projects:\n".length()));
      } else {
        Files.writeString(dir.resolve("projects/" + project(p) + ".yaml"), project.toString(), StandardCharsets.UTF_8);
      }
    }
    if (oneFileReversed) {
      Files.writeString(dir.resolve("projects/all.yaml"), all.toString(), StandardCharsets.UTF_8);
    }
    return dir.resolve("platform.yaml");
  }
}
