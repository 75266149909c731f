package dev.maia.gitops;

import dev.maia.gitops.git.SourceRevision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * One publication of a generated tree onto the GitOps branch.
 *
 * @param files the generated tree, path (relative to {@code target.path()}) to bytes
 * @param platform the platform's name, for the commit message
 * @param source the platform commit the tree was generated from
 * @param author author and committer of the commit (the time is taken when it is made)
 * @param version the generator's version, for the {@code Maia-Version} trailer
 * @param cacheDirectory where fetched objects are kept between runs
 * @param retries how many times a rejected or failed push is tried again
 * @param backoff the first wait before a retry; each further one doubles, with jitter
 * @param dryRun when true, report what would be committed and push nothing
 * @param allowDeletions how many Applications and namespaces the push may delete
 */
public record PushRequest(
    GitOpsTarget target,
    GitCredentials credentials,
    SortedMap<String, byte[]> files,
    String platform,
    SourceRevision source,
    PersonIdent author,
    String version,
    Path cacheDirectory,
    int retries,
    Duration backoff,
    boolean dryRun,
    int allowDeletions) {

  public PushRequest {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(credentials, "credentials");
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(cacheDirectory, "cacheDirectory");
    Objects.requireNonNull(backoff, "backoff");
    if (retries < 0 || allowDeletions < 0) {
      throw new IllegalArgumentException("retries and allowDeletions cannot be negative");
    }
  }
}
