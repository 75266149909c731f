package dev.maia.core.validate;

import dev.maia.core.load.SourceLocation;
import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Booking;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.HpcSystem;
import dev.maia.core.model.Platform;
import dev.maia.core.model.Project;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Names: the platform, clusters, projects and HPC systems are named by DNS-1123 labels, because
 * they become namespaces, label values and parts of host names; project names are shorter still,
 * because longer names are derived from them. Cluster, project, HPC and booking names are unique,
 * and two names may not differ only in case, {@code '_'} versus {@code '-'}, or look-alike
 * characters: they would be confused by people, and some would clash once made valid.
 */
final class NameRules implements SemanticRule {

  /** Kubernetes' limit for a DNS-1123 label. */
  static final int MAX_LABEL_LENGTH = 63;

  /**
   * A project name becomes a namespace and the prefix of release and object names such as
   * {@code <project>-label-studio-postgresql} (23 characters after the project name); 40 keeps them
   * all within {@link #MAX_LABEL_LENGTH}.
   */
  static final int MAX_PROJECT_NAME_LENGTH = 40;

  /**
   * An HPC system's name becomes the workspace volume {@code hpc-<name>-ssh}, a DNS-1123 label; 55
   * keeps it within {@link #MAX_LABEL_LENGTH}.
   */
  static final int MAX_HPC_NAME_LENGTH = 55;

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  /** Letters of other scripts that look like Latin ones in most fonts (a small, common subset). */
  private static final Map<Character, Character> CONFUSABLES = confusables();

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    if (!platform.name().isEmpty()) {
      dnsLabel("platform name", platform.name(), "/metadata/name", problems);
    }

    List<Named> clusters = new ArrayList<>();
    for (int j = 0; j < platform.clusters().size(); j++) {
      Cluster cluster = platform.clusters().get(j);
      clusters.add(new Named(cluster.name(), Pointers.cluster(j) + "/name"));
    }
    List<Named> projects = new ArrayList<>();
    for (int i = 0; i < platform.projects().size(); i++) {
      Project project = platform.projects().get(i);
      projects.add(new Named(project.name(), Pointers.project(i) + "/name"));
    }
    List<Named> hpc = new ArrayList<>();
    for (int k = 0; k < platform.hpc().size(); k++) {
      HpcSystem system = platform.hpc().get(k);
      hpc.add(new Named(system.name(), Pointers.hpc(k) + "/name"));
    }
    List<Named> bookings = new ArrayList<>();
    for (int k = 0; k < platform.bookings().size(); k++) {
      Booking booking = platform.bookings().get(k);
      bookings.add(new Named(booking.id(), Pointers.booking(k) + "/id"));
    }

    for (Named cluster : clusters) {
      dnsLabel("cluster name", cluster.name(), cluster.pointer(), problems);
    }
    for (Named project : projects) {
      if (dnsLabel("project name", project.name(), project.pointer(), problems)) {
        projectLength(project, problems);
      }
    }
    for (Named system : hpc) {
      if (dnsLabel("HPC system name", system.name(), system.pointer(), problems) && system.name().length() > MAX_HPC_NAME_LENGTH) {
        problems.add(
            system.pointer(),
            "HPC system name '" + system.name() + "' has " + system.name().length() + " characters; an HPC system name may"
                + " have at most " + MAX_HPC_NAME_LENGTH + ", because the workspace volume 'hpc-<name>-ssh' must fit in "
                + MAX_LABEL_LENGTH,
            "shorten it");
      }
    }

    unique("cluster", clusters, sources, problems);
    unique("project", projects, sources, problems);
    unique("HPC system", hpc, sources, problems);
    unique("booking", bookings, sources, problems);

