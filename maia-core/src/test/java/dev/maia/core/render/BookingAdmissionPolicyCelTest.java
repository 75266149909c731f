package dev.maia.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maia.core.GenerateRequest;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.TestPaths;
import dev.maia.core.verify.admission.AdmissionPolicy;
import dev.maia.core.verify.admission.AdmissionPolicy.Decision;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated admission policies, compiled and evaluated with a real CEL implementation against
 * sample pods. The example platform at 2026-12-02: booking b-2026-0001 gives phd.student@kth.se one
 * NVIDIA-A100-SXM4-80GB in project brain-mets on ki-hospital from 2026-12-01 to 2026-12-08; the
 * project may use one GPU without a booking.
 */
class BookingAdmissionPolicyCelTest {

  private static final String NS = "brain-mets";
  private static final String HUB = "system:serviceaccount:brain-mets:hub";
  private static final String USER = "phd.student@kth.se";
  private static final String A100 = "NVIDIA-A100-SXM4-80GB";
  private static final Instant END = Instant.parse("2026-12-08T00:00:00Z");
  private static final String IN_WINDOW = "2026-12-03T10:00:00Z";

  @TempDir static Path out;

  private static AdmissionPolicy booking;
  private static AdmissionPolicy outsideProjects;
  private static Map<String, Object> params;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void generate() throws IOException {
    new MaiaCompiler(MaiaLog.silent())
        .generate(new GenerateRequest(TestPaths.examplePlatform(), out, Instant.parse("2026-12-02T00:00:00Z")));
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = yaml.getFactory().createParser(out.resolve("clusters/ki-hospital/gpu-policy.yaml").toFile())) {
      yaml.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
    }
    for (JsonNode doc : documents) {
      String name = doc.path("metadata").path("name").asText();
      switch (doc.path("kind").asText()) {
        case "ValidatingAdmissionPolicy" -> {
          if (name.equals(BookingAdmissionPolicy.POLICY)) {
            booking = new AdmissionPolicy(doc);
          } else {
            outsideProjects = new AdmissionPolicy(doc);
          }
        }
        case "ConfigMap" -> {
          if (name.equals("gpu-bookings-" + NS)) {
            params = (Map<String, Object>) AdmissionPolicy.plain(doc);
          }
        }
        default -> {}
      }
    }
  }

  @Test
  void everyExpressionCompiles() throws Exception {
    // when
    List<String> booked = booking.compileAll();
    List<String> outside = outsideProjects.compileAll();

    // then: 1 match condition, 7 variables, 8 validations of which 3 with a message expression
    assertThat(booked).hasSize(19);
    assertThat(outside).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theParamsListTheAnnouncedBooking() {
    // then
    assertThat((Map<String, Object>) params.get("data"))
        .containsEntry("b-2026-0001.user", USER)
        .containsEntry("b-2026-0001.start", "2026-12-01T00:00:00Z")
        .containsEntry("b-2026-0001.end", "2026-12-08T00:00:00Z")
        .containsEntry("b-2026-0001.gpus", "1")
        .containsEntry("b-2026-0001.product", A100)
        .containsEntry("maxPerWorkspace", "1")
        .containsEntry("product", A100);
  }

  @Test
  void aBookedPodFromTheHubInsideTheBookingIsAdmitted() {
    // given
    Map<String, Object> pod = bookedPod(IN_WINDOW, USER, untilEnd(IN_WINDOW));

    // when
    Decision decision = booking.admit(pod, params, HUB, NS);

    // then
    assertThat(decision.matched()).isTrue();
    assertThat(decision.messages()).isEmpty();
    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void theUserIsComparedIgnoringCase() {
    // when
    Decision decision = booking.admit(bookedPod(IN_WINDOW, "PhD.Student@KTH.se", untilEnd(IN_WINDOW)), params, HUB, NS);

    // then
    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void aBookedPodAtTheFirstSecondOfTheBookingIsAdmitted() {
    // when
    Decision decision = booking.admit(bookedPod("2026-12-01T00:00:00Z", USER, 3600L), params, HUB, NS);

    // then
    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void aBookedPodBeforeTheStartIsDenied() {
    // when
    Decision decision = booking.admit(bookedPod("2026-11-30T23:59:59Z", USER, 3600L), params, HUB, NS);

    // then
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.messages())
        .contains("user phd.student@kth.se has no GPU booking in namespace brain-mets that is active at 2026-11-30T23:59:59Z");
  }

  @Test
  void aBookedPodAtTheEndIsDenied() {
    // when
    Decision decision = booking.admit(bookedPod(END.toString(), USER, 60L), params, HUB, NS);

    // then
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.messages()).anyMatch(m -> m.contains("has no GPU booking"));
  }

  @Test
  void anotherUserOfTheProjectIsDenied() {
    // when
    Decision decision = booking.admit(bookedPod(IN_WINDOW, "radiologist@ki.se", untilEnd(IN_WINDOW)), params, HUB, NS);

    // then
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.messages()).anyMatch(m -> m.startsWith("user radiologist@ki.se has no GPU booking"));
  }

  @Test
  void aForgedUsernameOnAPodNotCreatedByTheHubIsDenied() {
    // given: the booked user's name, written by someone else
    Map<String, Object> pod = bookedPod(IN_WINDOW, USER, untilEnd(IN_WINDOW));

    // when
    Decision byMember = booking.admit(pod, params, "radiologist@ki.se", NS);
    Decision byOtherAccount = booking.admit(pod, params, "system:serviceaccount:brain-mets:default", NS);
    Decision byHubOfAnotherProject = booking.admit(pod, params, "system:serviceaccount:fl-prostate:hub", NS);

    // then
    for (Decision decision : List.of(byMember, byOtherAccount, byHubOfAnotherProject)) {
      assertThat(decision.allowed()).isFalse();
      assertThat(decision.messages())
          .containsExactly("PriorityClass maia-booked is only for pods that the project's JupyterHub (service account hub) creates");
    }
  }

  @Test
  void aBookedPodWithoutADeadlineIsDenied() {
    // when
    Decision decision = booking.admit(bookedPod(IN_WINDOW, USER, null), params, HUB, NS);

    // then
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.messages())
        .containsExactly("a booked pod must set activeDeadlineSeconds so that it ends by the end of the booking");
  }

  @Test
  void aDeadlineUpToTheEndIsAdmittedAndOneSecondMoreIsDenied() {
    // when
    Decision exact = booking.admit(bookedPod(IN_WINDOW, USER, untilEnd(IN_WINDOW)), params, HUB, NS);
    Decision past = booking.admit(bookedPod(IN_WINDOW, USER, untilEnd(IN_WINDOW) + 1), params, HUB, NS);

    // then
    assertThat(exact.allowed()).isTrue();
    assertThat(past.allowed()).isFalse();
    assertThat(past.messages())
        .containsExactly("a booked pod must set activeDeadlineSeconds so that it ends by the end of the booking");
  }

  @Test
  void aBookedPodWithoutCreationTimestampIsDenied() {
    // when
    Decision decision = booking.admit(bookedPod(null, USER, 3600L), params, HUB, NS);

    // then
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.messages())
        .contains("the pod has no creationTimestamp, so the time of the request is unknown; booked pods are refused");
  }

  @Test
  void aBookedPodWithMoreGpusOrAnotherProductIsDenied() {
    // given
    Map<String, Object> twoGpus = pod("maia-booked", 2, A100, USER, IN_WINDOW, untilEnd(IN_WINDOW));
    Map<String, Object> otherProduct = pod("maia-booked", 1, "NVIDIA-RTX-A6000", USER, IN_WINDOW, untilEnd(IN_WINDOW));

    // when / then
    for (Map<String, Object> pod : List.of(twoGpus, otherProduct)) {
      Decision decision = booking.admit(pod, params, HUB, NS);
      assertThat(decision.allowed()).isFalse();
      assertThat(decision.messages())
          .containsExactly("a booked pod asks for at most the booked GPUs and selects the booked product with nodeSelector nvidia.com/gpu.product");
    }
  }

  @Test
  void anOpportunisticPodWithinMaxPerWorkspaceIsAdmittedForAnyone() {
    // when
    Decision decision =
        booking.admit(pod("maia-opportunistic", 1, A100, "radiologist@ki.se", IN_WINDOW, null), params, "radiologist@ki.se", NS);

    // then
    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void anOpportunisticPodAboveMaxPerWorkspaceIsDenied() {
    // when
    Decision decision = booking.admit(pod("maia-opportunistic", 2, A100, USER, IN_WINDOW, null), params, HUB, NS);

    // then
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.messages()).containsExactly("a pod outside a GPU booking may ask for at most 1 GPUs in this project, not 2");
  }

  @Test
  void anOpportunisticPodOfAnotherProductOrOfNoneIsDenied() {
    // when: the GPU quota counts GPUs of any product, so the product is the policy's to check
    Decision other = booking.admit(pod("maia-opportunistic", 1, "NVIDIA-H100-80GB-HBM3", USER, IN_WINDOW, null), params, HUB, NS);
    Decision none = booking.admit(pod("maia-opportunistic", 1, null, USER, IN_WINDOW, null), params, HUB, NS);

    // then
    String message = "a pod outside a GPU booking must select the GPU product of the project, " + A100
        + ", with nodeSelector nvidia.com/gpu.product";
    assertThat(other.allowed()).isFalse();
    assertThat(other.messages()).containsExactly(message);
    assertThat(none.allowed()).isFalse();
    assertThat(none.messages()).containsExactly(message);
  }

  @Test
  void aGpuPodWithoutAMaiaClassIsDenied() {
    // when
    Decision decision = booking.admit(pod(null, 1, A100, USER, IN_WINDOW, null), params, HUB, NS);

    // then
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.messages())
        .containsExactly("a pod that asks for GPUs must use PriorityClass maia-booked (inside a GPU booking) or maia-opportunistic");
  }

  @Test
  void aPodWithoutGpusOrMaiaClassIsNotTheBookingPolicysConcern() {
    // when
    Decision decision = booking.admit(pod(null, 0, null, null, IN_WINDOW, null), params, "radiologist@ki.se", NS);

    // then
    assertThat(decision.matched()).isFalse();
    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void theBookedClassIsRefusedOutsideProjectNamespaces() {
    // when
    Decision booked = outsideProjects.admit(bookedPod(IN_WINDOW, USER, 60L), null, "someone", "default");
    Decision other = outsideProjects.admit(pod("maia-opportunistic", 1, A100, USER, IN_WINDOW, null), null, "someone", "default");

    // then
    assertThat(booked.allowed()).isFalse();
    assertThat(booked.messages()).containsExactly("PriorityClass maia-booked may only be used in MAIA project namespaces");
    assertThat(other.allowed()).isTrue();
  }

  private static long untilEnd(String created) {
    return Duration.between(Instant.parse(created), END).getSeconds();
  }

  private static Map<String, Object> bookedPod(String created, String user, Long deadline) {
    return pod("maia-booked", 1, A100, user, created, deadline);
  }

  /** A workspace pod as the API server sees it on CREATE (null leaves a field out). */
  private static Map<String, Object> pod(
      String priorityClass, int gpus, String product, String user, String created, Long deadline) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", "jupyter-user");
    metadata.put("namespace", NS);
    if (created != null) {
      metadata.put("creationTimestamp", created);
    }
    if (user != null) {
      metadata.put("annotations", Map.of("hub.jupyter.org/username", user));
      metadata.put("labels", Map.of("hub.jupyter.org/username", user.replace("@", "-40")));
    }
    Map<String, Object> limits = new LinkedHashMap<>();
    limits.put("cpu", "4");
    if (gpus > 0) {
      limits.put("nvidia.com/gpu", String.valueOf(gpus));
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("containers", List.of(Map.of("name", "notebook", "resources", Map.of("limits", limits))));
    if (priorityClass != null) {
      spec.put("priorityClassName", priorityClass);
    }
    if (product != null) {
      spec.put("nodeSelector", Map.of("nvidia.com/gpu.product", product));
    }
    if (deadline != null) {
      spec.put("activeDeadlineSeconds", deadline);
    }
    return Map.of("apiVersion", "v1", "kind", "Pod", "metadata", metadata, "spec", spec);
  }
}
