package dev.maia.gitops;

/**
 * A push that must not happen, for a reason in the user's hands: it would delete more than {@code
 * maia.allowDeletions} Applications or namespaces, or replace the output of a newer platform
 * commit with that of an older one. Nothing was pushed.
 */
public final class PushRefusedException extends GitOpsException {

  private static final long serialVersionUID = 1L;

  public PushRefusedException(String message) {
    super(message);
  }
}
