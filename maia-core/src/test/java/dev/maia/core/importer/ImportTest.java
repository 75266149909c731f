package dev.maia.core.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maia.core.GenerateRequest;
import dev.maia.core.GenerateResult;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.TestPaths;
import dev.maia.core.model.Platform;
import dev.maia.core.problem.Problem;
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

  static final Path SHAPES = TestPaths.repoRoot().resolve("maia-core/src/test/resources/import");

  private static final String FILL_IN = " is a placeholder of MAIA's configuration templates, not a value the installation was"
      + " configured with (fill in the installation's own value, or remove the field, and import again)";

  /** The problems that stopped an import of {@code from}, formatted; nothing may have been written. */
  private List<String> refused(Path from) throws IOException {
    ImportRefusedException e = catchThrowableOfType(ImportRefusedException.class, () -> new MaiaImporter().importInstallation(from, repo));
    assertThat(e).as("the import is refused").isNotNull();
    try (Stream<Path> files = Files.list(repo)) {
      assertThat(files).as("nothing is written").isEmpty();
    }
    assertThat(e.getMessage()).startsWith("nothing was written: ");
    return e.problems().stream().map(Problem::format).toList();
  }

  /** The fixtures copied to a folder of their own, each file changed by {@code edits} (file to from-to pairs). */
  private Path fixturesWith(Map<String, List<String>> edits) throws IOException {
    Path copy = out.resolve("maia-config");
    try (Stream<Path> walk = Files.walk(FIXTURES)) {
      for (Path p : walk.toList()) {
        Path target = copy.resolve(FIXTURES.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    for (Map.Entry<String, List<String>> edit : edits.entrySet()) {
      Path file = copy.resolve(edit.getKey());
      String text = Files.exists(file) ? Files.readString(file) : "";
      for (int i = 0; i < edit.getValue().size(); i += 2) {
        String from = edit.getValue().get(i);
        assertThat(from.isEmpty() || text.contains(from)).as("%s holds %s", edit.getKey(), from).isTrue();
        text = from.isEmpty() ? text + edit.getValue().get(i + 1) : text.replace(from, edit.getValue().get(i + 1));
      }
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    }
    return copy;
  }

  @Test
  void aTemplateLeftUnfilledIsRefusedAtEveryPlaceholderItWouldCarryOver() throws IOException {
    // when: MAIA's cluster template and the CLI form, partly filled in (unfilled-template/)
    List<String> problems = refused(SHAPES.resolve("unfilled-template"));

    // then: the placeholders of fields it carries over; those of fields it drops anyway (coredns_ip, the
    // CA's certificate path, the resolver's e-mail) and of credentials (the dashboard token) are no problem
    assertThat(problems).containsExactly(
        "demo-cluster.yaml:2:1 /domain: '<your_domain>'" + FILL_IN,
        "projects/maia-namespace.yaml:4:9 /users/0: '<user_email>'" + FILL_IN);
  }

  @Test
  void placeholdersInARemoteClusterEnvJsonAndAnOverrideFileAreRefusedWhereTheyAreWritten() throws IOException {
    // given: a Rancher address as the fork's Installation/README.md writes it, the admin group and an AE title left open
    Path from = fixturesWith(Map.of(
        "KI_Hospital.yaml", List.of(
            "api: https://mgmt.maia.kth.se/k8s/clusters/c-m-8xk2p", "api: https://mgmt.<central-domain>/k8s/clusters/<id>",
            "argocd_destination_cluster_address: https://mgmt.maia.kth.se/k8s/clusters/c-m-8xk2p",
            "argocd_destination_cluster_address: https://mgmt.<central-domain>/k8s/clusters/<id>"),
        "env.json", List.of("\"admin_group_ID\": \"MAIA:admin\"", "\"admin_group_ID\": \"${ADMIN_GROUP}\""),
        "brain-mets.yaml", List.of("ae_title: BRAINMETS", "ae_title: <AE>")));

    // when / then
    assertThat(refused(from)).containsExactly(
        "KI_Hospital.yaml:5:1 /api: 'https://mgmt.<central-domain>/k8s/clusters/<id>'" + FILL_IN,
        "KI_Hospital.yaml:6:1 /argocd_destination_cluster_address: 'https://mgmt.<central-domain>/k8s/clusters/<id>'" + FILL_IN,
        "brain-mets.yaml:12:1 /ae_title: '<AE>'" + FILL_IN,
        "env.json:6:3 /admin_group_ID: '${ADMIN_GROUP}'" + FILL_IN);
  }

  @Test
  void anInstallationConfiguredWithAnEmptyDomainGetsNotesNotHostsWithoutAName() throws IOException {
    // when: what MAIA_Configure_Installation.sh writes with CLUSTER_DOMAIN empty (empty-domain/)
    ImportResult result = new MaiaCompiler(MaiaLog.silent()).importInstallation(SHAPES.resolve("empty-domain"), repo, NOW);

    // then: the issuer https://iam./realms/maia is not taken; one is derived from the domain the cluster gets, and said so
    assertThat(result.problems()).isEmpty();
    Platform platform = new MaiaCompiler(MaiaLog.silent()).validate(repo.resolve("platform.yaml"), NOW).platform();
    assertThat(platform.identity().issuer()).isEqualTo("https://iam.maia-cluster.example.org/realms/maia");
    assertThat(platform.cluster("maia-cluster").orElseThrow().domain()).isEqualTo("maia-cluster.example.org");
    assertThat(result.notes()).contains(
        "To do: set `domain` of cluster 'maia-cluster': maia-cluster.yaml has none.",
        "To do: check `spec.identity.issuer`: it was derived as https://iam.maia-cluster.example.org/realms/maia (MAIA's Keycloak"
            + " at iam.<domain>, realm maia).",
        "maia-cluster.yaml:17 `keycloak.issuer_url` was not carried over: 'https://iam./realms/maia' is no https URL with a host"
            + " name (an empty domain in MAIA's installer gives https://iam./realms/maia).");
    assertThat(Files.readString(repo.resolve("platform.yaml"))).doesNotContain("iam./", "https://:");
  }

  @Test
  void aRemoteClusterWhoseAddressesHaveNoHostGetsAToDoNotAServerWithoutAHost() throws IOException {
    // given
    Path from = fixturesWith(Map.of("KI_Hospital.yaml", List.of(
        "api: https://mgmt.maia.kth.se/k8s/clusters/c-m-8xk2p", "api: https://:6443",
        "argocd_destination_cluster_address: https://mgmt.maia.kth.se/k8s/clusters/c-m-8xk2p",
        "argocd_destination_cluster_address: https://:6443/k8s/clusters/c-m-8xk2p")));

    // when
    ImportResult result = new MaiaCompiler(MaiaLog.silent()).importInstallation(from, repo, NOW);

    // then
    Platform platform = new MaiaCompiler(MaiaLog.silent()).validate(repo.resolve("platform.yaml"), NOW).platform();
    assertThat(platform.cluster("ki-hospital").orElseThrow().server()).isEqualTo("https://ki-hospital.invalid:6443");
    assertThat(result.notes()).contains(
        "To do: set `server` of cluster 'ki-hospital': KI_Hospital.yaml gives no https address ArgoCD can reach it at.",
        "KI_Hospital.yaml:5 `api` was not carried over: 'https://:6443' is no https URL with a host name.",
        "KI_Hospital.yaml:6 `argocd_destination_cluster_address` was not carried over: 'https://:6443/k8s/clusters/c-m-8xk2p' is"
            + " no https URL with a host name.");
  }

  @Test
  void aFolderOfUnrelatedYamlIsRefusedNamingWhatItDidNotRead() throws IOException {
    // given: a Rancher RKE cluster.yml (it has cluster_name), a CI workflow, a chart, a values file with an empty group_ID
    Path from = Files.createDirectories(out.resolve("unrelated"));
    Files.writeString(from.resolve("cluster.yml"), """
        cluster_name: rke-prod
        nodes:
          - {address: 10.0.0.1, user: ubuntu, role: [controlplane, etcd]}
        services:
          etcd: {snapshot: true}
        kubernetes_version: v1.28.4-rancher1-1
        """);
    Files.createDirectories(from.resolve(".github/workflows"));
    Files.writeString(from.resolve(".github/workflows/ci.yaml"), "name: CI\non: [push]\njobs:\n  build: {runs-on: ubuntu-latest}\n");
    Files.writeString(from.resolve("Chart.yaml"), "apiVersion: v2\nname: maia-namespace\nversion: 1.7.2\n");
    Files.writeString(from.resolve("values.yaml"), "group_ID: \"\"\nimage: {repository: jupyterhub/k8s-hub, tag: 4.1.0}\n");

    // when
    ImportRefusedException e = catchThrowableOfType(ImportRefusedException.class, () -> new MaiaImporter().importInstallation(from, repo));

    // then: no cluster named after nothing, no project called "project"
    assertThat(e).hasMessageStartingWith("no cluster file in ")
        .hasMessageEndingWith(" (none of .github/workflows/ci.yaml, Chart.yaml, cluster.yml, values.yaml is one)");
    try (Stream<Path> files = Files.list(repo)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void unrelatedYamlNextToAnInstallationIsSkippedWithANote() throws IOException {
    // given
    Path from = fixturesWith(Map.of(
        "rke/cluster.yml", List.of("", "cluster_name: rke-prod\nnodes:\n  - {address: 10.0.0.1, role: [worker]}\n"),
        "charts/values.yaml", List.of("", "group_ID: null\nhub: {image: {name: jupyterhub/k8s-hub, tag: 4.1.0}}\n")));

    // when
    ImportResult result = new MaiaImporter().importInstallation(from, repo);

    // then
    assertThat(result.written()).containsExactly("platform.yaml", "projects/brain-mets.yaml", "projects/vertebra-ct.yaml", "IMPORT-NOTES.md");
    assertThat(result.notes()).contains(
        "rke/cluster.yml was not read: it has cluster_name but none of the fields of a MAIA cluster file (domain, api,"
            + " argocd_destination_cluster_address, k8s_distribution, ingress_class, maia_dashboard, port_range, gpu_specs,"
            + " storage_class, shared_storage_class, traefik_resolver, nginx_cluster_issuer, selfsigned, keycloak).",
        "charts/values.yaml was not read: it has group_ID but none of the fields of a MAIA project form (users, resources_limits,"
            + " gpu_request, group_subdomain, cluster, project_tier).");
  }

  @Test
  void aClusterFileOrFormWhoseNameGivesNoNameIsRefusedWhereTheNameIsWritten() throws IOException {
    // given: names that leave nothing of a DNS-1123 label, and a name that is a list
    Path from = fixturesWith(Map.of(
        "KI_Hospital.yaml", List.of("cluster_name: KI_Hospital", "cluster_name: \"Ö\""),
        "projects/brain_mets.yaml", List.of("group_ID: Brain_Mets", "group_ID: \"___\""),
        "projects/vertebra-ct.yaml", List.of("group_ID: vertebra-ct", "group_ID: [vertebra-ct]")));

    // when / then
    assertThat(refused(from)).containsExactly(
        "KI_Hospital.yaml:2:1 /cluster_name: cluster_name 'Ö' gives no cluster name: the cluster is named after it in lower case,"
            + " with letters, digits and '-' ('_' becomes '-') (write the cluster's name, such as 'maia-cluster', and import again)",
        "projects/brain_mets.yaml:2:1 /group_ID: group_ID '___' gives no project name: the project is named after it in lower"
            + " case, with letters, digits and '-' ('_' becomes '-') (write the id of the project's group, such as 'Brain_Mets',"
            + " and import again)",
        "projects/vertebra-ct.yaml:1:1 /group_ID: group_ID is a list, not the project's name: the project is named after it in"
            + " lower case, with letters, digits and '-' ('_' becomes '-') (write the id of the project's group, such as"
            + " 'Brain_Mets', and import again)");
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
