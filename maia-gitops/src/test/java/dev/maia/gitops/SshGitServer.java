package dev.maia.gitops;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.git.GitLocationResolver;
import org.apache.sshd.git.pack.GitPackCommandFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * An SSH Git server on 127.0.0.1 for tests: Apache MINA sshd running git-upload-pack and
 * git-receive-pack (sshd-git) over the repositories in one folder, accepting only the public key of
 * a key pair it generates for the client. It writes the client's private key and a known_hosts
 * file with its own host key.
 */
final class SshGitServer implements AutoCloseable {

  private final SshServer server;
  private final Path privateKey;
  private final Path knownHosts;

  SshGitServer(Path repositories, Path keys) throws Exception {
    KeyPair client = ecKeyPair();
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(keys.resolve("host-key"));
    hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
    server.setKeyPairProvider(hostKeys);
    server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, client.getPublic()));
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setCommandFactory(new GitPackCommandFactory().withGitLocationResolver(GitLocationResolver.constantPath(repositories)));
    server.start();

    privateKey = keys.resolve("id_ecdsa");
    try (OutputStream out = Files.newOutputStream(privateKey)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "maia-test", null, out);
    }
    PublicKey hostKey = hostKeys.loadKeys(null).iterator().next().getPublic();
    knownHosts = keys.resolve("known_hosts");
    Files.writeString(knownHosts, "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey) + "\n", StandardCharsets.UTF_8);
  }

  /** A second key pair the server does not know, written as an OpenSSH private key. */
  static Path strangerKey(Path folder) throws Exception {
    Path file = folder.resolve("id_stranger");
    try (OutputStream out = Files.newOutputStream(file)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(ecKeyPair(), "stranger", null, out);
    }
    return file;
  }

  private static KeyPair ecKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  String url(String repository) {
    return "ssh://git@127.0.0.1:" + server.getPort() + "/" + repository;
  }

  Path privateKey() {
    return privateKey;
  }

  Path knownHosts() {
    return knownHosts;
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }
}
