package dev.maia.core.verify;

import dev.maia.core.model.ToolDefinition;
import dev.maia.core.output.Finding;
import dev.maia.core.output.SecurityLint;
import dev.maia.core.verify.ChartFinding.Check;
import dev.maia.core.verify.helm.RenderedObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Check {@code no-credentials}: no object a chart renders holds a credential, by the rule the
 * generated tree is linted with ({@code no-credentials} of the output lint): no Secret with {@code
 * data} or {@code stringData} (a chart that mints one keeps a credential no secret store manages,
 * in the state ArgoCD syncs and shows), and no credential-shaped value (a private key, a token).
 * What the rule says of literals under credential-like keys is left to the tree, where the
 * platform wrote them: a chart's {@code checksum/secret} annotation is not a credential.
 */
final class CredentialCheck {

  private CredentialCheck() {}

  /** @param accepted Secrets the catalog leaves to the chart, with what they hold, are not findings */
  static List<ChartFinding> check(List<RenderedObject> objects, List<ToolDefinition.ChartMade> accepted) {
    List<ChartFinding> findings = new ArrayList<>();
    for (RenderedObject object : objects) {
      if (accepted.stream().anyMatch(m -> !m.holds().isEmpty() && m.matches(object.kind(), object.name()))) {
        continue;
      }
      if ("CustomResourceDefinition".equals(object.kind())) {
        continue; // a schema: its descriptions document fields (an example key among them), it holds no value
      }
      for (Finding finding : SecurityLint.chartCredentials(object.source(), object.object())) {
        findings.add(new ChartFinding(
            Check.NO_CREDENTIALS,
            "",
            Renders.key(object) + " (" + object.source() + "): " + finding.detail(),
            "point the chart at an existing Secret (an ExternalSecret or a SealedSecret) with the values it offers for "
                + "that, such as an existingSecret"));
      }
    }
    return findings;
  }
}
