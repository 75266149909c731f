package dev.maia.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.output.LintedDocument.Node;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rule {@code tls-verification}: ArgoCD talks to clusters and repositories only over verified TLS.
 *
 * <ul>
 *   <li>in an ArgoCD credential (a Secret, or the template of an ExternalSecret, labelled
 *       {@value #SECRET_TYPE}: cluster registrations, repositories, repository credentials), no
 *       field {@code insecure} that is true, also inside the JSON of a cluster's {@code config};
 *   <li>anywhere, no {@code insecure-skip-tls-verify} (a kubeconfig field, a command-line flag)
 *       and no {@code insecureSkipTLSVerify} that is true.
 * </ul>
 *
 * An {@code insecure} field elsewhere (for example a chart's "serve plain HTTP behind the ingress")
 * is not about verifying a peer and is left alone.
 */
final class TlsVerificationRule implements DocumentRule {

  static final String SECRET_TYPE = "argocd.argoproj.io/secret-type";

  /** In text that is not a parsed document: {@code "insecure": true}. */
  private static final Pattern INSECURE_TEXT = Pattern.compile("\"?\\binsecure\\b\"?\\s*:\\s*\"?true\\b");

  /** In any text: the kubeconfig field or the kubectl flag, unless it is set to false. */
  private static final Pattern SKIP_VERIFY_TEXT = Pattern.compile("insecure-skip-tls-verify(?!\\s*[:=]\\s*\"?false)");

  @Override
  public void check(LintedDocument document, List<Finding> findings) {
    boolean argoCredential = document.nodes().stream().anyMatch(n -> SECRET_TYPE.equals(n.key()));
    for (Node node : document.nodes()) {
      JsonNode value = node.value();
      String key = node.key() == null ? "" : LintedDocument.normalized(node.key());
      if (argoCredential && key.equals("insecure") && isTrue(value)) {
        findings.add(
            document.finding(
                SecurityRule.TLS_VERIFICATION,
                node.pointer() + " turns TLS verification off for an ArgoCD credential; set it to false and give caData"));
      } else if (key.equals("insecureskiptlsverify") && isTrue(value)) {
        findings.add(
            document.finding(
                SecurityRule.TLS_VERIFICATION,
                node.pointer() + " turns TLS verification off; remove it and give the CA instead"));
      } else if (value.isTextual() && !node.embedded()) {
        String text = value.textValue();
        // the contains checks are what the patterns need first, and much cheaper on every string
        if (text.contains("insecure-skip-tls-verify") && SKIP_VERIFY_TEXT.matcher(text).find()) {
          findings.add(
              document.finding(
                  SecurityRule.TLS_VERIFICATION,
                  node.pointer() + " contains insecure-skip-tls-verify; remove it and give the CA instead"));
        } else if (argoCredential && text.contains("insecure") && INSECURE_TEXT.matcher(text).find()) {
          findings.add(
              document.finding(
                  SecurityRule.TLS_VERIFICATION,
                  node.pointer() + " sets insecure: true for an ArgoCD credential; set it to false and give caData"));
        }
      }
    }
  }

  private static boolean isTrue(JsonNode value) {
    return (value.isBoolean() && value.booleanValue())
        || (value.isTextual() && value.textValue().strip().equalsIgnoreCase("true"));
  }
}