    collisions("cluster", clusters, sources, problems);
    collisions("project", projects, sources, problems);
    collisions("HPC system", hpc, sources, problems);
  }

  /** Reports {@code name} unless it is a DNS-1123 label; returns whether it is one. */
  private static boolean dnsLabel(String what, String name, String pointer, Problems problems) {
    if (name.length() > MAX_LABEL_LENGTH) {
      problems.add(
          pointer,
          what + " " + Hints.quote(name) + " has " + name.length() + " characters; a DNS-1123 label has at most "
              + MAX_LABEL_LENGTH,
          "shorten it");
      return false;
    }
    if (!DNS_LABEL.matcher(name).matches()) {
      String suggestion = suggestLabel(name);
      problems.add(
          pointer,
          what
              + " "
              + Hints.quote(name)
              + " is not a DNS-1123 label: use lowercase letters a-z, digits and '-', starting and ending"
              + " with a letter or digit",
          suggestion == null ? null : "for example '" + suggestion + "'");
      return false;
    }
    return true;
  }

  private static void projectLength(Named project, Problems problems) {
    if (project.name().length() > MAX_PROJECT_NAME_LENGTH) {
      problems.add(
          project.pointer(),
          "project name '"
              + project.name()
              + "' has "
              + project.name().length()
              + " characters; a project name may have at most "
              + MAX_PROJECT_NAME_LENGTH
              + ", because names derived from it such as '<project>-label-studio-postgresql' must fit in "
              + MAX_LABEL_LENGTH,
          "shorten it");
    }
  }

  /** The second and later occurrences of a name, each naming where the first one is. */
  private static void unique(String what, List<Named> names, SourceMap sources, Problems problems) {
    Map<String, Named> first = new HashMap<>();
    for (Named named : names) {
      if (named.name().isEmpty()) {
        continue; // a missing name is the schema's to report
      }
      Named earlier = first.putIfAbsent(named.name(), named);
      if (earlier != null) {
        problems.add(
            named.pointer(),
            what + " '" + named.name() + "' is already defined at " + sources.locate(earlier.pointer()),
            "rename or remove one of them");
      }
    }
  }

  /** Distinct names that are equal after {@link #normalise}: each is reported, naming the others. */
  private static void collisions(String what, List<Named> names, SourceMap sources, Problems problems) {
    Map<String, Map<String, Named>> groups = new LinkedHashMap<>();
    for (Named named : names) {
      if (!named.name().isEmpty()) {
        groups.computeIfAbsent(normalise(named.name()), k -> new LinkedHashMap<>()).putIfAbsent(named.name(), named);
      }
    }
    for (Map<String, Named> group : groups.values()) {
      if (group.size() < 2) {
        continue;
      }
      for (Named named : group.values()) {
        List<String> others = new ArrayList<>();
        for (Named other : group.values()) {
          if (other != named) {
            others.add(Hints.quote(other.name()) + " at " + sources.locate(other.pointer()));
          }
        }
        problems.add(
            named.pointer(),
            what
                + " "
                + Hints.quote(named.name())
                + " collides with "
                + String.join(" and ", others)
                + ": names may not differ only in case, '_' versus '-' or look-alike characters",
            "rename one of them");
      }
    }
  }

  /**
   * The form two names are compared in: compatibility-decomposed (full-width letters, ligatures),
   * without accents, lower case, look-alike letters of other scripts replaced by Latin ones, and
   * '_', '.' and spaces read as '-'.
   */
  static String normalise(String name) {
    String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    String lower = Normalizer.normalize(decomposed, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder result = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      c = CONFUSABLES.getOrDefault(c, c);
      result.append(c == '_' || c == '.' || Character.isWhitespace(c) ? '-' : c);
    }
    return result.toString();
  }

  /** A valid label close to {@code name}, or {@code null} when nothing sensible remains. */
  private static String suggestLabel(String name) {
    String normal = normalise(name);
    String replaced = normal.replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
    if (replaced.length() > MAX_LABEL_LENGTH) {
      replaced = replaced.substring(0, MAX_LABEL_LENGTH).replaceAll("-+$", "");
    }
    return replaced.isEmpty() || replaced.equals(name) ? null : replaced;
  }

  private static Map<Character, Character> confusables() {
    // Cyrillic a e o p c y x i j s d h k l q w, then Greek alpha omicron iota kappa nu rho tau upsilon.
    String others =
        "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u0501\u04bb\u043a\u04cf\u051b\u051d"
            + "\u03b1\u03bf\u03b9\u03ba\u03bd\u03c1\u03c4\u03c5";
    String latin = "aeopcyxijsdhklqw" + "aoikvptu";
    Map<Character, Character> map = new HashMap<>();
    for (int i = 0; i < others.length(); i++) {
      map.put(others.charAt(i), latin.charAt(i));
    }
    return Map.copyOf(map);
  }

  /** A name and the pointer of the node that holds it. */
  private record Named(String name, String pointer) {}
}
