package dev.maia.core;

import dev.maia.core.verify.VerifyResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * A verify run under way (see {@link MaiaCompiler#startVerify}): the tree is generated, its charts
 * are being rendered and checked.
 */
public final class VerifyRun {

  private final ValidPlatform valid;
  private final GenerateResult generated;
  private final CompletableFuture<VerifyResult> verified;
  private final Consumer<VerifyResult> finish;
  private VerifyOutcome outcome;

  VerifyRun(ValidPlatform valid, GenerateResult generated, CompletableFuture<VerifyResult> verified, Consumer<VerifyResult> finish) {
    this.valid = valid;
    this.generated = generated;
    this.verified = verified;
    this.finish = finish;
  }

  /** The tree written before the charts were rendered. */
  public GenerateResult generated() {
    return generated;
  }

  /**
   * Waits for the checks, records new chart digests in {@code maia.lock}, and returns the outcome
   * (the same one on every call).
   *
   * @throws dev.maia.core.verify.chart.ChartUnavailableException when a chart repository cannot be
   *     reached or sends bad bytes
   * @throws dev.maia.core.verify.helm.HelmUnavailableException when Helm cannot run on this machine
   */
  public synchronized VerifyOutcome join() {
    if (outcome == null) {
      VerifyResult result;
      try {
        result = verified.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw e;
      }
      finish.accept(result);
      outcome = new VerifyOutcome(valid, generated, result);
    }
    return outcome;
  }
}
