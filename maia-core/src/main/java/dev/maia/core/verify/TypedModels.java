package dev.maia.core.verify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The built-in kinds that have no bundled schema ({@link ObjectSchemas}) but a typed model in fabric8
 * kubernetes-model, which is generated from the Kubernetes OpenAPI document: a
 * CustomResourceDefinition, a webhook configuration, an APIService, an IngressClass. An object of such a
 * kind is read into its model class with every field the model does not know refused (the model would
 * otherwise keep it aside, as the API server does not) and every value of the wrong type refused: the
 * strict part of {@code kubeconform -strict}. Required fields and enumerations are not in the model and
 * are not checked.
 */
final class TypedModels {

  /** The model class of each built-in kind of the model jars on the class path, keyed as {@link ObjectSchemas#file} names its schema. */
  private static final Map<String, Class<?>> MODELS = models();

  private static final ObjectMapper STRICT = strictMapper();

  private TypedModels() {}

  /** Whether {@code apiVersion} {@code kind} has a typed model. */
  static boolean knows(String apiVersion, String kind) {
    return MODELS.containsKey(ObjectSchemas.file(apiVersion, kind));
  }

  /**
   * What is wrong with {@code object} against the model of its kind, one line per problem ({@code
   * /spec/group: a field the model does not have}); empty when it reads cleanly, and empty optional when
   * its kind has no model.
   */
  static Optional<List<String>> problems(JsonNode object) {
    Class<?> model = MODELS.get(ObjectSchemas.file(object.path("apiVersion").asText(), object.path("kind").asText()));
    if (model == null) {
      return Optional.empty();
    }
    List<String> problems = new ArrayList<>();
    try {
      STRICT.readerFor(model).withAttribute(Problems.class, problems).readValue(object);
    } catch (JsonMappingException e) {
      problems.add(pointer(e.getPath()) + ": " + e.getOriginalMessage().replaceAll("\\s*\\((for Object starting at|token `).*", "")
          .replaceAll("`[a-z0-9.]*\\.([A-Za-z]+)`", "$1"));
    } catch (IOException e) {
      problems.add("/: " + e.getMessage());
    }
    return Optional.of(problems.stream().distinct().sorted().toList());
  }

  private static String pointer(List<JsonMappingException.Reference> path) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference reference : path) {
      pointer.append('/').append(reference.getFieldName() != null ? reference.getFieldName() : String.valueOf(reference.getIndex()));
    }
    return pointer.length() == 0 ? "/" : pointer.toString();
  }

  private static Map<String, Class<?>> models() {
    Map<String, Class<?>> models = new TreeMap<>();
    for (ServiceLoader.Provider<KubernetesResource> provider : ServiceLoader.load(KubernetesResource.class).stream().toList()) {
      Class<? extends KubernetesResource> type = provider.type();
      if (!HasMetadata.class.isAssignableFrom(type) || type.getSimpleName().endsWith("List")) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Class<? extends HasMetadata> resource = (Class<? extends HasMetadata>) type;
      String file = ObjectSchemas.file(HasMetadata.getApiVersion(resource), HasMetadata.getKind(resource));
      if (file.startsWith("k8s/")) {
        models.put(file, type);
      }
    }
    return Map.copyOf(models);
  }

  /** Marks the reader attribute that collects the problems of one read. */
  private interface Problems {}

  private static ObjectMapper strictMapper() {
    SimpleModule noCatchAll = new SimpleModule("maia-strict-models");
    noCatchAll.setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description, BeanDeserializerBuilder builder) {
        builder.setAnySetter(null); // the models keep unknown fields in a map; the API server refuses them
        return builder;
      }
    });
    return new ObjectMapper()
        .registerModule(noCatchAll)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .addHandler(new DeserializationProblemHandler() {
          @Override
          @SuppressWarnings("unchecked")
          public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser, JsonDeserializer<?> deserializer,
              Object bean, String field) throws IOException {
            String at = parser.getParsingContext().pathAsPointer().toString();
            ((List<String>) context.getAttribute(Problems.class)).add((at.isEmpty() ? "/" + field : at) + ": not a field of the kind");
            parser.skipChildren();
            return true;
          }
        });
  }
}
