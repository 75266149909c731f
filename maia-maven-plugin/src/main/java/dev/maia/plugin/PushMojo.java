package dev.maia.plugin;

import dev.maia.core.GenerateResult;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.Version;
import dev.maia.gitops.Authors;
import dev.maia.gitops.GeneratedFiles;
import dev.maia.gitops.GitCredentials;
import dev.maia.gitops.GitOpsTarget;
import dev.maia.gitops.PushRequest;
import dev.maia.gitops.PushResult;
import dev.maia.gitops.git.Publisher;
import dev.maia.gitops.git.SourceRevision;
import dev.maia.gitops.report.ConsoleSummary;
import java.io.IOException;
import java.time.Duration;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Generates the tree, then commits it onto the GitOps branch under {@code spec.gitops.path} when
 * it changed (creating the branch if needed) and pushes without force. Files outside that folder,
 * and files in it that maia did not generate, are kept. If the branch moved meanwhile, the commit
 * is rebuilt on the new tip and pushed again, a bounded number of times. The commit names the
 * platform commit in its trailers; a push from an older platform commit than the published one is
 * refused, and so is one that deletes more than {@code maia.allowDeletions} Applications and
 * namespaces.
 */
@Mojo(name = "push", threadSafe = true)
public final class PushMojo extends AbstractGitOpsMojo {

  /** Author and committer, {@code Name <email>}; default: the CI's user, else {@code maia-maven-plugin <maia@localhost>}. */
  @Parameter(property = "maia.git.author")
  String author;

  /** The platform commit recorded in the trailers; default: HEAD of the Git work tree holding the platform. */
  @Parameter(property = "maia.source.commit")
  String sourceCommit;

  /** How many times a push rejected because the branch moved (or failed on the network) is tried again. */
  @Parameter(property = "maia.push.retries", defaultValue = "5")
  int retries;

  /** Prints what would be committed and pushes nothing. */
  @Parameter(property = "maia.push.dryRun", defaultValue = "false")
  boolean dryRun;

  /** Skips this goal only; {@code maia.skip} skips every maia goal. */
  @Parameter(property = "maia.push.skip", defaultValue = "false")
  boolean pushSkip;

  @Override
  String goal() {
    return "push";
  }

  @Override
  boolean goalSkip() {
    return pushSkip;
  }

  @Override
  void run(MaiaCompiler compiler, ProjectPaths paths) throws MojoFailureException {
    if (retries < 0) {
      throw Failures.badParameter("maia.push.retries", Integer.toString(retries), "a count of 0 or more");
    }
    GenerateResult result = generate(compiler, paths);
    GitOpsTarget target = target(result.platform().gitops());
    GitCredentials credentials = credentials();
    SourceRevision source = source();
    PushRequest request = new PushRequest(target, credentials, GeneratedFiles.read(outputDirectory.toPath()), result.platform().name(),
        source, identity(), Version.get(), cacheDirectory(), retries, Duration.ofSeconds(1), dryRun, allowDeletions);
    PushResult pushed = Publisher.standard(new MavenMaiaLog(getLog())).push(request);
    String where = target.describe() + " of " + describe(target, paths, credentials);
    switch (pushed.outcome()) {
      case UNCHANGED -> getLog().info("Nothing to push: " + where + " already holds this tree (commit " + abbreviate(pushed.commit()) + ").");
      case DRY_RUN -> {
        getLog().info("Dry run: would commit " + pushed.diff().summary() + " manifests onto " + where + ", with this message:");
        pushed.message().lines().forEach(line -> getLog().info("  | " + line));
      }
      case PUBLISHED -> getLog().info("Pushed commit " + abbreviate(pushed.commit()) + " to " + where + ": "
          + pushed.diff().summary() + " manifests, platform commit " + source.shortCommit()
          + (pushed.attempts() > 1 ? ", after " + pushed.attempts() + " attempts." : "."));
    }
    ConsoleSummary.lines(pushed.diff()).forEach(getLog()::info);
    ConsoleSummary.details(pushed.diff()).forEach(dryRun ? getLog()::info : getLog()::debug);
  }

  private SourceRevision source() {
    try {
      SourceRevision source = SourceRevision.read(platform.toPath().toAbsolutePath().getParent(), blankToNull(sourceCommit));
      if (source.commit() == null) {
        getLog().warn("The platform folder is not in a Git work tree and maia.source.commit is not set: the commit will not name"
            + " its source, and an older platform cannot be told from a newer one.");
      }
      return source;
    } catch (IOException | RuntimeException e) {
      getLog().warn("Cannot read the platform repo's commit (" + e.getMessage() + "); set maia.source.commit.");
      return sourceCommit == null ? SourceRevision.unknown() : new SourceRevision(null, sourceCommit.strip(), null, null);
    }
  }

  private PersonIdent identity() throws MojoFailureException {
    try {
      return Authors.resolve(author, environment);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("maia.git.author: " + e.getMessage());
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String abbreviate(String commit) {
    return commit == null ? "none" : commit.substring(0, Math.min(12, commit.length()));
  }
}
