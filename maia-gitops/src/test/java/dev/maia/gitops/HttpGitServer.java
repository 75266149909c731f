package dev.maia.gitops;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * A smart-HTTP Git server on 127.0.0.1 for tests: JGit's GitServlet on embedded Jetty, serving one
 * bare repository at {@code /gitops.git} behind Basic authentication with a token. It can lose the
 * response to one push after applying it, or stop itself when a push begins (after the fetch).
 */
final class HttpGitServer implements AutoCloseable {

  static final String USER = "x-access-token";

  private final Repository repository;
  private final String token;
  private final AtomicBoolean loseNextPushResponse = new AtomicBoolean();
  private final AtomicBoolean stopAtNextPush = new AtomicBoolean();
  private final AtomicInteger unauthorized = new AtomicInteger();
  private final AtomicReference<Runnable> beforeNextPush = new AtomicReference<>();
  private volatile Thread stopper;
  private Server server;
  private int port;

  HttpGitServer(Repository repository, String token) throws Exception {
    this.repository = repository;
    this.token = token;
    start(0);
  }

  private synchronized void start(int wanted) throws Exception {
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(wanted);
    jetty.addConnector(connector);
    GitServlet git = new GitServlet();
    git.setRepositoryResolver(
        (request, name) -> {
          if (!name.equals("gitops.git")) {
            throw new RepositoryNotFoundException(name);
          }
          repository.incrementOpen();
          return repository;
        });
    git.setReceivePackFactory((request, db) -> new ReceivePack(db));
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(git), "/*");
    context.addFilter(new FilterHolder(new Gate()), "/*", EnumSet.of(DispatcherType.REQUEST));
    jetty.setHandler(context);
    jetty.setStopTimeout(0);
    jetty.start();
    server = jetty;
    port = connector.getLocalPort();
  }

  String url() {
    return "http://127.0.0.1:" + port + "/gitops.git";
  }

  Path repositoryFolder() {
    return repository.getDirectory().toPath();
  }

  /** The next push is applied, but its response is replaced by a 502 (a proxy dying mid-push). */
  void loseNextPushResponse() {
    loseNextPushResponse.set(true);
  }

  /** When the next push begins (after its fetch), the server stops; {@link #restartIfStopped} revives it. */
  void stopAtNextPush() {
    stopAtNextPush.set(true);
  }

  /** Runs {@code action} when the next push begins, after its fetch: another pipeline moving the branch. */
  void beforeNextPush(Runnable action) {
    beforeNextPush.set(action);
  }

  int unauthorizedRequests() {
    return unauthorized.get();
  }

  /** Waits until a stop begun by {@link #stopAtNextPush} is complete, then starts on the same port. */
  boolean restartIfStopped() throws Exception {
    Thread running = stopper;
    if (running == null) {
      return false;
    }
    running.join();
    stopper = null;
    start(port);
    return true;
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      Thread running = stopper;
      if (running != null) {
        running.join();
      }
      server.stop();
    } catch (Exception e) {
      throw new IOException("cannot stop the test server", e);
    }
  }

  /** Basic authentication with the token, and the injected faults. */
  private final class Gate implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
      HttpServletRequest request = (HttpServletRequest) req;
      HttpServletResponse response = (HttpServletResponse) res;
      String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + token).getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(request.getHeader("Authorization"))) {
        unauthorized.incrementAndGet();
        response.setHeader("WWW-Authenticate", "Basic realm=\"gitops\"");
        response.sendError(401);
        return;
      }
      boolean pushBegins = "git-receive-pack".equals(request.getParameter("service"));
      Runnable interference = pushBegins ? beforeNextPush.getAndSet(null) : null;
      if (interference != null) {
        interference.run();
      }
      if (pushBegins && stopAtNextPush.compareAndSet(true, false)) {
        Server current = server;
        stopper = new Thread(() -> {
          try {
            current.stop();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        stopper.start();
        response.sendError(503);
        return;
      }
      boolean push = "POST".equals(request.getMethod()) && request.getRequestURI().endsWith("/git-receive-pack");
      if (push && loseNextPushResponse.compareAndSet(true, false)) {
        chain.doFilter(request, new Discarding(response));
        response.reset();
        response.sendError(502);
        return;
      }
      chain.doFilter(request, response);
    }
  }

  /** A response whose body and status go nowhere. */
  private static final class Discarding extends HttpServletResponseWrapper {
    Discarding(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() {
      return new ServletOutputStream() {
        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {}

        @Override
        public void write(int b) {}
      };
    }

    @Override
    public PrintWriter getWriter() {
      return new PrintWriter(OutputStream.nullOutputStream());
    }

    @Override
    public void setStatus(int status) {}

    @Override
    public void flushBuffer() {}

    @Override
    public boolean isCommitted() {
      return false;
    }
  }
}
