package dev.maia.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which parts of a platform the semantic rules judge in a {@link PrunedDocument} as they are in the
 * whole document, so that their problems are true of it. A rule judges a part by itself, with the
 * other items of its list, and with the parts it names:
 *
 * <ul>
 *   <li>By itself, a kept part is the same in both documents.
 *   <li>With the other items of its list (names that are taken or collide, Application and host
 *       names, API servers): a clash among kept items is a clash in the whole document too, because
 *       pruning only takes items away. A clash with a dropped item goes unseen: a problem missed,
 *       never a wrong one. The exception is the booking policy, which judges a user's bookings and a
 *       GPU pool's in order and leaves a reported booking out when it judges the next one: without
 *       one booking, another may be reported in its place, and the sum of a pool lacks a member.
 *       So when a booking is dropped, or one is not judged as it is, no booking is.
 *   <li>With the parts it names: a project names its clusters ({@code cluster}, {@code clusters},
 *       the keys of {@code clusterOverrides}), a booking its project and cluster (and its project's
 *       clusters), an HPC system its projects, {@code spec.argocd} a cluster, and {@code
 *       spec.rollout} selects among all clusters. When a list lost items, a name means the same item
 *       in both documents only if a kept item has it (an item named like a dropped one is dropped
 *       too); any other name may be the dropped item's, whose name the schema may have refused, so
 *       "'x' is not a cluster" or a product missing from the cluster could be wrong. A part that
 *       names such a name is not judged as it is, and neither is a part that names that part.
 * </ul>
 *
 * A problem at the root of the document is not tied to a part, so it is never vouched for.
 */
final class WholeParts {

  /** The pointers of the parts not judged as they are: dropped items and parts that name what they should not. */
  private final Set<String> notAsTheyAre = new HashSet<>();

  /** @param dropped the indexes of the items dropped from each list of the whole {@code document} */
  WholeParts(JsonNode document, Map<String, Set<Integer>> dropped) {
    JsonNode spec = document.path("spec");
    dropped.forEach((list, indexes) -> indexes.forEach(i -> notAsTheyAre.add(new PrunedDocument.Item(list, i).pointer())));
    Names clusters = Names.of(spec.path("clusters"), dropped.getOrDefault("/spec/clusters", Set.of()));
    Names projects = Names.of(spec.path("projects"), dropped.getOrDefault("/spec/projects", Set.of()));

    Set<String> projectsNotAsTheyAre = new HashSet<>();
    JsonNode projectList = spec.path("projects");
    for (int i = 0; i < projectList.size(); i++) {
      JsonNode project = projectList.get(i);
      if (!clusters.allMeanTheSame(clustersOf(project))) {
        notAsTheyAre.add(Pointers.project(i));
        projectsNotAsTheyAre.add(project.path("name").asText());
      }
    }
    Predicate<String> projectAsItIs = name -> projects.meansTheSame(name) && !projectsNotAsTheyAre.contains(name);

    JsonNode hpc = spec.path("hpc");
    for (int m = 0; m < hpc.size(); m++) {
      if (!texts(hpc.get(m).path("projects")).stream().allMatch(projectAsItIs)) {
        notAsTheyAre.add(Pointers.hpc(m));
      }
    }
    boolean bookings = !dropped.containsKey("/spec/bookings");
    for (JsonNode booking : spec.path("bookings")) {
      bookings &= projectAsItIs.test(booking.path("project").asText())
          && (!booking.has("cluster") || clusters.meansTheSame(booking.path("cluster").asText()));
    }
    if (!bookings) {
      notAsTheyAre.add("/spec/bookings");
    }
    if (!clusters.meansTheSame(spec.path("argocd").path("cluster").asText())) {
      notAsTheyAre.add("/spec/argocd");
    }
    if (clusters.lost()) {
      notAsTheyAre.add("/spec/rollout");
    }
  }

  /** Whether the part a problem at {@code pointer} of the whole document lies in is judged as it is. */
  boolean judgedAsItIs(String pointer) {
    for (String p = pointer; !p.isEmpty(); p = p.substring(0, Math.max(0, p.lastIndexOf('/')))) {
      if (notAsTheyAre.contains(p)) {
        return false;
      }
    }
    return !pointer.isEmpty();
  }

  /** The clusters a project names. */
  private static List<String> clustersOf(JsonNode project) {
    List<String> names = new ArrayList<>(texts(project.path("clusters")));
    if (project.has("cluster")) {
      names.add(project.path("cluster").asText());
    }
    project.path("clusterOverrides").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode list) {
    List<String> texts = new ArrayList<>();
    list.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  /** The names of the kept items of a list, and whether it lost any. */
  private record Names(Set<String> kept, boolean lost) {

    static Names of(JsonNode list, Set<Integer> dropped) {
      Set<String> kept = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        if (!dropped.contains(i)) {
          kept.add(list.get(i).path("name").asText());
        }
      }
      return new Names(kept, !dropped.isEmpty());
    }

    /** Whether {@code name} means the same item in the pruned document as in the whole one. */
    boolean meansTheSame(String name) {
      return !lost || kept.contains(name);
    }

    boolean allMeanTheSame(List<String> names) {
      return names.stream().allMatch(this::meansTheSame);
    }
  }
}
