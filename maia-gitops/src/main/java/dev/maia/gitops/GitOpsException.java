package dev.maia.gitops;

/**
 * The GitOps repository could not be read or written: a network or login failure, or a branch
 * that kept moving until the attempts ran out. Messages never hold a credential.
 */
public class GitOpsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public GitOpsException(String message) {
    super(message);
  }

  public GitOpsException(String message, Throwable cause) {
    super(message, cause);
  }
}
