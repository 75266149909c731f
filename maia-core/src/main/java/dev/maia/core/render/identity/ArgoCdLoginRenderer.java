package dev.maia.core.render.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.model.Platform;
import dev.maia.core.model.SealedSecretFiles;
import dev.maia.core.render.Manifests;
import dev.maia.core.render.SecretRenderer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ArgoCD's login and global RBAC, in ArgoCD's namespace on its cluster:
 *
 * <ul>
 *   <li>{@value #SETTINGS}: {@code url} and {@code oidc.config}, ArgoCD's login against the
 *       platform's issuer with the client {@value Platform.ArgoCd#OIDC_CLIENT_ID}, whose secret it
 *       reads from {@value Platform.ArgoCd#OIDC_SECRET};
 *   <li>{@value #RBAC}: nobody gets anything for logging in ({@code policy.default} empty), groups
 *       come from the {@code groups} claim, and the platform's admin group is {@code role:admin};
 *       project members get their rights only from their project's AppProject roles;
 *   <li>the Secret {@value Platform.ArgoCd#OIDC_SECRET}, as a reference: an ExternalSecret of store
 *       entry {@value Platform.ArgoCd#OIDC_STORE_KEY}, or the platform repo's SealedSecret.
 * </ul>
 *
 * The two ConfigMaps belong to the site's ArgoCD installation, which writes other keys of them.
 * They hold only the keys the platform decides and are applied with server-side apply, so ArgoCD
 * owns only those fields and leaves the installer's keys alone; they are never pruned or deleted
 * with the Application (docs/decisions.md, "ArgoCD's settings from Git, key by key"). They carry
 * the labels the installation gives them, and not {@code app.kubernetes.io/managed-by}, which Helm
 * checks before it upgrades a release.
 */
public final class ArgoCdLoginRenderer {

  /** ArgoCD's settings ConfigMap. */
  public static final String SETTINGS = "argocd-cm";

  /** ArgoCD's global RBAC ConfigMap. */
  public static final String RBAC = "argocd-rbac-cm";

  /** ArgoCD's own sync options for a field-by-field patch of an object that another tool installed. */
  static final String PATCH_OPTIONS = "ServerSideApply=true,Prune=false,Delete=false";

  static final String SYNC_OPTIONS = "argocd.argoproj.io/sync-options";

  /** How the login button reads. */
  static final String PROVIDER_NAME = "Keycloak";

  /** The scopes ArgoCD asks for: {@code groups} puts the realm's groups into the token. */
  static final List<String> SCOPES = List.of("openid", "profile", "email", "groups");

  private final Platform platform;
  private final SecretRenderer secrets;

  public ArgoCdLoginRenderer(Platform platform, SecretRenderer secrets) {
    this.platform = platform;
    this.secrets = secrets;
  }

  /** {@value #SETTINGS}: ArgoCD's URL and its OIDC login. */
  public JsonNode settings() {
    Map<String, String> data = new TreeMap<>();
    data.put("url", platform.argocd().url());
    data.put("oidc.config", oidcConfig());
    return patch(SETTINGS, data);
  }

  /**
   * {@code oidc.config}: ArgoCD's own OIDC client (not Dex), written as YAML in this fixed order.
   * The issuer is a plain scalar: validation leaves it no space, {@code #} or line break.
   */
  String oidcConfig() {
    String issuer = platform.identity().issuer();
    if (issuer.chars().anyMatch(c -> Character.isWhitespace(c) || c == '#')) {
      throw new IllegalStateException("issuer '" + issuer + "' passed validation with a space or '#'");
    }
    Map<String, String> config = new LinkedHashMap<>();
    config.put("name", PROVIDER_NAME);
    config.put("issuer", issuer);
    config.put("clientID", Platform.ArgoCd.OIDC_CLIENT_ID);
    config.put("clientSecret", "$" + Platform.ArgoCd.OIDC_SECRET + ":" + Platform.ArgoCd.OIDC_SECRET_KEY);
    config.put("requestedScopes", "[" + String.join(", ", SCOPES) + "]");
    StringBuilder yaml = new StringBuilder();
    config.forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
    return yaml.toString();
  }

  /** {@value #RBAC}: the admin group is {@code role:admin}; logging in alone grants nothing. */
  public JsonNode rbac() {
    Map<String, String> data = new TreeMap<>();
    data.put("policy.csv", policy());
    data.put("policy.default", "");
    data.put("scopes", "[groups]");
    return patch(RBAC, data);
  }

  /** The global policy: one line, {@code g, <adminGroup>, role:admin} (the schema keeps {@code ,} and {@code "} out of groups). */
  String policy() {
    return "g, " + platform.identity().adminGroup() + ", role:admin\n";
  }

  /** The Secret ArgoCD reads the client secret from, labelled so that ArgoCD may read it. */
  public JsonNode clientSecret() {
    Map<String, String> labels = new TreeMap<>();
    labels.put(Manifests.MANAGED_BY, "maia");
    labels.put(SealedSecretFiles.ARGOCD_PART_OF.getKey(), SealedSecretFiles.ARGOCD_PART_OF.getValue());
    return secrets.secret(
        platform.argocd().cluster(),
        Platform.ArgoCd.OIDC_SECRET,
        platform.argocd().namespace(),
        Platform.ArgoCd.OIDC_STORE_KEY,
        Map.of(Platform.ArgoCd.OIDC_SECRET_KEY, Platform.ArgoCd.OIDC_STORE_PROPERTY),
        labels);
  }

  /** A ConfigMap of the ArgoCD installation with only {@code data}'s keys, applied field by field. */
  private ObjectNode patch(String name, Map<String, String> data) {
    ObjectNode configMap = (ObjectNode) Manifests.tree(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(platform.argocd().namespace())
            .withLabels(Map.of("app.kubernetes.io/name", name, SealedSecretFiles.ARGOCD_PART_OF.getKey(),
                SealedSecretFiles.ARGOCD_PART_OF.getValue()))
            .endMetadata()
            .withData(data)
            .build());
    return Manifests.annotate(configMap, SYNC_OPTIONS, PATCH_OPTIONS);
  }
}
