package dev.maia.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link GenerateMain} as a process of its own, with this JVM and the test class path, and
 * writes the platforms those tests generate. Output goes to files, so a process never blocks on a
 * full pipe.
 */
final class Subprocesses {

  private Subprocesses() {}

  /** A finished run: its exit code and what it printed. */
  record Run(int exitCode, String stdout, String stderr) {}

  /** Starts {@code GenerateMain platform out now} with extra JVM options; output goes to {@code logs}. */
  static Process start(Path platform, Path out, Instant now, Path logs, List<String> jvmOptions) {
    return start(javaOf(System.getProperty("java.home")), platform, out, now, logs, jvmOptions);
  }

  static Process start(Path java, Path platform, Path out, Instant now, Path logs, List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(GenerateMain.class.getName());
    command.add(platform.toString());
    command.add(out.toString());
    command.add(now.toString());
    try {
      Files.createDirectories(logs);
      return new ProcessBuilder(command)
          .redirectOutput(logs.resolve("stdout.txt").toFile())
          .redirectError(logs.resolve("stderr.txt").toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs to the end, or fails the test if it takes longer than {@code limit}. */
  static Run run(Path platform, Path out, Instant now, Path logs, List<String> jvmOptions, Duration limit) {
    return finish(start(platform, out, now, logs, jvmOptions), logs, limit);
  }

  static Run finish(Process process, Path logs, Duration limit) {
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("GenerateMain did not finish within " + limit);
      }
      return new Run(
          process.exitValue(),
          Files.readString(logs.resolve("stdout.txt"), StandardCharsets.UTF_8),
          Files.readString(logs.resolve("stderr.txt"), StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path javaOf(String javaHome) {
    return Path.of(javaHome, "bin", "java");
  }

  /**
   * A platform repo of {@code projects} projects on two clusters, one included file per project.
   * {@code version} 1 and 2 differ in most files: descriptions, quotas, and every seventh project
   * exists in only one of them, so a run from one to the other writes, replaces and removes files.
   */
  static Path bigPlatform(Path repo, int projects, int version) {
    try {
      Files.createDirectories(repo.resolve("projects"));
      Files.writeString(
          repo.resolve("platform.yaml"),
          """
          apiVersion: maia/v1alpha1
          kind: Platform
          metadata: {name: big}
          spec:
            gitops: {repoURL: https://git.example.org/maia/gitops.git}
            argocd: {cluster: main}
            identity: {issuer: https://iam.example.org/realms/maia}
            secrets: {store: {name: vault}}
            include: [projects/*.yaml]
            clusters:
              - {name: main, server: https://kubernetes.default.svc, domain: main.example.org,
                 gpus: [{product: NVIDIA-A100-SXM4-80GB, count: 8}]}
              - {name: remote, server: https://remote.example.org:6443, domain: remote.example.org,
                 credentials: {secretKey: clusters/remote}}
          """,
          StandardCharsets.UTF_8);
      for (int i = 0; i < projects; i++) {
        if (i % 7 == version % 7) {
          continue; // in only one of the two versions
        }
        String name = String.format("p-%04d", i);
        String clusters = i % 3 == 0 ? "clusters: [main, remote]" : "cluster: main";
        Files.writeString(
            repo.resolve("projects/" + name + ".yaml"),
            "projects:\n"
                + "  - name: " + name + "\n"
                + "    " + clusters + "\n"
                + "    description: project " + i + " as of version " + version + "\n"
                + "    users: [user" + i + "@example.org]\n"
                + "    resources: {cpu: {request: " + (1 + version) + ", limit: 8}, storage: " + (10 * version) + "Gi}\n"
                + "    tools: {workspace: {}}\n",
            StandardCharsets.UTF_8);
      }
      return repo.resolve("platform.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
