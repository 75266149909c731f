package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import dev.maia.core.model.ProjectVolumes;
import dev.maia.core.model.ToolCatalog;
import dev.maia.core.problem.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The volumes a project claims fit its storage on each of its clusters. {@code resources.storage}
 * is both the most one volume claim may take in the namespace (its LimitRange) and what all of them
 * may take together (its ResourceQuota's {@code requests.storage}), so each claim must fit by itself
 * and all of them together, counted as {@link ProjectVolumes} lists them: every enabled tool's
 * volumes (MinIO's {@code size}, a home per member for the workspace, the tools' databases and
 * data), and the shared volume. A volume that does not fit by itself is reported at its size where
 * it is written ({@code tools.minio.size}), else at the storage; the sum at the storage where it is
 * written, else at a size that is written, else at the project; each with the numbers and the ways
 * out. Quantities that do not parse are {@link QuantityRules}'.
 *
 * <p>The catalog's volumes are those of the built-in values templates: a tool whose template the
 * site replaces ({@code templates/} of the platform repo) claims what that template says, which
 * {@code maia:verify} counts from the rendered chart; its volumes are left out here.
 */
public final class StorageRules implements SemanticRule {

  private final Set<String> siteTemplates;

  /** @param siteTemplates the values templates the site replaces, as the catalog names them ({@code minio/values.yaml.ftl}) */
  public StorageRules(Set<String> siteTemplates) {
    this.siteTemplates = Set.copyOf(siteTemplates);
  }

  /** Every problem of {@code platform}'s storage, located through {@code sources}. */
  public List<Problem> check(Platform platform, SourceMap sources) {
    Problems problems = new Problems(sources);
    check(platform, sources, problems);
    return problems.list();
  }

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    ToolCatalog catalog = ToolCatalog.builtIn();
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      for (String name : project.clusters().stream().distinct().toList()) {
        Optional<Cluster> cluster = platform.cluster(name);
        if (cluster.isEmpty()) {
          continue; // reported by ReferenceRules
        }
        Project there = project.on(name);
        Optional<BigDecimal> storage = Quantities.parse(there.resources().storage()).filter(v -> v.signum() > 0);
        if (storage.isEmpty()) {
          continue;
        }
        List<Sized> claims = new ArrayList<>();
        for (ProjectVolumes.Claim claim : ProjectVolumes.of(there, cluster.get(), catalog)) {
          if (claim.tool().flatMap(catalog::tool).filter(t -> siteTemplates.contains(t.valuesTemplate())).isPresent()) {
            continue; // the site's template decides what it claims
          }
          Optional<BigDecimal> size = Quantities.parse(claim.size()).filter(v -> v.signum() > 0);
          if (size.isEmpty()) {
            claims = null; // a size that does not parse: no sum to judge
            break;
          }
          claims.add(new Sized(claim, size.get()));
        }
        if (claims != null) {
          fits(new Placed(project, i, name, there.resources().storage(), storage.get(), sources), claims, problems);
        }
      }
    }
  }

  /** A volume claim (or several alike) and its size in bytes. */
  private record Sized(ProjectVolumes.Claim claim, BigDecimal size) {

    BigDecimal total() {
      return size.multiply(BigDecimal.valueOf(claim.count()));
    }

    /** {@code 200Gi for tools.minio (data)}, {@code 3 × 10Gi for the members' homes of tools.workspace}. */
    String part() {
      String amount = claim.count() > 1 ? claim.count() + " × " + claim.size() : claim.size();
      return amount + " for " + what();
    }

    /** {@code tools.minio (data)}, {@code the members' homes of tools.workspace}, {@code the shared volume}. */
    String what() {
      if (claim.tool().isEmpty()) {
        return "the shared volume";
      }
      String tool = "tools." + claim.tool().get();
      if (claim.perMember()) {
        return (claim.count() == 1 ? "the member's " + claim.name() : "the members' " + claim.name() + "s") + " of " + tool;
      }
      return tool + " (" + claim.name() + ")";
    }
  }

  /** A project on one of its clusters, its storage there, and where what this rule reads is written. */
  private record Placed(Project project, int index, String cluster, String storageWritten, BigDecimal storage, SourceMap sources) {

    private Optional<Project.ClusterOverride> override() {
      return Optional.ofNullable(project.clusterOverrides().get(cluster));
    }

    /** The storage in force, where it is written. */
    Optional<String> storagePointer() {
      String overridden = Pointers.override(index, cluster) + "/resources/storage";
      if (sources.contains(overridden)) {
        return Optional.of(overridden);
      }
      String own = Pointers.project(index) + "/resources/storage";
      return sources.contains(own) ? Optional.of(own) : Optional.empty();
    }

    /** The size setting of a claim in force, where it is written. */
    Optional<String> settingPointer(ProjectVolumes.Claim claim) {
      if (claim.tool().isEmpty() || claim.setting().isEmpty()) {
        return Optional.empty();
      }
      String tool = claim.tool().get();
      boolean overridden = override().filter(o -> o.tools().containsKey(tool)).isPresent();
      String pointer = (overridden ? Pointers.override(index, cluster) : Pointers.project(index)) + "/tools/" + Pointers.escape(tool)
          + "/" + Pointers.escape(claim.setting().get());
      return sources.contains(pointer) ? Optional.of(pointer) : Optional.empty();
    }

    /** The project's resources where they are written, else the project. */
    String fallback() {
      String resources = Pointers.project(index) + "/resources";
      return sources.contains(resources) ? resources : Pointers.project(index);
    }

    /** {@code project 'p'}, with {@code on cluster 'c'} when that cluster's override changes what is compared. */
    String who() {
      boolean changed = override().filter(o -> o.resources().storage().isPresent() || !o.tools().isEmpty() || !o.omitTools().isEmpty())
          .isPresent();
      return "project '" + project.name() + "'" + (changed ? " on cluster '" + cluster + "'" : "");
    }
  }

  private static void fits(Placed placed, List<Sized> claims, Problems problems) {
    BigDecimal total = claims.stream().map(Sized::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    boolean alone = false;
    for (Sized sized : claims) {
      if (sized.size().compareTo(placed.storage()) <= 0) {
        continue;
      }
      alone = true;
      ProjectVolumes.Claim claim = sized.claim();
      Optional<String> setting = placed.settingPointer(claim);
      String each = claim.perMember() && claim.count() > 1
          ? "each of the " + claim.count() + " members' " + claim.name() + "s of tools." + claim.tool().orElseThrow()
          : sized.what();
      List<String> fixes = new ArrayList<>();
      setting.ifPresent(s -> {
        BigDecimal room = placed.storage().subtract(total.subtract(sized.total()));
        if (room.signum() > 0) {
          fixes.add("lower tools." + claim.tool().orElseThrow() + "." + claim.setting().orElseThrow() + " to at most " + Quantities.bytes(room));
        }
      });
      fixes.add("raise resources.storage to at least " + Quantities.bytes(total) + ", what all the project's volumes claim");
      problems.add(
          setting.or(placed::storagePointer).orElse(placed.fallback()),
          each + " claims " + claim.size() + ", more than the storage " + placed.storageWritten() + " of " + placed.who()
              + ", the most one volume claim may take in its namespace (its LimitRange), so the claim is refused",
          Hints.either(fixes));
    }
    if (alone || total.compareTo(placed.storage()) <= 0) {
      return;
    }
    List<String> settings = new ArrayList<>(); // sizes that are written and would make it fit, lowered
    List<String> fixes = new ArrayList<>();
    fixes.add("raise resources.storage to at least " + Quantities.bytes(total));
    for (Sized sized : claims) {
      BigDecimal room = placed.storage().subtract(total.subtract(sized.total()));
      placed.settingPointer(sized.claim()).filter(pointer -> room.signum() > 0).ifPresent(pointer -> {
        settings.add(pointer);
        fixes.add("lower tools." + sized.claim().tool().orElseThrow() + "." + sized.claim().setting().orElseThrow() + " to at most "
            + Quantities.bytes(room));
      });
    }
    fixes.add("turn off a tool the project does not use");
    problems.add(
        placed.storagePointer().or(() -> settings.stream().findFirst()).orElse(placed.fallback()),
        "the volumes of " + placed.who() + " claim " + Quantities.bytes(total) + " in all ("
            + String.join(", ", claims.stream().map(Sized::part).toList()) + "), more than its storage " + placed.storageWritten()
            + ", what its ResourceQuota lets all its volume claims take",
        Hints.either(fixes));
  }
}
