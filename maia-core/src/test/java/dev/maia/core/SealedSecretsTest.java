package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.problem.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code secrets.provider: sealed-secrets}, every Secret a tool or a cluster registration
 * needs is a SealedSecret in the platform repo, copied into the tree; a missing or wrong one is a
 * problem that names the file.
 */
class SealedSecretsTest {

  @TempDir Path dir;

  private Path repo() {
    return TestPaths.copy(TestPaths.testPlatform("sealed"), dir.resolve("repo"));
  }

  private Path generate(Path repo) {
    Path out = dir.resolve("out");
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(repo.resolve("platform.yaml"), out, GenerateExampleTest.NOW));
    return out;
  }

  @Test
  void everySealedSecretIsCopiedNextToWhatReadsItAndNoExternalSecretIsMade() throws IOException {
    // when
    Path out = generate(repo());

    // then
    List<JsonNode> project = AllTools.readAll(Files.readString(out.resolve("clusters/one/projects/lung/resources.yaml")));
    assertThat(project).filteredOn(d -> "SealedSecret".equals(d.path("kind").asText()))
        .extracting(d -> d.path("metadata").path("name").asText())
        .containsExactly("hpc-alvis-ssh.a-40x-2eorg", "minio-proxy", "minio-root", "minio-workspace", "workspace-hub", "workspace-oidc");
    assertThat(project).noneMatch(d -> d.path("kind").asText().equals("ExternalSecret") || d.path("kind").asText().equals("Secret"));
    JsonNode oidc = project.stream().filter(d -> "workspace-oidc".equals(d.path("metadata").path("name").asText())).findFirst().orElseThrow();
    assertThat(oidc.path("metadata").has("creationTimestamp")).as("nulls are dropped by the canonical writer").isFalse();
    assertThat(oidc.path("spec").path("encryptedData").path("client-secret").asText()).startsWith("AgB");

    JsonNode registration = AllTools.readAll(Files.readString(out.resolve("argocd/clusters/two.yaml"))).get(0);
    assertThat(registration.path("kind").asText()).isEqualTo("SealedSecret");
    assertThat(registration.path("metadata").path("namespace").asText()).isEqualTo("argocd");
    assertThat(Files.readString(out.resolve("argocd/clusters/two.yaml"))).doesNotContain("ExternalSecret", "secretStoreRef");
  }

  @Test
  void aMembersHpcKeyIsTheirOwnSealedSecretNextToTheirOwnSettings() throws IOException {
    // when
    Path out = generate(repo());

    // then
    List<JsonNode> project = AllTools.readAll(Files.readString(out.resolve("clusters/one/projects/lung/resources.yaml")));
    assertThat(project).filteredOn(d -> d.at("/metadata/name").asText().startsWith("hpc-alvis"))
        .extracting(d -> d.path("kind").asText() + "/" + d.at("/metadata/name").asText())
        .containsExactlyInAnyOrder("ConfigMap/hpc-alvis.a-40x-2eorg", "SealedSecret/hpc-alvis-ssh.a-40x-2eorg");
    JsonNode key = project.stream().filter(d -> "hpc-alvis-ssh.a-40x-2eorg".equals(d.at("/metadata/name").asText())).findFirst().orElseThrow();
    assertThat(key.at("/spec/encryptedData").fieldNames()).toIterable().containsExactly("known_hosts", "ssh-privatekey");
    assertThat(TreeDocs.values(out.resolve("argocd/apps/one/lung-workspace.yaml")).at("/singleuser/storage/extraVolumes").toString())
        .contains("\"secretName\":\"hpc-alvis-ssh.{username}\"");
  }

  @Test
  void aMissingSealedHpcKeyOfAMemberNamesTheFileToCreate() throws IOException {
    // given
    Path repo = repo();
    Files.delete(repo.resolve("sealed-secrets/one/lung/hpc-alvis-ssh.a-40x-2eorg.yaml"));

    // when
    InvalidPlatformException thrown = catchThrowableOfType(InvalidPlatformException.class, () -> generate(repo));

    // then
    assertThat(thrown.problems()).extracting(Problem::format).containsExactly(
        "platform.yaml:39:15 /spec/hpc/0/users/a@x.org: the SSH key of 'a@x.org' on HPC system 'alvis' for project 'lung' needs"
            + " the sealed secret 'hpc-alvis-ssh.a-40x-2eorg' in namespace 'lung' on cluster 'one', and"
            + " sealed-secrets/one/lung/hpc-alvis-ssh.a-40x-2eorg.yaml does not exist (create"
            + " sealed-secrets/one/lung/hpc-alvis-ssh.a-40x-2eorg.yaml with kubeseal: a SealedSecret named"
            + " 'hpc-alvis-ssh.a-40x-2eorg' in namespace 'lung')");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void anInternalCasKeyPairIsItsClustersSealedSecretInCertManagersNamespace() throws IOException {
    // when
    Path out = generate(repo());

    // then
    List<JsonNode> core = AllTools.readAll(Files.readString(out.resolve("clusters/two/core/resources.yaml")));
    assertThat(core).filteredOn(d -> "two-ca".equals(d.path("metadata").path("name").asText()))
        .extracting(d -> d.path("kind").asText() + " " + d.path("metadata").path("namespace").asText(""))
        .containsExactlyInAnyOrder("ClusterIssuer ", "SealedSecret cert-manager");
    assertThat(core).noneMatch(d -> d.path("kind").asText().equals("ExternalSecret"));
  }

  @Test
  void aMissingSealedKeyPairOfAnInternalCaNamesTheFileToCreate() throws IOException {
    // given
    Path repo = repo();
    Files.delete(repo.resolve("sealed-secrets/two/cert-manager/two-ca.yaml"));

    // when
    InvalidPlatformException thrown = catchThrowableOfType(InvalidPlatformException.class, () -> generate(repo));

    // then
    assertThat(thrown.problems()).extracting(Problem::format).containsExactly(
        "platform.yaml:28:32 /spec/clusters/1/core/certManager/issuer/ca: the key pair of the internal CA of cluster 'two'"
            + " (core.certManager.issuer.ca) needs the sealed secret 'two-ca' in namespace 'cert-manager' on cluster 'two', and"
            + " sealed-secrets/two/cert-manager/two-ca.yaml does not exist (create sealed-secrets/two/cert-manager/two-ca.yaml"
            + " with kubeseal: a SealedSecret named 'two-ca' in namespace 'cert-manager')");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void argocdsClientSecretIsTheRepositorysSealedSecretInArgocdsNamespace() throws IOException {
    // when
    Path out = generate(repo());

    // then
    List<JsonNode> oidc = AllTools.readAll(Files.readString(out.resolve("argocd/settings/argocd-oidc.yaml")));
    assertThat(oidc).singleElement().satisfies(secret -> {
      assertThat(secret.path("kind").asText()).isEqualTo("SealedSecret");
      assertThat(secret.at("/metadata/namespace").asText()).isEqualTo("argocd");
      assertThat(secret.at("/spec/template/metadata/labels/app.kubernetes.io~1part-of").asText()).isEqualTo("argocd");
    });
  }

  @Test
  void argocdsSealedClientSecretWithoutArgocdsLabelIsAProblemInItsFile() throws IOException {
    // given: sealed from a Secret without the label, ArgoCD would not read it
    Path repo = repo();
    Path file = repo.resolve("sealed-secrets/one/argocd/argocd-oidc.yaml");
    Files.writeString(file, Files.readString(file).replace("      labels:\n        app.kubernetes.io/part-of: argocd\n", ""));

    // when
    InvalidPlatformException thrown = catchThrowableOfType(InvalidPlatformException.class, () -> generate(repo));

    // then
    assertThat(thrown.problems()).extracting(Problem::format).containsExactly(
        "sealed-secrets/one/argocd/argocd-oidc.yaml:1:1 /: sealed-secrets/one/argocd/argocd-oidc.yaml makes a Secret without"
            + " the label app.kubernetes.io/part-of: argocd, and ArgoCD reads only Secrets with it (seal it again from a"
            + " Secret labelled app.kubernetes.io/part-of: argocd (kubeseal keeps a Secret's labels in"
            + " spec.template.metadata.labels))");
  }

  @Test
  void aMissingSealedSecretNamesTheFileToCreate() throws IOException {
    // given
    Path repo = repo();
    Files.delete(repo.resolve("sealed-secrets/one/lung/minio-root.yaml"));
    Files.delete(repo.resolve("sealed-secrets/one/argocd/cluster-two.yaml"));
    Files.delete(repo.resolve("sealed-secrets/one/argocd/argocd-oidc.yaml"));

    // when
    InvalidPlatformException thrown = catchThrowableOfType(InvalidPlatformException.class, () -> generate(repo));

    // then
    assertThat(thrown.problems()).extracting(Problem::format).containsExactly(
        "platform.yaml:12:5 /spec/argocd/cluster: ArgoCD's login (the client secret of OIDC client 'maia-argocd') needs the"
            + " sealed secret 'argocd-oidc' in namespace 'argocd' on cluster 'one', and"
            + " sealed-secrets/one/argocd/argocd-oidc.yaml does not exist (create sealed-secrets/one/argocd/argocd-oidc.yaml"
            + " with kubeseal: a SealedSecret named 'argocd-oidc' in namespace 'argocd')",
        "platform.yaml:25:7 /spec/clusters/1/credentials: the registration of cluster 'two' in ArgoCD needs the sealed secret"
            + " 'cluster-two' in namespace 'argocd' on cluster 'one', and sealed-secrets/one/argocd/cluster-two.yaml does not"
            + " exist (create sealed-secrets/one/argocd/cluster-two.yaml with kubeseal: a SealedSecret named 'cluster-two' in"
            + " namespace 'argocd')",
        "platform.yaml:33:30 /spec/projects/0/tools/minio: tools.minio of project 'lung' needs the sealed secret 'minio-root'"
            + " in namespace 'lung' on cluster 'one', and sealed-secrets/one/lung/minio-root.yaml does not exist (create"
            + " sealed-secrets/one/lung/minio-root.yaml with kubeseal: a SealedSecret named 'minio-root' in namespace 'lung')");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aSealedSecretOfAnotherKindNameOrNamespaceIsAProblemInItsFile() throws IOException {
    // given
    Path repo = repo();
    Path file = repo.resolve("sealed-secrets/one/lung/minio-root.yaml");
    Files.writeString(file, Files.readString(file).replace("namespace: lung\nspec", "namespace: heart\nspec"));
    Files.writeString(repo.resolve("sealed-secrets/one/lung/workspace-oidc.yaml"), "apiVersion: v1\nkind: Secret\nmetadata: {name: other}\n");

    // when
    InvalidPlatformException thrown = catchThrowableOfType(InvalidPlatformException.class, () -> generate(repo));

    // then
    assertThat(thrown.problems()).extracting(Problem::format).containsExactly(
        "sealed-secrets/one/lung/minio-root.yaml:1:1 /: sealed-secrets/one/lung/minio-root.yaml cannot be used for tools.minio"
            + " of project 'lung': its metadata.namespace is not 'lung' (seal the secret again with kubeseal --name minio-root"
            + " --namespace lung)",
        "sealed-secrets/one/lung/workspace-oidc.yaml:1:1 /: sealed-secrets/one/lung/workspace-oidc.yaml cannot be used for"
            + " tools.workspace of project 'lung': it is not a bitnami.com/v1alpha1 SealedSecret, its metadata.name is not"
            + " 'workspace-oidc', its metadata.namespace is not 'lung' (seal the secret again with kubeseal --name"
            + " workspace-oidc --namespace lung)");
  }
}
