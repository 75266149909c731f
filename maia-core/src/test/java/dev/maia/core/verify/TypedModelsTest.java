package dev.maia.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class TypedModelsTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final String WEBHOOKS = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingWebhookConfiguration
      metadata: {name: cert-manager-webhook}
      webhooks:
        - name: webhook.cert-manager.io
          admissionReviewVersions: [v1]
          sideEffects: None
          timeoutSeconds: %s
          clientConfig:
            service: {name: cert-manager-webhook, namespace: cert-manager, path: /validate, port: 443}
          rules:
            - apiGroups: [cert-manager.io]
              apiVersions: [v1]
              operations: [CREATE, UPDATE]
              resources: ["*/*"]
      """;

  private static JsonNode yaml(String text) throws IOException {
    return YAML.readTree(text);
  }

  @Test
  void theBuiltInKindsTheCoreChartsRenderWithoutABundledSchemaHaveAModel() {
    assertThat(TypedModels.knows("apiextensions.k8s.io/v1", "CustomResourceDefinition")).isTrue();
    assertThat(TypedModels.knows("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration")).isTrue();
    assertThat(TypedModels.knows("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration")).isTrue();
    assertThat(TypedModels.knows("apiregistration.k8s.io/v1", "APIService")).isTrue();
    assertThat(TypedModels.knows("networking.k8s.io/v1", "IngressClass")).isTrue();
  }

  @Test
  void customKindsAndUnknownKindsHaveNone() throws IOException {
    assertThat(TypedModels.knows("cert-manager.io/v1", "ClusterIssuer")).isFalse();
    assertThat(TypedModels.problems(yaml("{apiVersion: example.org/v1, kind: Widget}"))).isEmpty();
    assertThat(TypedModels.problems(yaml("{apiVersion: v1, kind: Gadget}"))).isEmpty();
  }

  @Test
  void aWellFormedObjectHasNoProblems() throws IOException {
    assertThat(TypedModels.problems(yaml(WEBHOOKS.formatted("10")))).hasValue(java.util.List.of());
  }

  @Test
  void everyFieldTheKindDoesNotHaveIsAProblemWithItsPointer() throws IOException {
    // given: a misspelt field in a list item and one at the top
    JsonNode object = yaml(WEBHOOKS.formatted("10").replace("sideEffects:", "sideEffect:") + "spec: {}\n");

    // then
    assertThat(TypedModels.problems(object)).hasValue(java.util.List.of(
        "/spec: not a field of the kind", "/webhooks/0/sideEffect: not a field of the kind"));
  }

  @Test
  void aValueOfTheWrongTypeIsAProblemWithItsPointer() throws IOException {
    assertThat(TypedModels.problems(yaml(WEBHOOKS.formatted("ten")))).get().asList().singleElement().asString()
        .startsWith("/webhooks/0/timeoutSeconds: ");
  }
}
