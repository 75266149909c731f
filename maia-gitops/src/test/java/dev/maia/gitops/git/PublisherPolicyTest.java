package dev.maia.gitops.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maia.core.MaiaLog;
import dev.maia.gitops.GitCredentials;
import dev.maia.gitops.GitOpsTarget;
import dev.maia.gitops.PushRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;

/** Which failures are retried, and how long a retry waits. */
class PublisherPolicyTest {

  private static final String URL = "http://127.0.0.1:40181/gitops.git";

  private final PushRequest request = new PushRequest(new GitOpsTarget(URL, "gitops", ""), GitCredentials.token(null, "t0ken-value"),
      new TreeMap<>(), "p", SourceRevision.unknown(), new PersonIdent("a", "a@example.org"), "1", Path.of("cache"), 5,
      Duration.ofSeconds(1), false, 0);

  @Test
  void onlyLoginAndHostKeyFailuresAreFinal() {
    try (GitSession session = new GitSession(URL, request.credentials())) {
      assertThat(Publisher.permanentFailure(new TransportException(URL + ": 503 Service Unavailable"), session, request))
          .as("a port with 401 in it is no login failure").isEmpty();
      assertThat(Publisher.permanentFailure(new TransportException(URL + ": Connection refused"), session, request)).isEmpty();
      assertThat(Publisher.permanentFailure(new TransportException(URL + ": not authorized"), session, request))
          .hasValueSatisfying(m -> assertThat(m).startsWith("cannot log in to " + URL + " with token of x-access-token"));
      assertThat(Publisher.permanentFailure(new TransportException("Server key did not validate"), session, request))
          .hasValueSatisfying(m -> assertThat(m).contains("maia.git.strictHostKeyChecking=false"));
    }
  }

  @Test
  void theBackoffDoublesWithJitterInItsUpperHalfAndIsCapped() {
    Publisher publisher = new Publisher(MaiaLog.silent(), Clock.systemUTC(), wait -> {}, new SplittableRandom(11));
    for (int attempt = 1; attempt <= 8; attempt++) {
      long full = Math.min(30_000, 1_000L << (attempt - 1));
      for (int i = 0; i < 20; i++) {
        assertThat(publisher.backoff(Duration.ofSeconds(1), attempt).toMillis()).isBetween(full / 2, full);
      }
    }
    assertThat(publisher.backoff(Duration.ZERO, 3)).isEqualTo(Duration.ZERO);
  }
}
