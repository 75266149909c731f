package dev.maia.gitops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real {@code git daemon} on 127.0.0.1 serving every repository below a folder, anonymously and
 * read-only ({@code git://127.0.0.1:PORT/NAME.git}); stopped by {@link #close()}.
 */
public final class GitDaemon implements AutoCloseable {

  private final Process process;
  private final int port;

  private GitDaemon(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the daemon on a free port of 127.0.0.1 and waits until it accepts connections. */
  public static GitDaemon serving(Path base) throws IOException, InterruptedException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Process process = new ProcessBuilder(List.of("git", "daemon", "--export-all", "--reuseaddr", "--base-path=" + base,
        "--listen=127.0.0.1", "--port=" + port, base.toString()))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("git daemon stopped at once, exit " + process.exitValue());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return new GitDaemon(process, port);
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    process.destroyForcibly();
    throw new IOException("git daemon did not listen on 127.0.0.1:" + port + " within 20 s");
  }

  /** {@code git://127.0.0.1:PORT/NAME}. */
  public String url(String name) {
    return "git://127.0.0.1:" + port + "/" + name;
  }

  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    process.waitFor();
  }
}
