package dev.maia.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.output.LintedDocument.Node;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rule {@code no-credentials} (DESIGN invariant 4): no credential reaches the output.
 *
 * <ul>
 *   <li>no {@code Secret} (at the top of a document or inside values, such as a chart's extra
 *       objects) with {@code data} or {@code stringData};
 *   <li>no non-empty literal string under a key named like a credential ({@code password},
 *       {@code adminPass}, {@code client_secret}, {@code apiKey}, {@code MINIO_ROOT_PW}, {@code
 *       token}, ...: {@link CredentialNames}), nor as the {@code value} of an {@code {name, value}}
 *       pair (an environment variable, a Helm parameter) whose name reads like one;
 *   <li>no string shaped like a credential anywhere: a PEM private key, a GitHub or GitLab token,
 *       an AWS access key id, a JSON Web Token, a bcrypt hash, a URL with a password
 *       ({@code https://user:password@host}).
 * </ul>
 *
 * References are fine: objects ({@code valueFrom.secretKeyRef}, {@code remoteRef}), templates
 * ({@code {{ .x }}}, {@code ${X}}, {@code $(X)}), keys that name a Secret rather than hold one
 * ({@code secretName}, {@code existingSecret}, {@code secretKeyRef}), {@code secretKey} in
 * External Secrets resources, where it names a key of the Secret being made, and in ArgoCD's
 * settings ({@value #ARGOCD_SETTINGS}) ArgoCD's own reference to a key of a Secret, {@code
 * $secret:key} or {@code $key} of {@code argocd-secret}, as in {@code oidc.config}'s {@code
 * clientSecret}.
 */
final class CredentialRule implements DocumentRule {

  /**
   * Whether literals under credential-like keys count. They do in the tree, whose every value comes
   * from the platform and its templates; in objects a chart renders they do not (a chart's {@code
   * checksum/secret} annotation or its own config keys are not credentials the platform put there),
   * while plaintext Secrets and credential-shaped values do.
   */
  private final boolean keyNames;

  /** The rule as the output lint runs it. */
  CredentialRule() {
    this(true);
  }

  CredentialRule(boolean keyNames) {
    this.keyNames = keyNames;
  }

  /** Keys that start like this name an existing Secret: {@code existingSecret}, {@code existingSecretPasswordKey}. */
  private static final String REFERENCE_PREFIX = "existing";

  /** The ConfigMap ArgoCD reads its settings from, where {@code $secret:key} names a key of a Secret. */
  static final String ARGOCD_SETTINGS = "argocd-cm";

  /** ArgoCD's reference to a Secret key: {@code $<secret>:<key>}, or {@code $<key>} of {@code argocd-secret}. */
  private static final Pattern ARGOCD_REFERENCE = Pattern.compile("\\$(?:[a-z0-9.-]+:)?[-._A-Za-z0-9]+");

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{.*}}|\\$\\{[^}]+}|\\$\\([^)]+\\)", Pattern.DOTALL);

  /**
   * A value shape that is a credential whatever its key.
   *
   * @param literals every match contains one of these: the pattern runs only on strings that do
   */
  private record Shape(String description, Pattern pattern, List<String> literals) {
    boolean foundIn(String text) {
      for (String literal : literals) {
        if (text.contains(literal)) {
          return pattern.matcher(text).find();
        }
      }
      return false;
    }
  }

  private static final List<Shape> SHAPES =
      List.of(
          new Shape("a PEM private key", Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"), List.of("PRIVATE KEY")),
          new Shape(
              "a GitHub token",
              Pattern.compile("(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"),
              List.of("gh", "github_pat_")),
          new Shape("a GitLab token", Pattern.compile("(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}"), List.of("glpat-")),
          new Shape("an AWS access key id", Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"), List.of("AKIA", "ASIA")),
          new Shape(
              "a JSON Web Token",
              Pattern.compile("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*"),
              List.of("eyJ")),
          new Shape("a bcrypt hash", Pattern.compile("\\$2[abxy]?\\$[0-9]{2}\\$[./A-Za-z0-9]{53}"), List.of("$2")),
          new Shape(
              "a URL with a password",
              Pattern.compile("(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://[^\\s/?#@:{}]*:[^\\s/?#@{}$]+@"),
              List.of("://")));

  /** The shortest string any of the {@link #SHAPES} matches: a URL with a password, {@code a://:b@}. */
  static final int SHORTEST_SHAPE = 7;

  private static final String FIX =
      "reference a Secret instead (an ExternalSecret plus valueFrom.secretKeyRef, or the chart's existingSecret)";

  @Override
  public void check(LintedDocument document, List<Finding> findings) {
    boolean externalSecrets = document.apiVersion().contains("external-secrets.io/");
    boolean argocdSettings = "ConfigMap".equals(document.kind()) && ARGOCD_SETTINGS.equals(document.name());
    for (Node node : document.nodes()) {
      JsonNode value = node.value();
      if (value.isObject()) {
        plaintextSecret(document, node, findings);
        if (keyNames) {
          environmentPair(document, node, findings);
        }
      } else if (value.isTextual()) {
        if (keyNames
            && node.key() != null
            && namedLikeCredential(node.key())
            && !(externalSecrets && LintedDocument.normalized(node.key()).equals("secretkey"))
            && !namesAKeyOfASecret(node)
            && !(argocdSettings && ARGOCD_REFERENCE.matcher(value.textValue()).matches())
            && isLiteral(value.textValue())) {
          findings.add(
              document.finding(
                  SecurityRule.NO_CREDENTIALS,
                  node.pointer() + " is a literal value under a key named like a credential; " + FIX));
        }
        if (value.textValue().length() >= SHORTEST_SHAPE) {
          for (Shape shape : SHAPES) {
            if (shape.foundIn(value.textValue())) {
              findings.add(document.finding(SecurityRule.NO_CREDENTIALS, node.pointer() + " holds " + shape.description() + "; " + FIX));
            }
          }
        }
      }
    }
  }

  private static void plaintextSecret(LintedDocument document, Node node, List<Finding> findings) {
    JsonNode object = node.value();
    String apiVersion = LintedDocument.text(object, "apiVersion");
    if (!"Secret".equals(LintedDocument.text(object, "kind")) || !(apiVersion == null || "v1".equals(apiVersion))) {
      return;
    }
    for (String field : List.of("data", "stringData")) {
      JsonNode data = object.get(field);
      if (data != null && data.isObject() && !data.isEmpty()) {
        findings.add(
            document.finding(
                SecurityRule.NO_CREDENTIALS,
                LintedDocument.where(node.pointer())
                    + " is a Secret with "
                    + field
                    + " ("
                    + data.size()
                    + " key(s)) in plain text; render an ExternalSecret (or a SealedSecret) instead"));
      }
    }
  }

  /** {@code {name: DB_PASSWORD, value: literal}}: an environment variable or a Helm parameter. */
  private static void environmentPair(LintedDocument document, Node node, List<Finding> findings) {
    JsonNode object = node.value();
    JsonNode name = object.get("name");
    JsonNode value = object.get("value");
    if (name != null && name.isTextual() && namedLikeCredential(name.textValue())
        && value != null && value.isTextual() && isLiteral(value.textValue())) {
      findings.add(
          document.finding(
              SecurityRule.NO_CREDENTIALS,
              node.pointer() + "/value is a literal value of '" + name.textValue() + "', named like a credential; " + FIX));
    }
  }

  /**
   * True where the value names a key inside a Secret rather than holding a credential: under an
   * {@code existing...} reference ({@code existingSecret: {keyOfSecretAccessKey: AWS_SECRET}}), a
   * {@code keyOf...} key, or a {@code secretKey} beside the {@code secretName} it belongs to
   * ({@code password: {secretName: db, secretKey: password}}).
   */
  static boolean namesAKeyOfASecret(Node node) {
    if (node.pointer().startsWith("/spec/encryptedData/")) {
      return true; // a SealedSecret's ciphertext: only the cluster's controller can open it
    }
    String key = LintedDocument.normalized(node.key());
    if (key.startsWith("keyof")) {
      return true;
    }
    if (key.equals("secretkey") && node.parent() != null && node.parent().has("secretName")) {
      return true;
    }
    String[] segments = node.pointer().split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      if (LintedDocument.normalized(segments[i]).startsWith(REFERENCE_PREFIX)) {
        return true;
      }
    }
    return false;
  }

  /** True for a key that names a credential: {@code adminPassword}, {@code MINIO_ROOT_PW}; see {@link CredentialNames}. */
  static boolean namedLikeCredential(String key) {
    return CredentialNames.namesACredential(key);
  }

  /** True for a non-blank string that is not a template or variable reference. */
  static boolean isLiteral(String text) {
    return !text.isBlank() && !TEMPLATE.matcher(text).find();
  }
}
