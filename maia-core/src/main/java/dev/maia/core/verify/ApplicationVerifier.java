package dev.maia.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.model.ToolDefinition;
import dev.maia.core.verify.ChartFinding.Check;
import dev.maia.core.verify.helm.HelmRenderException;
import dev.maia.core.verify.helm.RenderedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs every check on one Application: {@link OfflineCheck} before anything is rendered, then two
 * renders for {@link StabilityCheck}, and on the first of them {@link ConformanceCheck}, {@link
 * CredentialCheck} and {@link ValuesUsedCheck} (which renders again with changed values).
 */
final class ApplicationVerifier {

  private final ChartRenderer renderer;
  private final VerifyCache cache;
  private final Map<String, Verdicts> verdicts = new java.util.concurrent.ConcurrentHashMap<>();

  /** A verifier that keeps verdicts for this run only. */
  ApplicationVerifier(ChartRenderer renderer) {
    this(renderer, null);
  }

  /** A verifier that keeps verdicts in {@code cache} too. */
  ApplicationVerifier(ChartRenderer renderer, VerifyCache cache) {
    this.renderer = renderer;
    this.cache = cache;
  }

  /**
   * @param accepted what the catalog leaves to the tool's chart ({@link ToolDefinition.ChartMade}):
   *     its random values are not unstable, its Secrets not a finding
   */
  CompletableFuture<ApplicationReport> verify(ChartApplication application, String digest, List<ToolDefinition.ChartMade> accepted) {
    return verify(application, digest, accepted, ClusterCrds.NONE);
  }

  /** As {@link #verify(ChartApplication, String, List)}, with the custom kinds its cluster's core layer defines. */
  CompletableFuture<ApplicationReport> verify(ChartApplication application, String digest, List<ToolDefinition.ChartMade> accepted,
      ClusterCrds crds) {
    return renderer.workingCopy(application).thenCompose(copy -> {
      Optional<ChartFinding> offline = OfflineCheck.check(application, copy);
      if (offline.isPresent()) {
        return CompletableFuture.completedFuture(new ApplicationReport(application, digest, List.of(offline.get()), List.of()));
      }
      CompletableFuture<List<RenderedObject>> first = renderer.render(application, application.values());
      CompletableFuture<List<RenderedObject>> second = renderer.render(application, application.values());
      return first.thenCombine(second, (a, b) -> List.of(a, b))
          .thenCompose(renders -> checks(application, digest, renders.get(0), renders.get(1), accepted, crds))
          .exceptionally(failure -> refused(application, digest, failure));
    });
  }

  private CompletableFuture<ApplicationReport> checks(
      ChartApplication application, String digest, List<RenderedObject> first, List<RenderedObject> second,
      List<ToolDefinition.ChartMade> accepted, ClusterCrds crds) {
    Map<String, Set<String>> made = Renders.accepted(first, accepted);
    List<ChartFinding> findings = new ArrayList<>(StabilityCheck.check(first, second, made));
    findings.addAll(ConformanceCheck.check(first, crds));
    findings.addAll(CredentialCheck.check(first, accepted));
    findings.addAll(CorePodSecurityCheck.check(application, first));
    findings.addAll(DataKeptCheck.check(application, first));
    Map<String, Set<String>> unstable = Renders.differences(first, second, Map.of());
    String key = Verdicts.key(application, digest, renderer.kubernetesVersion(application), dev.maia.core.Version.build());
    Verdicts shape = verdicts.computeIfAbsent(key, k -> cache == null ? new Verdicts(k, Map.of()) : cache.verdicts(k));
    return ValuesUsedCheck.check(application, (JsonNode values) -> renderer.render(application, values), shape, first, unstable)
        .thenApply(unread -> {
          if (cache != null) {
            cache.write(shape);
          }
          findings.addAll(unread);
          return new ApplicationReport(application, digest, findings, first);
        });
  }

  /** A chart Helm refuses to render with the Application's values; any other failure goes on. */
  private static ApplicationReport refused(ChartApplication application, String digest, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (!(cause instanceof HelmRenderException)) {
      throw failure instanceof CompletionException c ? c : new CompletionException(cause);
    }
    return new ApplicationReport(
        application,
        digest,
        List.of(new ChartFinding(
            Check.RENDERS,
            "",
            "Helm does not render " + application.chart().chart() + " " + application.chart().version() + " with these values: "
                + cause.getMessage().strip().replace("\n\nUse --debug flag to render out invalid YAML", ""),
            "ArgoCD would fail to sync the Application the same way: fix the values the message names")),
        List.of());
  }
}
