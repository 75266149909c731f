package dev.maia.core.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.load.RepoFiles;
import dev.maia.core.load.RepoReader;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Platform;
import dev.maia.core.model.SealedSecretFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Credentials as references: ExternalSecrets that External Secrets Operator fills from the
 * platform's secret store, or, with {@code secrets.provider: sealed-secrets}, the SealedSecrets the
 * platform repo holds (validation has checked each one's kind, name and namespace). No credential
 * value is ever part of the output. Public for the layers that render in sub-packages ({@code
 * render.identity}).
 */
public final class SecretRenderer {

  static final String API_VERSION = "external-secrets.io/v1";
  static final String CLUSTER_SECRET_LABEL = "argocd.argoproj.io/secret-type";

  private final Platform platform;
  private final RepoFiles files;

  public SecretRenderer(Platform platform, RepoReader repo) {
    this.platform = platform;
    this.files = new RepoFiles(repo);
  }

  /**
   * The Secret {@code name} in {@code namespace} on {@code cluster}: an ExternalSecret reading the
   * properties of store entry {@code remoteKey} (secret key to property in {@code keys}), or the
   * platform repo's SealedSecret of that name.
   */
  public JsonNode secret(String cluster, String name, String namespace, String remoteKey, Map<String, String> keys, Map<String, String> labels) {
    if (platform.secrets().sealed()) {
      return sealed(SealedSecretFiles.path(cluster, namespace, name));
    }
    return externalSecret(name, namespace, remoteKey, keys, labels);
  }

  /** A sealed secret of the platform repo, as it is written there (validation has checked it). */
  public JsonNode sealed(String file) {
    return files.read(file).document()
        .orElseThrow(() -> new IllegalStateException(file + " disappeared after validation"))
        .root();
  }

  /**
   * An ExternalSecret that makes Secret {@code name} in {@code namespace} with one key per entry of
   * {@code keys} (secret key to property of the remote entry {@code remoteKey}).
   */
  ObjectNode externalSecret(String name, String namespace, String remoteKey, Map<String, String> keys, Map<String, String> labels) {
    List<Entry> entries = new ArrayList<>();
    new TreeMap<>(keys).forEach((secretKey, property) -> entries.add(new Entry(secretKey, remoteKey, property)));
    return externalSecret(name, namespace, entries, labels);
  }

  /** A key of a Secret and where in the store it comes from: property {@code property} of entry {@code remoteKey}. */
  public record Entry(String secretKey, String remoteKey, String property) {}

  /** An ExternalSecret that makes Secret {@code name} in {@code namespace} with {@code entries}, in their order. */
  public ObjectNode externalSecret(String name, String namespace, List<Entry> entries, Map<String, String> labels) {
    ObjectNode secret = Manifests.resource(API_VERSION, "ExternalSecret", name, namespace);
    Manifests.labels(secret, labels);
    ObjectNode spec = secret.putObject("spec");
    spec.put("refreshInterval", "1h");
    ObjectNode store = spec.putObject("secretStoreRef");
    store.put("kind", platform.secrets().store().kind());
    store.put("name", platform.secrets().store().name());
    ObjectNode target = spec.putObject("target");
    target.put("name", name);
    target.put("creationPolicy", "Owner");
    ArrayNode data = spec.putArray("data");
    for (Entry entry : entries) {
      ObjectNode item = data.addObject();
      item.put("secretKey", entry.secretKey());
      ObjectNode ref = item.putObject("remoteRef");
      ref.put("key", entry.remoteKey());
      ref.put("property", entry.property());
    }
    return secret;
  }

  /**
   * The ArgoCD cluster Secret of a remote cluster, built by External Secrets from the store entry
   * {@code credentials.secretKey} (properties {@code bearerToken} and {@code caData}), with TLS
   * verification on and the cluster's labels for ApplicationSet generators.
   */
  JsonNode clusterRegistration(Cluster cluster, Map<String, String> labels) {
    if (platform.secrets().sealed()) {
      return sealed(SealedSecretFiles.forRegistration(platform, cluster).file());
    }
    String name = SealedSecretFiles.registrationName(cluster);
    ObjectNode secret =
        externalSecret(
            name,
            platform.argocd().namespace(),
            cluster.credentialsKey().orElseThrow(),
            Map.of("bearerToken", "bearerToken", "caData", "caData"),
            labels);
    ObjectNode template = ((ObjectNode) secret.get("spec").get("target")).putObject("template");
    template.put("engineVersion", "v2");
    ObjectNode metadata = template.putObject("metadata");
    ObjectNode templateLabels = metadata.putObject("labels");
    Map<String, String> all = new TreeMap<>(labels);
    all.put(CLUSTER_SECRET_LABEL, "cluster");
    all.forEach(templateLabels::put);
    ObjectNode data = template.putObject("data");
    data.put("name", cluster.name());
    data.put("server", cluster.server());
    data.put("config", "{\"bearerToken\": \"{{ .bearerToken }}\", \"tlsClientConfig\": {\"insecure\": false, \"caData\": \"{{ .caData }}\"}}");
    return secret;
  }
}
