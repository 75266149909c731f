package dev.maia.gitops.git;

import dev.maia.gitops.GitCredentials;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * Opens transports to one remote with the configured credentials: a token over HTTPS, or an SSH
 * key over JGit's Apache MINA sshd client (no ~/.ssh/config is read, so a build behaves the same on
 * every machine). Close it to stop the SSH client.
 */
public final class GitSession implements AutoCloseable {

  private static final int TIMEOUT_SECONDS = 120;

  private final URIish uri;
  private final GitCredentials credentials;
  private SshdSessionFactory ssh;

  public GitSession(String remote, GitCredentials credentials) {
    try {
      this.uri = new URIish(remote);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + credentials.mask(remote) + "' is not a Git URL: " + e.getReason(), e);
    }
    this.credentials = credentials;
  }

  public GitCredentials credentials() {
    return credentials;
  }

  /** The remote as messages show it: without any password written into the URL. */
  public String describe() {
    return credentials.mask(uri.setPass(null).toString());
  }

  /** A transport from {@code local} to the remote, logged in. */
  public Transport open(Repository local) throws TransportException {
    Transport transport;
    try {
      transport = Transport.open(local, uri);
    } catch (NotSupportedException e) {
      throw new TransportException(describe() + ": " + e.getMessage(), e);
    }
    transport.setTimeout(TIMEOUT_SECONDS);
    if (credentials.token().isPresent()) {
      transport.setCredentialsProvider(tokenProvider(credentials.username().orElseThrow()));
    }
    if (transport instanceof SshTransport sshTransport) {
      sshTransport.setSshSessionFactory(sshFactory());
    }
    return transport;
  }

  private CredentialsProvider tokenProvider(String user) {
    return new UsernamePasswordCredentialsProvider(user, credentials.token().orElseThrow());
  }

  private synchronized SshdSessionFactory sshFactory() {
    if (ssh == null) {
      SshdSessionFactoryBuilder builder =
          new SshdSessionFactoryBuilder()
              .setPreferredAuthentications("publickey")
              .setConfigStoreFactory((home, config, user) -> null)
              .setHomeDirectory(FS.DETECTED.userHome());
      credentials
          .sshKey()
          .ifPresent(
              key -> {
                Path absolute = key.toAbsolutePath();
                builder.setSshDirectory(absolute.getParent().toFile());
                builder.setDefaultIdentities(dir -> List.of(absolute));
              });
      credentials.knownHosts().ifPresent(file -> builder.setDefaultKnownHostsFiles(dir -> List.of(file.toAbsolutePath())));
      if (!credentials.strictHostKeyChecking()) {
        builder.setServerKeyDatabase((home, sshDir) -> ACCEPT_ANY);
      }
      ssh = builder.build(null);
    }
    return ssh;
  }

  /** Accepts every server key: only for {@code maia.git.strictHostKeyChecking=false}. */
  private static final ServerKeyDatabase ACCEPT_ANY =
      new ServerKeyDatabase() {
        @Override
        public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
          return List.of();
        }

        @Override
        public boolean accept(
            String connectAddress,
            InetSocketAddress remoteAddress,
            PublicKey serverKey,
            Configuration config,
            CredentialsProvider provider) {
          return true;
        }
      };

  @Override
  public synchronized void close() {
    if (ssh != null) {
      ssh.close();
      ssh = null;
    }
  }
}
