package dev.maia.core.output;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The output folder could not be read or written: a broken environment (a read-only folder, a full
 * disk, missing permissions), not a problem of the input. The message names the folder, what the
 * writer was doing, the cause in plain words, and what state the folder is in; it is meant to be
 * shown as it is, without a stack trace.
 */
public final class OutputWriteException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private OutputWriteException(String message, IOException cause) {
    super(message, cause);
  }

  /**
   * {@code cannot write the output folder /srv/gitops while staging a/b.yaml: no space left on
   * device; nothing in it was changed}.
   *
   * @param doing what the writer was doing, such as {@code staging a/b.yaml}
   * @param state what the folder holds now, such as {@code nothing in it was changed}
   */
  static OutputWriteException of(Path root, String doing, IOException cause, String state) {
    return new OutputWriteException(
        "cannot write the output folder " + root + " while " + doing + ": " + describe(root, cause) + "; " + state, cause);
  }

  /** The cause in plain words, with the file it concerns relative to the output folder. */
  static String describe(Path root, IOException e) {
    String reason;
    if (e instanceof AccessDeniedException) {
      reason = "permission denied";
    } else if (e instanceof NoSuchFileException) {
      reason = "no such file or folder";
    } else if (e instanceof NotDirectoryException) {
      reason = "not a folder";
    } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
      reason = fs.getReason();
    } else if (e instanceof FileSystemException) {
      reason = e.getClass().getSimpleName();
    } else {
      reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    reason = lowerFirst(reason.strip());
    if (e instanceof FileSystemException fs && fs.getFile() != null) {
      Path file = Path.of(fs.getFile()).toAbsolutePath().normalize();
      String where = file.startsWith(root) && !file.equals(root) ? root.relativize(file).toString().replace('\\', '/') : file.toString();
      if (!reason.contains(fs.getFile())) {
        reason = reason + " (" + where + ")";
      }
    }
    return reason;
  }

  /** {@code No space left on device} reads {@code no space left on device}; an acronym stays. */
  private static String lowerFirst(String text) {
    if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && !Character.isUpperCase(text.charAt(1))) {
      return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }
    return text;
  }
}
