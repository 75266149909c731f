package dev.maia.core.render.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.model.Platform;
import dev.maia.core.plan.identity.KeycloakRealm;
import dev.maia.core.render.Manifests;
import dev.maia.core.render.NetworkPolicies;
import dev.maia.core.render.SecretRenderer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity layer on the ArgoCD cluster ({@code identity/}): a namespace of its own where a Job
 * makes the platform's Keycloak realm hold what {@link KeycloakRealm} says, on every sync of the
 * Application {@code maia-identity} (an ArgoCD {@code PostSync} hook) and every quarter of an hour
 * (a CronJob, for changes made by hand and for people whose account appears after a sync). The
 * applier is {@code keycloak-apply.py}, written into a ConfigMap, and the desired state is written
 * in parts ({@link KeycloakRealm#parts}) of ConfigMaps of their own; it runs on a stock Python
 * image. It logs in as the realm's service-account client {@value KeycloakRealm#APPLIER_CLIENT_ID};
 * its secret and each client's secret are references (ExternalSecret or the platform repo's
 * SealedSecret), never values.
 */
public final class IdentityRenderer {

  /** The Job, CronJob, ServiceAccount and ConfigMap. */
  public static final String NAME = "keycloak-apply";
  /** How often the CronJob converges the realm again. */
  public static final String SCHEDULE = "*/15 * * * *";
  static final String SCRIPT = "keycloak-apply.py";
  static final String DESIRED = "desired.json";
  /** Where the parts of the desired state are mounted, one file each. */
  static final String DESIRED_DIR = "/desired";

  /**
   * Indented JSON, {@code "key": value} as people write it, one list item per line, LF on every
   * machine, in ASCII: a name with a character YAML 1.1 reads as a line break (U+0085, U+2028)
   * would otherwise come out of the ConfigMap changed.
   */
  private static final com.fasterxml.jackson.databind.ObjectWriter JSON = JsonMapper.builder()
      .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
      .build()
      .writer(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
          .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
              .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER))
          .withObjectIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("  ", "\n")));
  private static final String SCRIPT_TEXT = script();
  private static final int NOBODY = 65534;

  private final Platform platform;
  private final SecretRenderer secrets;

  public IdentityRenderer(Platform platform, SecretRenderer secrets) {
    this.platform = platform;
    this.secrets = secrets;
  }

  /** The applier's source, as it is written into the ConfigMap. */
  public static String scriptText() {
    return SCRIPT_TEXT;
  }

  /** The objects of {@code identity/}: namespace, network policies, desired state, secrets, Job and CronJob. */
  public List<JsonNode> render(KeycloakRealm realm) {
    Map<String, String> labels = Map.of(Manifests.MANAGED_BY, "maia");
    List<JsonNode> resources = new ArrayList<>();
    Map<String, String> namespaceLabels = new TreeMap<>(labels);
    namespaceLabels.put("pod-security.kubernetes.io/enforce", "restricted");
    namespaceLabels.put("pod-security.kubernetes.io/warn", "restricted");
    namespaceLabels.put("pod-security.kubernetes.io/audit", "restricted");
    resources.add(Manifests.tree(new NamespaceBuilder().withNewMetadata().withName(KeycloakRealm.NAMESPACE).withLabels(namespaceLabels).endMetadata().build()));
    resources.add(NetworkPolicies.defaultDeny(KeycloakRealm.NAMESPACE));
    resources.add(NetworkPolicies.allowDns(KeycloakRealm.NAMESPACE));
    resources.add(NetworkPolicies.allowOut("allow-egress-identity", KeycloakRealm.NAMESPACE, labels, Map.of(), platform.identity().issuerPort()));
    resources.add(Manifests.tree(new ServiceAccountBuilder()
        .withNewMetadata().withName(NAME).withNamespace(KeycloakRealm.NAMESPACE).withLabels(labels).endMetadata()
        .withAutomountServiceAccountToken(false)
        .build()));
    resources.add(Manifests.tree(new ConfigMapBuilder()
        .withNewMetadata().withName(NAME).withNamespace(KeycloakRealm.NAMESPACE).withLabels(labels).endMetadata()
        .addToData(SCRIPT, SCRIPT_TEXT)
        .build()));
    List<KeycloakRealm> parts = realm.parts();
    String cluster = platform.argocd().cluster();
    resources.add(secrets.secret(cluster, KeycloakRealm.APPLIER_SECRET, KeycloakRealm.NAMESPACE, KeycloakRealm.APPLIER_STORE_KEY,
        Map.of(KeycloakRealm.CLIENT_SECRET_KEY, KeycloakRealm.CLIENT_SECRET_KEY), labels));
    for (int i = 0; i < parts.size(); i++) {
      KeycloakRealm part = parts.get(i);
      resources.add(Manifests.tree(new ConfigMapBuilder()
          .withNewMetadata().withName(KeycloakRealm.desiredName(i)).withNamespace(KeycloakRealm.NAMESPACE).withLabels(labels).endMetadata()
          .addToData(DESIRED, desiredJson(part))
          .build()));
      if (!part.clients().isEmpty()) {
        String name = KeycloakRealm.clientsSecretName(i);
        resources.add(platform.secrets().sealed()
            ? secrets.sealed(dev.maia.core.model.SealedSecretFiles.path(cluster, KeycloakRealm.NAMESPACE, name))
            : secrets.externalSecret(name, KeycloakRealm.NAMESPACE, part.clients().stream()
                .map(c -> new SecretRenderer.Entry(c.clientId(), c.storeKey(), c.storeProperty()))
                .toList(), labels));
      }
    }
    PodTemplateSpec pod = pod(parts, labels);
    ObjectNode job = (ObjectNode) Manifests.tree(new JobBuilder()
        .withNewMetadata().withName(NAME).withNamespace(KeycloakRealm.NAMESPACE).withLabels(labels).endMetadata()
        .withNewSpec().withBackoffLimit(2).withActiveDeadlineSeconds(600L).withTemplate(pod).endSpec()
        .build());
    // a hook runs after every sync of maia-identity; the next sync deletes the last one first
    Manifests.annotate(job, "argocd.argoproj.io/hook", "PostSync");
    Manifests.annotate(job, "argocd.argoproj.io/hook-delete-policy", "BeforeHookCreation");
    resources.add(job);
    resources.add(Manifests.tree(new CronJobBuilder()
        .withNewMetadata().withName(NAME).withNamespace(KeycloakRealm.NAMESPACE).withLabels(labels).endMetadata()
        .withNewSpec()
        .withSchedule(SCHEDULE)
        .withConcurrencyPolicy("Forbid")
        .withSuccessfulJobsHistoryLimit(1)
        .withFailedJobsHistoryLimit(3)
        .withNewJobTemplate().withNewSpec().withBackoffLimit(1).withActiveDeadlineSeconds(600L).withTemplate(pod).endSpec().endJobTemplate()
        .endSpec()
        .build()));
    return resources;
  }

  /** The desired state as the applier reads it: indented JSON, keys in a fixed order. */
  static String desiredJson(KeycloakRealm realm) {
    try {
      return JSON.writeValueAsString(realm.json()) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private PodTemplateSpec pod(List<KeycloakRealm> parts, Map<String, String> labels) {
    List<Volume> volumes = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();
    volumes.add(new VolumeBuilder().withName("applier").withNewConfigMap().withName(NAME).endConfigMap().build());
    mounts.add(new VolumeMountBuilder().withName("applier").withMountPath("/maia").withReadOnly(true).build());
    List<VolumeProjection> desired = new ArrayList<>();
    List<VolumeProjection> clients = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      desired.add(new VolumeProjectionBuilder().withNewConfigMap().withName(KeycloakRealm.desiredName(i))
          .addNewItem().withKey(DESIRED).withPath(i + ".json").endItem().endConfigMap().build());
      if (!parts.get(i).clients().isEmpty()) {
        clients.add(new VolumeProjectionBuilder().withNewSecret().withName(KeycloakRealm.clientsSecretName(i)).endSecret().build());
      }
    }
    volumes.add(new VolumeBuilder().withName("desired").withNewProjected().withSources(desired).endProjected().build());
    mounts.add(new VolumeMountBuilder().withName("desired").withMountPath(DESIRED_DIR).withReadOnly(true).build());
    volumes.add(new VolumeBuilder().withName("login").withNewSecret().withSecretName(KeycloakRealm.APPLIER_SECRET).withDefaultMode(0400).endSecret().build());
    mounts.add(new VolumeMountBuilder().withName("login").withMountPath("/secrets/applier").withReadOnly(true).build());
    if (!clients.isEmpty()) {
      volumes.add(new VolumeBuilder().withName("clients").withNewProjected().withDefaultMode(0400).withSources(clients).endProjected().build());
      mounts.add(new VolumeMountBuilder().withName("clients").withMountPath("/secrets/clients").withReadOnly(true).build());
    }
    return new PodTemplateSpecBuilder()
        .withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec()
        .withServiceAccountName(NAME)
        .withAutomountServiceAccountToken(false)
        .withRestartPolicy("Never")
        .withNewSecurityContext()
        .withRunAsNonRoot(true).withRunAsUser((long) NOBODY).withRunAsGroup((long) NOBODY).withFsGroup((long) NOBODY)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("apply")
        .withImage(platform.identity().applierImage())
        .withCommand("python3", "/maia/" + SCRIPT, DESIRED_DIR)
        .addNewEnv().withName("KEYCLOAK_URL").withValue(parts.get(0).server()).endEnv()
        .addNewEnv().withName("KEYCLOAK_CLIENT_ID").withValue(KeycloakRealm.APPLIER_CLIENT_ID).endEnv()
        .addNewEnv().withName("KEYCLOAK_CLIENT_SECRET_FILE").withValue("/secrets/applier/client-secret").endEnv()
        .addNewEnv().withName("CLIENT_SECRETS_DIR").withValue("/secrets/clients").endEnv()
        .addNewEnv().withName("PYTHONDONTWRITEBYTECODE").withValue("1").endEnv()
        .withVolumeMounts(mounts)
        .withNewResources()
        .addToRequests("cpu", new Quantity("50m")).addToRequests("memory", new Quantity("64Mi"))
        .addToLimits("cpu", new Quantity("500m")).addToLimits("memory", new Quantity("128Mi"))
        .endResources()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .endSecurityContext()
        .endContainer()
        .withVolumes(volumes)
        .endSpec()
        .build();
  }

  private static String script() {
    try (InputStream in = IdentityRenderer.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from the maia-core jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
