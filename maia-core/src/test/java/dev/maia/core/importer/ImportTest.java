package dev.maia.core.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maia.core.GenerateRequest;
import dev.maia.core.GenerateResult;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.TestPaths;
import dev.maia.core.model.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * maia:import on a small MAIA installation ({@code src/test/resources/import/maia-config}): two
 * cluster files, two project forms, a project override file, env.json, the installer's config and
 * the registry credentials, with a token or password in almost every file.
 */
class ImportTest {

  static final Path FIXTURES = TestPaths.repoRoot().resolve("maia-core/src/test/resources/import/maia-config");
  static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path repo;
  @TempDir Path out;

  @Test
  void theImportedPlatformValidatesAndGenerates() {
    // given
    ImportResult result = new MaiaImporter().importInstallation(FIXTURES, repo);

    // when
    GenerateResult generated =
        new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(repo.resolve("platform.yaml"), out, NOW));

    // then
    assertThat(result.written())
        .containsExactly("platform.yaml", "projects/brain-mets.yaml", "projects/vertebra-ct.yaml", "IMPORT-NOTES.md");
    assertThat(result.read())
        .containsExactly("KI_Hospital.yaml", "brain-mets.yaml", "env.json", "maia-cluster.yaml", "projects/brain_mets.yaml",
            "projects/vertebra-ct.yaml");
    assertThat(generated.resourcesPerCluster()).containsOnlyKeys("ki-hospital", "maia-cluster");
    assertThat(out.resolve("argocd/clusters/ki-hospital.yaml")).isRegularFile();
  }

  @Test
  void clustersAndProjectsAreCarriedOverFieldByField() throws IOException {
    // given
    new MaiaImporter().importInstallation(FIXTURES, repo);

    // when
    Platform platform = new MaiaCompiler(MaiaLog.silent()).validate(repo.resolve("platform.yaml"), NOW).platform();

    // then
    assertThat(platform.argocd().cluster()).isEqualTo("maia-cluster");
    assertThat(platform.identity().issuer()).isEqualTo("https://iam.maia.kth.se/realms/maia");
    var hub = platform.cluster("maia-cluster").orElseThrow();
    assertThat(hub.server()).isEqualTo("https://kubernetes.default.svc");
    assertThat(hub.credentialsKey()).isEmpty();
    assertThat(hub.ingress().className()).isEqualTo("maia-core-traefik");
    assertThat(hub.storage().sharedClass()).isEqualTo("nfs-client");
    assertThat(hub.ports().ssh()).hasToString("[30000, 30900]");
    assertThat(hub.ports().dicom()).hasToString("[30901, 31000]");
    assertThat(hub.gpus()).extracting(g -> g.product() + " " + g.count() + "x" + g.replicas())
        .containsExactly("NVIDIA-RTX-A6000 6x1", "NVIDIA-GeForce-GTX-1080-Ti 1x2");
    var hospital = platform.cluster("ki-hospital").orElseThrow();
    assertThat(hospital.server()).isEqualTo("https://mgmt.maia.kth.se/k8s/clusters/c-m-8xk2p");
    assertThat(hospital.labels()).containsEntry("k8s-distribution", "rke2");
    assertThat(hospital.ingress().clusterIssuer()).isEqualTo("cluster-issuer");

    var brain = platform.projects().stream().filter(p -> p.name().equals("brain-mets")).findFirst().orElseThrow();
    assertThat(brain.clusters()).containsExactly("ki-hospital");
    assertThat(brain.group()).isEqualTo("MAIA:Brain_Mets");
    assertThat(brain.users()).containsExactly("radiologist@ki.se", "phd.student@kth.se");
    assertThat(brain.admins()).containsExactly("pi@kth.se");
    assertThat(brain.resources().memory().request()).isEqualTo("32Gi");
    assertThat(brain.resources().cpu().limit()).isEqualTo("16");
    assertThat(brain.gpu().orElseThrow().product()).isEqualTo("NVIDIA-A100-SXM4-80GB");
    assertThat(brain.tools()).containsOnlyKeys("workspace", "orthanc", "mlflow", "minio");
    assertThat(brain.tools().get("workspace").number("activeServerLimit")).contains(2L);
    assertThat(brain.tools().get("orthanc").text("aeTitle")).contains("BRAINMETS");
    var vertebra = platform.projects().stream().filter(p -> p.name().equals("vertebra-ct")).findFirst().orElseThrow();
    assertThat(vertebra.clusters()).containsExactly("maia-cluster");
    assertThat(vertebra.group()).isEqualTo("MAIA:vertebra-ct");
    assertThat(Files.readString(repo.resolve("platform.yaml"))).startsWith("# Imported from an existing MAIA installation");
  }

  @Test
  void everyCredentialBecomesAReferenceOrANoteAndNoneIsWrittenOrLogged() throws IOException {
    // given: every value under a key named like a credential in the fixtures
    Map<String, String> secrets = credentials();

    // when
    ImportResult result = new MaiaImporter().importInstallation(FIXTURES, repo);

    // then: the remote cluster's token became its registration's store key
    Platform platform = new MaiaCompiler(MaiaLog.silent()).validate(repo.resolve("platform.yaml"), NOW).platform();
    assertThat(platform.cluster("ki-hospital").orElseThrow().credentialsKey()).contains("clusters/ki-hospital");
    // every credential is named, where it was found, in the notes
    String notes = Files.readString(repo.resolve("IMPORT-NOTES.md"));
    assertThat(secrets).hasSizeGreaterThan(12);
    secrets.keySet().forEach(where -> assertThat(notes).contains(where));
    // and no credential's value is in any file written or any line logged
    List<String> written = new ArrayList<>();
    try (Stream<Path> files = Files.walk(repo)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        written.add(Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    written.addAll(result.notes());
    assertThat(written).hasSize(4 + result.notes().size());
    for (String value : secrets.values()) {
      assertThat(written).noneMatch(text -> text.contains(value));
    }
  }

  @Test
  void whatCannotBeCarriedOverIsListedInTheNotesAndTheLog() throws IOException {
    // when
    ImportResult result = new MaiaImporter().importInstallation(FIXTURES, repo);

    // then
    String notes = Files.readString(repo.resolve("IMPORT-NOTES.md"));
    assertThat(notes)
        .contains(
            "set `spec.gitops.repoURL`",
            "set `spec.secrets.store`",
            "maia-cluster.yaml:6 `traefik_resolver` was not carried over: platform.yaml has no field for it.",
            "maia-cluster.yaml:27 `gpu_specs[0].vram` was not carried over",
            "maia-cluster.yaml:11 `port_range`: MAIA's one range for SSH and DICOM ports was split into ssh [30000, 30900] and"
                + " dicom [30901, 31000].",
            "KI_Hospital.yaml:2 `cluster_name`: 'KI_Hospital' became the cluster name 'ki-hospital' (a DNS-1123 label).",
            "KI_Hospital.yaml:14 `maia_dashboard.token` is a credential and was not copied; store ArgoCD's bearer token for"
                + " cluster 'ki-hospital' under key `clusters/ki-hospital`, property `bearerToken`",
            "projects/brain_mets.yaml:4 `users[2]` was not carried over: not an e-mail address",
            "brain-mets.yaml:7 `jupyterhub_extraEnv` was not carried over",
            "brain-mets.yaml:16 `env.ORTHANC_CPU_LIMIT` was not carried over",
            "config.yaml was not read: the installer's steps",
            "check the GPU product of project 'vertebra-ct'");
    assertThat(result.notes()).anyMatch(n -> n.startsWith("To do: set `spec.gitops.repoURL`"));
    assertThat(result.notes()).contains("brain-mets.yaml:7 `jupyterhub_extraEnv` was not carried over: platform.yaml has no field for it.");
  }

  @Test
  void anExistingFileIsNeverOverwrittenAndNothingElseIsWritten() throws IOException {
    // given
    Files.writeString(repo.resolve("platform.yaml"), "# mine\n");

    // when / then
    assertThatThrownBy(() -> new MaiaImporter().importInstallation(FIXTURES, repo))
        .isInstanceOf(ImportRefusedException.class)
        .hasMessageStartingWith("nothing was written: platform.yaml exists in ");
    assertThat(Files.readString(repo.resolve("platform.yaml"))).isEqualTo("# mine\n");
    assertThat(repo.resolve("projects")).doesNotExist();
    assertThat(repo.resolve("IMPORT-NOTES.md")).doesNotExist();
  }

  @Test
  void aPipeOrALinkOutOfTheImportedFolderIsANoteAndIsNeverRead() throws IOException {
    // given: the fixtures, with a named pipe and a link to a file outside among them
    Path from = TestPaths.copy(FIXTURES, out.resolve("maia-config"));
    Path outside = Files.writeString(out.resolve("outside.yaml"), "cluster_name: stolen\ndomain: stolen.example.org\n");
    Files.createSymbolicLink(from.resolve("projects/linked.yaml"), outside);
    boolean pipe = TestPaths.mkfifo(from.resolve("pipe.yaml"));

    // when
    ImportResult result = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new MaiaImporter().importInstallation(from, repo));

    // then: neither was read, each is named in the notes, and no cluster 'stolen' was made
    assertThat(result.read()).doesNotContain("projects/linked.yaml", "pipe.yaml");
    assertThat(result.notes()).contains("projects/linked.yaml was not read: projects/linked.yaml resolves to " + outside.toRealPath()
        + ", outside the folder imported from.");
    if (pipe) {
      assertThat(result.notes()).contains("pipe.yaml was not read: pipe.yaml is a named pipe (FIFO), not a regular file.");
    }
    assertThat(Files.readString(repo.resolve("platform.yaml"))).doesNotContain("stolen");
  }

  @Test
  void aLinkedFolderInTheTargetIsRefusedAndNothingIsWritten() throws IOException {
    // given: projects/ of the new platform repo leads outside
    Path outside = Files.createDirectories(out.resolve("elsewhere"));
    Files.createSymbolicLink(repo.resolve("projects"), outside);

    // when / then
    assertThatThrownBy(() -> new MaiaImporter().importInstallation(FIXTURES, repo))
        .isInstanceOf(ImportRefusedException.class)
        .hasMessage("nothing was written: projects is a symbolic link in " + repo + ", and the import writes no file through a link;"
            + " import into a folder without links (maia.import.to)");
    try (Stream<Path> files = Files.list(outside)) {
      assertThat(files).isEmpty();
    }
    assertThat(repo.resolve("platform.yaml")).doesNotExist();
  }

  @Test
  void aProjectWhoseVolumesTheDefaultStorageDoesNotHoldGetsWhatTheyClaimWithANote() throws IOException {
    // when
    ImportResult result = new MaiaImporter().importInstallation(FIXTURES, repo);

    // then: brain-mets has three members, MinIO, MLflow, Orthanc and the shared volume of its cluster
    Platform platform = new MaiaCompiler(MaiaLog.silent()).validate(repo.resolve("platform.yaml"), NOW).platform();
    assertThat(platform.projects()).filteredOn(p -> p.name().equals("brain-mets"))
        .singleElement().satisfies(p -> assertThat(p.resources().storage()).isEqualTo("69Gi"));
    assertThat(result.notes()).contains("To do: check `resources.storage` of project 'brain-mets': MAIA set no storage quota, and the"
        + " default 50Gi does not hold the volumes of its tools and members, so it is 69Gi, what they claim.");
  }

  @Test
  void aFolderWithoutClusterFilesIsRefused() throws IOException {
    // given
    Path from = Files.createDirectories(out.resolve("empty"));
    Files.writeString(from.resolve("notes.yaml"), "hello: world\n");

    // when / then
    assertThatThrownBy(() -> new MaiaImporter().importInstallation(from, repo))
        .isInstanceOf(ImportRefusedException.class)
        .hasMessageContaining("no cluster file in");
    try (Stream<Path> files = Files.list(repo)) {
      assertThat(files).isEmpty();
    }
  }

  /** {@code file:line `field`} to the value, for every non-empty value under a credential-like key. */
  private static Map<String, String> credentials() throws IOException {
    Map<String, String> found = new TreeMap<>();
    try (Stream<Path> files = Files.walk(FIXTURES)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String relative = FIXTURES.relativize(file).toString().replace('\\', '/');
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        collect(relative, lines, "", YAML.readTree(file.toFile()), found);
      }
    }
    return found;
  }

  private static void collect(String file, List<String> lines, String field, JsonNode node, Map<String, String> found) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        String child = field.isEmpty() ? e.getKey() : field + "." + e.getKey();
        if (Credentials.isCredential(e.getKey()) && e.getValue().isTextual() && !e.getValue().asText().isEmpty()) {
          String value = e.getValue().asText();
          int line = 1;
          for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(value)) {
              line = i + 1;
              break;
            }
          }
          found.put(file + ":" + line + " `" + child + "`", value);
        } else {
          collect(file, lines, child, e.getValue(), found);
        }
      });
    }
  }
}
