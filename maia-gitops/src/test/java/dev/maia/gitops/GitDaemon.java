package dev.maia.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code git daemon} on 127.0.0.1 for tests: a process of its own serving the bare
 * repositories under one folder over {@code git://}, pushes allowed, started and stopped by the
 * test. {@link #git} runs the real Git client in a folder, as another pipeline or a person would.
 */
public final class GitDaemon implements AutoCloseable {

  private final Path base;
  private final Path home;
  private final int port;
  private final Process process;

  public GitDaemon(Path base, Path home) throws Exception {
    this.base = base;
    this.home = home;
    Files.createDirectories(home);
    this.port = freePort();
    this.process = new ProcessBuilder(
            "git", "daemon", "--reuseaddr", "--listen=127.0.0.1", "--port=" + port, "--base-path=" + base, "--export-all",
            "--enable=receive-pack", "--informative-errors", base.toString())
        .redirectErrorStream(true)
        .redirectOutput(home.resolve("git-daemon.log").toFile())
        .start();
    awaitListening();
  }

  /** {@code git://127.0.0.1:PORT/NAME}. */
  public String url(String repository) {
    return "git://127.0.0.1:" + port + "/" + repository;
  }

  /** Runs the real Git client in {@code folder} with a configuration of its own; returns its output, trimmed. */
  String git(Path folder, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Someone Else", "-c", "user.email=someone@example.org"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.put("HOME", home.toString());
    environment.put("GIT_CONFIG_NOSYSTEM", "1");
    environment.put("GIT_TERMINAL_PROMPT", "0");
    Process git = builder.start();
    String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(git.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(git.exitValue()).as("git %s: %s", String.join(" ", arguments), output).isZero();
    return output.strip();
  }

  private void awaitListening() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        if (!process.isAlive()) {
          throw new IllegalStateException("git daemon ended: " + Files.readString(home.resolve("git-daemon.log")));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("git daemon does not listen on 127.0.0.1:" + port + " (serving " + base + ")", e);
        }
        Thread.sleep(50);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
