package dev.maia.core.verify.chart;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Digests of chart archives, written as OCI writes them: {@code sha256:<64 hex digits>}. */
public final class ChartDigest {

  public static final Pattern FORM = dev.maia.core.model.Lock.DIGEST;

  private ChartDigest() {}

  /** The digest of {@code bytes}. */
  public static String of(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /** A digest as a repository writes it (an index's bare hex, or OCI's {@code sha256:} form). */
  public static String of(String written) {
    String lower = written.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("sha256:") ? lower : "sha256:" + lower;
  }

  /** The hex digits of a digest, for file names. */
  static String hex(String digest) {
    return digest.substring("sha256:".length());
  }
}
