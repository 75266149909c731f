package dev.maia.core.verify.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.GenerateRequest;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.TestPaths;
import dev.maia.core.TreeDocs;
import dev.maia.core.model.Project;
import dev.maia.core.verify.admission.BookingAdmission.Finding;
import dev.maia.core.verify.admission.BookingAdmission.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated booking policy, evaluated with cel-java on the pods the hubs create, decides every
 * case right; and each of its checks, taken out or broken in the generated objects, shows as the
 * finding of the cases it alone decides.
 *
 * <p>Two platforms: the example at 2026-12-02 (b-2026-0001 gives phd.student@kth.se one
 * NVIDIA-A100-SXM4-80GB in brain-mets on ki-hospital from 2026-12-01 to 2026-12-08; fl-prostate
 * shares the cluster), and a lab cluster with two products at 2026-12-01T12:00 (ana's booking of two
 * A100 in seg is active, cy's booking of one L40S in cls, which has no GPU quota, is announced).
 */
class BookingAdmissionTest {

  private static final String POLICY = "maia-gpu-booking";
  private static final Instant EXAMPLE_NOW = Instant.parse("2026-12-02T00:00:00Z");
  private static final Instant LAB_NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final String LAB = """
      apiVersion: maia/v1alpha1
      kind: Platform
      metadata:
        name: gpu-lab
      spec:
        gitops:
          repoURL: https://git.example.org/maia/lab-gitops.git
        argocd:
          cluster: lab
        identity:
          issuer: https://iam.example.org/realms/lab
        secrets:
          store: {kind: ClusterSecretStore, name: vault}
        clusters:
          - name: lab
            server: https://kubernetes.default.svc
            domain: lab.example.org
            gpus:
              - product: NVIDIA-A100-SXM4-80GB
                count: 4
              - product: NVIDIA-L40S
                count: 2
                replicas: 2
        projects:
          - name: seg
            cluster: lab
            users: [ana@lab.example.org, bo@lab.example.org]
            resources: {cpu: {request: 8, limit: 16}, memory: {request: 32Gi, limit: 64Gi}}
            gpu: {product: NVIDIA-A100-SXM4-80GB, quota: 1, maxPerWorkspace: 1}
            tools:
              workspace: {}
          - name: cls
            cluster: lab
            users: [cy@lab.example.org]
            tools:
              workspace: {}
        bookings:
          - id: b-2026-0001
            user: ana@lab.example.org
            project: seg
            product: NVIDIA-A100-SXM4-80GB
            gpus: 2
            start: 2026-12-01T00:00:00Z
            end: 2026-12-05T00:00:00Z
          - id: b-2026-0002
            user: cy@lab.example.org
            project: cls
            product: NVIDIA-L40S
            gpus: 1
            start: 2026-12-02T00:00:00Z
            end: 2026-12-09T00:00:00Z
      """;

  @TempDir static Path tmp;

  private static Cluster example;
  private static Cluster lab;

  /** A cluster of a generated tree: its objects, and its workspaces with the project's users. */
  private record Cluster(List<JsonNode> objects, List<Workspace> workspaces, Instant now) {

    List<Finding> check() {
      return new BookingAdmission(objects).check(workspaces, now);
    }

    /** The check on a copy of the objects, with {@code edit} applied to the objects of {@code kind} named {@code name}. */
    List<Finding> checkWith(String kind, String name, Consumer<ObjectNode> edit) {
      List<JsonNode> edited = new ArrayList<>();
      int found = 0;
      for (JsonNode object : objects) {
        if (object.path("kind").asText().equals(kind) && object.path("metadata").path("name").asText().equals(name)) {
          ObjectNode copy = object.deepCopy();
          edit.accept(copy);
          edited.add(copy);
          found++;
        } else {
          edited.add(object);
        }
      }
      assertThat(found).as("%s %s", kind, name).isEqualTo(1);
      return new BookingAdmission(edited).check(workspaces, now);
    }

    /** The check with one expression of the booking policy rewritten: {@code part} replaced by {@code with}. */
    List<Finding> checkWithExpression(String part, String with) {
      return checkWith("ValidatingAdmissionPolicy", POLICY, policy -> {
        int replaced = 0;
        for (String list : List.of("variables", "validations")) {
          for (JsonNode item : policy.path("spec").path(list)) {
            String expression = item.path("expression").asText();
            if (expression.contains(part)) {
              ((ObjectNode) item).put("expression", expression.replace(part, with));
              replaced++;
            }
          }
        }
        assertThat(replaced).as("expressions with %s", part).isEqualTo(1);
      });
    }

    /** The check without the booking policy's validation whose expression contains {@code part}. */
    List<Finding> checkWithoutValidation(String part) {
      return checkWith("ValidatingAdmissionPolicy", POLICY, policy -> {
        ArrayNode validations = (ArrayNode) policy.path("spec").path("validations");
        int before = validations.size();
        for (int i = validations.size() - 1; i >= 0; i--) {
          if (validations.get(i).path("expression").asText().contains(part)) {
            validations.remove(i);
          }
        }
        assertThat(validations.size()).as("validations with %s", part).isEqualTo(before - 1);
      });
    }
  }

  @BeforeAll
  static void generate() throws IOException {
    example = cluster(TestPaths.examplePlatform(), tmp.resolve("example"), "ki-hospital", EXAMPLE_NOW);
    Path platform = tmp.resolve("lab/platform.yaml");
    Files.createDirectories(platform.getParent());
    Files.writeString(platform, LAB, StandardCharsets.UTF_8);
    lab = cluster(platform, tmp.resolve("lab-tree"), "lab", LAB_NOW);
  }

  /**
   * Generates {@code platform} at {@code now} and reads {@code cluster} as the verify stage has it:
   * the objects of its {@code gpu-policy.yaml} and its project Namespaces, and per workspace
   * Application the pods of its values.
   */
  private static Cluster cluster(Path platform, Path tree, String cluster, Instant now) throws IOException {
    MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());
    compiler.generate(new GenerateRequest(platform, tree, now));
    Map<String, List<String>> users = compiler.validate(platform, now).platform().projects().stream()
        .collect(Collectors.toMap(Project::name, Project::users));
    Path overlay = tree.resolve("clusters").resolve(cluster);
    List<JsonNode> objects = new ArrayList<>(TreeDocs.read(overlay.resolve("gpu-policy.yaml")));
    try (Stream<Path> projects = Files.list(overlay.resolve("projects"))) {
      for (Path project : projects.sorted().toList()) {
        TreeDocs.read(project.resolve("resources.yaml")).stream().filter(o -> o.path("kind").asText().equals("Namespace"))
            .forEach(objects::add);
      }
    }
    List<Workspace> workspaces = new ArrayList<>();
    try (Stream<Path> applications = Files.list(tree.resolve("argocd/apps").resolve(cluster))) {
      for (Path file : applications.filter(f -> f.getFileName().toString().endsWith("-workspace.yaml")).sorted().toList()) {
        JsonNode application = TreeDocs.read(file).get(0);
        String project = application.path("metadata").path("labels").path("maia.dev/project").asText();
        String namespace = application.path("spec").path("destination").path("namespace").asText();
        String release = application.path("spec").path("source").path("helm").path("releaseName").asText();
        workspaces.add(new Workspace(project, namespace, new UserPods(TreeDocs.values(file), namespace, release), users.get(project)));
      }
    }
    assertThat(workspaces).isNotEmpty();
    return new Cluster(List.copyOf(objects), List.copyOf(workspaces), now);
  }

  private static List<String> messages(List<Finding> findings) {
    return findings.stream().map(Finding::message).toList();
  }

  @Test
  void thePolicyWeGenerateDecidesEveryCaseRight() {
    // when
    List<Finding> onExample = example.check();
    List<Finding> onLab = lab.check();

    // then
    assertThat(onExample).isEmpty();
    assertThat(onLab).isEmpty();
  }

  @Test
  void theCasesRunOnTheRealPolicyAndItsBindings() {
    // given: a policy that admits everything it applies to
    List<Finding> findings = example.checkWith("ValidatingAdmissionPolicy", POLICY,
        policy -> ((ObjectNode) policy.path("spec")).putArray("validations"));

    // then: every case that must be refused is reported: the booking of brain-mets, and the opportunistic GPU profiles
    assertThat(findings).extracting(Finding::project, Finding::bookingId).containsOnly(
        tuple("brain-mets", "b-2026-0001"), tuple("brain-mets", ""), tuple("fl-prostate", ""));
    assertThat(messages(findings.stream().filter(f -> f.bookingId().isEmpty()).toList())).containsExactly(
        "profile 'gpu' selecting NVIDIA-NO-SUCH-PRODUCT instead of the project's NVIDIA-A100-SXM4-80GB should be refused, but the"
            + " admission policies admit it: the pod of radiologist@ki.se with profile 'gpu', created at 2026-12-02T00:00:00Z in"
            + " namespace brain-mets by system:serviceaccount:brain-mets:hub",
        "profile 'gpu' selecting NVIDIA-NO-SUCH-PRODUCT instead of the project's NVIDIA-A100-SXM4-80GB should be refused, but the"
            + " admission policies admit it: the pod of fl.lead@kth.se with profile 'gpu', created at 2026-12-02T00:00:00Z in"
            + " namespace fl-prostate by system:serviceaccount:fl-prostate:hub");
    assertThat(messages(findings.stream().filter(f -> !f.bookingId().isEmpty()).toList())).containsExactly(
        "booking 'b-2026-0001': its user's booked pod before the start should be refused, but the admission policies admit it:"
            + " the pod of phd.student@kth.se with profile 'gpu-booked', created at 2026-11-30T23:59:59Z in namespace brain-mets"
            + " by system:serviceaccount:brain-mets:hub",
        "booking 'b-2026-0001': its user's booked pod at the end should be refused, but the admission policies admit it:"
            + " the pod of phd.student@kth.se with profile 'gpu-booked', created at 2026-12-08T00:00:00Z in namespace brain-mets"
            + " by system:serviceaccount:brain-mets:hub",
        "booking 'b-2026-0001': its user's booked pod requested by another service account than the project's hub should be"
            + " refused, but the admission policies admit it: the pod of phd.student@kth.se with profile 'gpu-booked', created at"
            + " 2026-12-01T00:01:00Z in namespace brain-mets by system:serviceaccount:brain-mets:default",
        "booking 'b-2026-0001': its user's booked pod requested by the service account of the user's own server should be"
            + " refused, but the admission policies admit it: the pod of phd.student@kth.se with profile 'gpu-booked', created at"
            + " 2026-12-01T00:01:00Z in namespace brain-mets by system:serviceaccount:brain-mets:maia-workspace",
        "booking 'b-2026-0001': its user's booked pod requested by the user should be refused, but the admission policies admit"
            + " it: the pod of phd.student@kth.se with profile 'gpu-booked', created at 2026-12-01T00:01:00Z in namespace brain-mets"
            + " by phd.student@kth.se",
        "booking 'b-2026-0001': its user's booked pod requested by the hub of project namespace fl-prostate should be refused,"
            + " but the admission policies admit it: the pod of phd.student@kth.se with profile 'gpu-booked', created at"
            + " 2026-12-01T00:01:00Z in namespace brain-mets by system:serviceaccount:fl-prostate:hub",
        "booking 'b-2026-0001': its user's booked pod in project namespace fl-prostate should be refused, but the admission"
            + " policies admit it: the pod of phd.student@kth.se with profile 'gpu-booked', created at 2026-12-01T00:01:00Z in"
            + " namespace fl-prostate by system:serviceaccount:fl-prostate:hub",
        "booking 'b-2026-0001': its user's booked pod selecting NVIDIA-NO-SUCH-PRODUCT instead of the booked"
            + " NVIDIA-A100-SXM4-80GB should be refused, but the admission policies admit it: the pod of phd.student@kth.se with"
            + " profile 'gpu-booked', created at 2026-12-01T00:01:00Z in namespace brain-mets by system:serviceaccount:brain-mets:hub",
        "booking 'b-2026-0001': its user's booked pod asking for one GPU more than booked should be refused, but the admission"
            + " policies admit it: the pod of phd.student@kth.se with profile 'gpu-booked', created at 2026-12-01T00:01:00Z in"
            + " namespace brain-mets by system:serviceaccount:brain-mets:hub",
        "booking 'b-2026-0001': its user's booked pod without activeDeadlineSeconds should be refused, but the admission"
            + " policies admit it: the pod of phd.student@kth.se with profile 'gpu-booked', created at 2026-12-01T00:01:00Z in"
            + " namespace brain-mets by system:serviceaccount:brain-mets:hub",
        "booking 'b-2026-0001': its user's booked pod whose activeDeadlineSeconds runs one second past the end should be"
            + " refused, but the admission policies admit it: the pod of phd.student@kth.se with profile 'gpu-booked', created at"
            + " 2026-12-01T00:01:00Z in namespace brain-mets by system:serviceaccount:brain-mets:hub",
        "booking 'b-2026-0001': the booked profile for another user of the project, radiologist@ki.se should be refused, but the"
            + " admission policies admit it: the pod of radiologist@ki.se with profile 'gpu-booked', created at"
            + " 2026-12-01T00:01:00Z in namespace brain-mets by system:serviceaccount:brain-mets:hub");
  }

  @Test
  void aPolicyThatLeavesTheProductOfOpportunisticPodsOpenAdmitsAnotherProduct() {
    // when: outside a booking, any product
    List<Finding> findings = example.checkWithExpression(
        " || object.spec.?nodeSelector[?'nvidia.com/gpu.product'].orValue('') == params.?data[?'product'].orValue('')", " || true");

    // then
    assertThat(findings).extracting(Finding::project, Finding::bookingId).containsExactly(tuple("brain-mets", ""), tuple("fl-prostate", ""));
    assertThat(messages(findings)).allMatch(m -> m.startsWith("profile 'gpu' selecting NVIDIA-NO-SUCH-PRODUCT instead of the project's"
        + " NVIDIA-A100-SXM4-80GB should be refused, but the admission policies admit it"));
  }

  @Test
  void aPolicyThatDoesNotCompareTheUserAdmitsAnotherUsersPod() {
    // when: the bookings of every user, not the pod's
    List<Finding> findings = example.checkWithExpression(" && params.data[k].lowerAscii() == variables.user", "");

    // then
    assertThat(findings).extracting(Finding::project, Finding::bookingId, Finding::message).containsExactly(
        tuple("brain-mets", "b-2026-0001",
            "booking 'b-2026-0001': the booked profile for another user of the project, radiologist@ki.se should be refused, but"
                + " the admission policies admit it: the pod of radiologist@ki.se with profile 'gpu-booked', created at"
                + " 2026-12-01T00:01:00Z in namespace brain-mets by system:serviceaccount:brain-mets:hub"));
  }

  @Test
  void aPolicyThatDoesNotCompareTheProductAdmitsAPodOnAnotherProduct() {
    // when
    List<Finding> onExample = example.checkWithExpression(
        " && object.spec.?nodeSelector[?'nvidia.com/gpu.product'].orValue('') == params.data[id + '.product']", "");
    List<Finding> onLab = lab.checkWithExpression(
        " && object.spec.?nodeSelector[?'nvidia.com/gpu.product'].orValue('') == params.data[id + '.product']", "");

    // then: the made-up product, and on the lab the cluster's other product (its shared L40S nodes
    // are labelled NVIDIA-L40S-SHARED)
    assertThat(messages(onExample)).singleElement().asString()
        .startsWith("booking 'b-2026-0001': its user's booked pod selecting NVIDIA-NO-SUCH-PRODUCT instead of the booked"
            + " NVIDIA-A100-SXM4-80GB should be refused, but the admission policies admit it");
    assertThat(onLab).extracting(Finding::project, Finding::bookingId).containsExactly(
        tuple("cls", "b-2026-0002"), tuple("cls", "b-2026-0002"),
        tuple("seg", "b-2026-0001"), tuple("seg", "b-2026-0001"));
    assertThat(messages(onLab)).allMatch(m -> m.contains("selecting NVIDIA-"))
        .anyMatch(m -> m.startsWith("booking 'b-2026-0001': its user's booked pod selecting NVIDIA-L40S-SHARED instead of the booked"
            + " NVIDIA-A100-SXM4-80GB"))
        .anyMatch(m -> m.startsWith("booking 'b-2026-0002': its user's booked pod selecting NVIDIA-A100-SXM4-80GB instead of the"
            + " booked NVIDIA-L40S-SHARED"));
  }

  @Test
  void aPolicyThatDoesNotCountTheBookedGpusAdmitsAPodWithMore() {
    // when
    List<Finding> findings = lab.checkWithExpression("variables.gpus <= int(params.data[id + '.gpus']) && ", "");

    // then
    assertThat(findings).extracting(Finding::bookingId).containsExactly("b-2026-0002", "b-2026-0001");
    assertThat(messages(findings)).allMatch(m -> m.contains("its user's booked pod asking for one GPU more than booked should be"
        + " refused, but the admission policies admit it"));
  }

  @Test
  void aPolicyWithoutTheDeadlineAdmitsPodsThatOutliveTheBooking() {
    // when
    List<Finding> findings = example.checkWithoutValidation("activeDeadlineSeconds");

    // then
    assertThat(messages(findings)).hasSize(2)
        .anyMatch(m -> m.startsWith("booking 'b-2026-0001': its user's booked pod without activeDeadlineSeconds should be refused"))
        .anyMatch(m -> m.startsWith("booking 'b-2026-0001': its user's booked pod whose activeDeadlineSeconds runs one second"
            + " past the end should be refused"));
  }

  @Test
  void aPolicyWithoutTheServiceAccountCheckAdmitsPodsFromOthersThanTheHub() {
    // when
    List<Finding> findings = example.checkWithoutValidation("variables.fromHub");

    // then: the namespace's default account, the user's server, the user, another project's hub
    assertThat(messages(findings)).hasSize(4).allMatch(m -> m.contains("should be refused, but the admission policies admit it"))
        .anyMatch(m -> m.endsWith(" by system:serviceaccount:brain-mets:default"))
        .anyMatch(m -> m.endsWith(" by system:serviceaccount:brain-mets:maia-workspace"))
        .anyMatch(m -> m.endsWith(" by phd.student@kth.se"))
        .anyMatch(m -> m.endsWith(" by system:serviceaccount:fl-prostate:hub"));
  }

  @Test
  void aPolicyThatAcceptsAnyNamespaceAsTheHubsAdmitsAPodFromAnotherProjectsHub() {
    // when: the hub of any namespace
    List<Finding> findings = example.checkWithExpression("'system:serviceaccount:' + request.namespace + ':hub'",
        "'system:serviceaccount:' + request.userInfo.username.split(':')[2] + ':hub'");

    // then
    assertThat(messages(findings)).containsExactly(
        "booking 'b-2026-0001': its user's booked pod requested by the hub of project namespace fl-prostate should be refused,"
            + " but the admission policies admit it: the pod of phd.student@kth.se with profile 'gpu-booked', created at"
            + " 2026-12-01T00:01:00Z in namespace brain-mets by system:serviceaccount:fl-prostate:hub");
  }

  @Test
  void aPolicyThatIgnoresTheStartAdmitsAPodBeforeIt() {
    // when
    List<Finding> findings = example.checkWithExpression(
        "timestamp(params.data[id + '.start']) <= timestamp(variables.created) && ", "");

    // then
    assertThat(messages(findings)).singleElement().asString()
        .startsWith("booking 'b-2026-0001': its user's booked pod before the start should be refused, but the admission policies"
            + " admit it: the pod of phd.student@kth.se with profile 'gpu-booked', created at 2026-11-30T23:59:59Z");
  }

  @Test
  void theEndIsEnforcedTwiceByTheWindowAndByTheDeadline() {
    // given: the window without its end
    String end = " && timestamp(variables.created) < timestamp(params.data[id + '.end'])";

    // when
    List<Finding> windowOnly = example.checkWithExpression(end, "");
    List<Finding> both = example.checkWith("ValidatingAdmissionPolicy", POLICY, policy -> {
      for (JsonNode variable : policy.path("spec").path("variables")) {
        ((ObjectNode) variable).put("expression", variable.path("expression").asText().replace(end, ""));
      }
      ArrayNode validations = (ArrayNode) policy.path("spec").path("validations");
      for (int i = validations.size() - 1; i >= 0; i--) {
        if (validations.get(i).path("expression").asText().contains("activeDeadlineSeconds")) {
          validations.remove(i);
        }
      }
    });

    // then: a pod created at the end has no deadline the hub could give it, so the deadline refuses it too
    assertThat(windowOnly).isEmpty();
    assertThat(messages(both))
        .anyMatch(m -> m.startsWith("booking 'b-2026-0001': its user's booked pod at the end should be refused, but the admission"
            + " policies admit it: the pod of phd.student@kth.se with profile 'gpu-booked', created at 2026-12-08T00:00:00Z"));
  }

  @Test
  void aBookedPodThatIsRefusedIsReportedWithThePolicysMessages() {
    // when: a policy whose window is a minute late
    List<Finding> findings = example.checkWithExpression("timestamp(params.data[id + '.start']) <= timestamp(variables.created)",
        "timestamp(params.data[id + '.start']) + duration('120s') <= timestamp(variables.created)");

    // then: the pod a minute after the start is refused, with every message; the one now (inside the booking) is not
    assertThat(findings).extracting(Finding::project, Finding::bookingId).containsExactly(tuple("brain-mets", "b-2026-0001"));
    assertThat(findings.get(0).message()).startsWith(
        "booking 'b-2026-0001': its user's booked pod inside the booking should be admitted, but is refused: the pod of"
            + " phd.student@kth.se with profile 'gpu-booked', created at 2026-12-01T00:01:00Z in namespace brain-mets by"
            + " system:serviceaccount:brain-mets:hub: ValidatingAdmissionPolicy 'maia-gpu-booking' with binding"
            + " 'maia-gpu-booking-brain-mets' denied request: user phd.student@kth.se has no GPU booking in namespace"
            + " brain-mets that is active at 2026-12-01T00:01:00Z; ValidatingAdmissionPolicy 'maia-gpu-booking' with binding"
            + " 'maia-gpu-booking-brain-mets' denied request: a booked pod asks for at most the booked GPUs");
  }

  @Test
  void anOpportunisticProfileAboveTheParamsMaxPerWorkspaceIsReportedForTheProject() {
    // when: the params of brain-mets allow no GPU outside a booking
    List<Finding> findings = example.checkWith("ConfigMap", "gpu-bookings-brain-mets",
        params -> ((ObjectNode) params.path("data")).put("maxPerWorkspace", "0"));

    // then
    assertThat(findings).extracting(Finding::project, Finding::bookingId, Finding::message).containsExactly(
        tuple("brain-mets", "",
            "profile 'gpu' for a user of the project should be admitted, but is refused: the pod of radiologist@ki.se with profile"
                + " 'gpu', created at 2026-12-02T00:00:00Z in namespace brain-mets by system:serviceaccount:brain-mets:hub:"
                + " ValidatingAdmissionPolicy 'maia-gpu-booking' with binding 'maia-gpu-booking-brain-mets' denied request: a pod"
                + " outside a GPU booking may ask for at most 0 GPUs in this project, not 1"));
  }

  @Test
  void eachNamespaceGetsTheParamsItsBindingNames() {
    // when: the binding of fl-prostate names the params of brain-mets
    List<Finding> findings = example.checkWith("ValidatingAdmissionPolicyBinding", "maia-gpu-booking-fl-prostate",
        binding -> ((ObjectNode) binding.path("spec").path("paramRef")).put("name", "gpu-bookings-brain-mets"));

    // then: the booking of brain-mets holds in fl-prostate
    assertThat(messages(findings)).singleElement().asString()
        .startsWith("booking 'b-2026-0001': its user's booked pod in project namespace fl-prostate should be refused, but the"
            + " admission policies admit it");
  }

  @Test
  void missingParamsDenyWithDenyAndLeaveTheBindingOutWithAllow() {
    // when
    List<Finding> deny = example.checkWith("ValidatingAdmissionPolicyBinding", "maia-gpu-booking-brain-mets",
        binding -> ((ObjectNode) binding.path("spec").path("paramRef")).put("name", "gpu-bookings-gone"));
    List<Finding> allow = example.checkWith("ValidatingAdmissionPolicyBinding", "maia-gpu-booking-brain-mets",
        binding -> ((ObjectNode) binding.path("spec").path("paramRef")).put("name", "gpu-bookings-gone")
            .put("parameterNotFoundAction", "Allow"));

    // then: with Deny every pod of the namespace is refused, those on CPU too: the params are looked up before the
    // match conditions, which may use them
    assertThat(messages(deny)).hasSize(5).anyMatch(m -> m.startsWith("profile 'cpu' for a user of the project")).allMatch(m -> m.contains("should be admitted, but is refused")
        && m.endsWith("ValidatingAdmissionPolicy 'maia-gpu-booking' with binding 'maia-gpu-booking-brain-mets' denied request:"
            + " failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction"
            + " (ConfigMap maia-system/gpu-bookings-gone)"));
    // with Allow nothing decides brain-mets' pods, so every one that should be refused there is admitted
    assertThat(messages(allow)).isNotEmpty()
        .allMatch(m -> m.contains("should be refused, but the admission policies admit it (none applies to it)")
            || m.contains("in namespace fl-prostate"));
    assertThat(messages(allow)).noneMatch(m -> m.contains("should be admitted"));
  }

  @Test
  void theBindingsSelectTheirNamespaceByTheLabelTheApiServerAdds() {
    // given: the Namespace manifests do not carry kubernetes.io/metadata.name
    assertThat(example.objects()).filteredOn(o -> o.path("kind").asText().equals("Namespace"))
        .allMatch(o -> !o.path("metadata").path("labels").has(AdmissionPolicy.NAMESPACE_NAME_LABEL));

    // when: the binding of brain-mets selects another namespace
    List<Finding> findings = example.checkWith("ValidatingAdmissionPolicyBinding", "maia-gpu-booking-brain-mets",
        binding -> ((ObjectNode) binding.path("spec").path("matchResources").path("namespaceSelector").path("matchLabels"))
            .put(AdmissionPolicy.NAMESPACE_NAME_LABEL, "elsewhere"));

    // then
    assertThat(messages(findings)).isNotEmpty()
        .anyMatch(m -> m.startsWith("booking 'b-2026-0001': its user's booked pod requested by the user should be refused, but"
            + " the admission policies admit it (none applies to it)"));
  }

  @Test
  void aClusterWithoutAdmissionPoliciesHasNothingToCheck() {
    // given: the cluster's namespaces only
    List<JsonNode> namespaces = example.objects().stream().filter(o -> o.path("kind").asText().equals("Namespace")).toList();

    // when
    List<Finding> findings = new BookingAdmission(namespaces).check(example.workspaces(), EXAMPLE_NOW);

    // then
    assertThat(findings).isEmpty();
  }
}
