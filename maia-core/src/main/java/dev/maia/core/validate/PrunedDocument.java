package dev.maia.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.load.SourceMap;
import dev.maia.core.problem.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * What the semantic rules can still read of a platform the schema refused, so that one run reports
 * the semantic problems of every part that passed the schema along with the schema's problems.
 *
 * <p>What is dropped is an item of one of the {@link #LISTS}: a cluster, a project, a booking or an
 * HPC system that holds a problem of the schema stage. The model reads each of them on its own, the
 * schema requires none of them (but one cluster, which the pruned document is checked for again),
 * and nothing takes the place of one that is gone. Nothing smaller can go: without one of its tools
 * or cluster overrides a project would be judged as another project (other volumes to sum, other
 * tools to require, other host names and Applications, its own settings where the override's
 * apply), and without its own core setting a cluster would be judged with the platform's. A problem
 * anywhere else (the root, {@code spec.gitops}, {@code spec.gpuPolicy}, a list itself) leaves
 * nothing to read. An item named like a dropped one goes with it, so that a name never means a kept
 * item where the whole document means a dropped one.
 *
 * <p>The pruned document is a document of its own: its list items are renumbered, and its {@link
 * #sources} give every node the place it was written. {@link #reportable} takes the problems the
 * rules find in it back to the whole document and keeps those that hold there ({@link WholeParts}).
 */
public final class PrunedDocument {

  /** The lists whose items the model reads one by one and can do without. */
  static final List<String> LISTS = List.of("/spec/clusters", "/spec/projects", "/spec/bookings", "/spec/hpc");

  private final ObjectNode document;
  private final SourceMap sources;
  /** For each list that lost items, the indexes in the whole document of the items kept, in order. */
  private final Map<String, List<Integer>> kept;
  private final WholeParts parts;

  private PrunedDocument(ObjectNode whole, SourceMap wholeSources, Map<String, Set<Integer>> dropped) {
    this.document = whole.deepCopy();
    this.kept = new TreeMap<>();
    dropped.forEach(
        (list, indexes) -> {
          ArrayNode items = (ArrayNode) document.at(list);
          kept.put(list, IntStream.range(0, items.size()).filter(i -> !indexes.contains(i)).boxed().toList());
          new TreeSet<>(indexes).descendingSet().forEach(items::remove);
        });
    this.sources = wholeSources.moved(this::pruned);
    this.parts = new WholeParts(whole, dropped);
  }

  /**
   * {@code document} without the items that hold one of {@code problems}; empty when a problem lies
   * outside every item of the {@link #LISTS}.
   */
  public static Optional<PrunedDocument> without(ObjectNode document, SourceMap sources, List<Problem> problems) {
    Map<String, Set<Integer>> dropped = new TreeMap<>();
    for (Problem problem : problems) {
      Optional<Item> item = Item.of(problem.pointer()).filter(i -> document.at(i.list()).isArray());
      if (item.isEmpty()) {
        return Optional.empty();
      }
      dropped.computeIfAbsent(item.get().list(), list -> new HashSet<>()).add(item.get().index());
    }
    dropped.forEach((list, indexes) -> indexes.addAll(namedLike(document.at(list), indexes, Item.nameField(list))));
    return Optional.of(new PrunedDocument(document, sources, dropped));
  }

  /** The items of {@code list} whose name is the name of one of {@code dropped}. */
  private static Set<Integer> namedLike(JsonNode list, Set<Integer> dropped, String field) {
    Set<String> names = new HashSet<>();
    dropped.forEach(i -> names.add(list.get(i).path(field).asText()));
    Set<Integer> named = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      if (names.contains(list.get(i).path(field).asText())) {
        named.add(i);
      }
    }
    return named;
  }

  /** The pruned document, to be checked by the schema again before the model is read from it. */
  public ObjectNode document() {
    return document;
  }

  /** Where every node of the pruned document was written, by its pointer in the pruned document. */
  public SourceMap sources() {
    return sources;
  }

  /**
   * The problems the rules found in the pruned document that hold for the whole one, with their
   * pointers in the whole one. A problem located in another file than the platform's (a sealed
   * secret it needs) names no part of the platform to judge it by, so it is left out as well.
   */
  public List<Problem> reportable(List<Problem> found) {
    List<Problem> reportable = new ArrayList<>();
    for (Problem problem : found) {
      if (!problem.location().equals(sources.locate(problem.pointer()))) {
        continue;
      }
      String pointer = inWhole(problem.pointer());
      if (parts.judgedAsItIs(pointer)) {
        reportable.add(new Problem(problem.location(), pointer, problem.message(), problem.hint()));
      }
    }
    return reportable;
  }

  /** The pointer in the pruned document of the node at {@code pointer} of the whole one; empty when it was dropped. */
  private Optional<String> pruned(String pointer) {
    Optional<Item> item = Item.of(pointer).filter(i -> kept.containsKey(i.list()));
    if (item.isEmpty()) {
      return Optional.of(pointer);
    }
    int index = Collections.binarySearch(kept.get(item.get().list()), item.get().index());
    return index < 0 ? Optional.empty() : Optional.of(item.get().moved(index, pointer));
  }

  /** The pointer in the whole document of the node at {@code pointer} of the pruned one. */
  private String inWhole(String pointer) {
    return Item.of(pointer)
        .filter(i -> kept.containsKey(i.list()))
        .map(i -> i.moved(kept.get(i.list()).get(i.index()), pointer))
        .orElse(pointer);
  }

  /** An item of one of the {@link #LISTS}. */
  record Item(String list, int index) {

    /** The item {@code pointer} lies in (or is), if any. */
    static Optional<Item> of(String pointer) {
      for (String list : LISTS) {
        if (pointer.startsWith(list + "/")) {
          int start = list.length() + 1;
          int end = pointer.indexOf('/', start);
          String token = pointer.substring(start, end < 0 ? pointer.length() : end);
          return token.matches("0|[1-9][0-9]{0,8}") ? Optional.of(new Item(list, Integer.parseInt(token))) : Optional.empty();
        }
      }
      return Optional.empty();
    }

    /** The field other parts name an item of {@code list} by. */
    static String nameField(String list) {
      return list.equals("/spec/bookings") ? "id" : "name";
    }

    String pointer() {
      return list + "/" + index;
    }

    /** {@code pointer}, which lies in this item, with the item's index replaced by {@code index}. */
    String moved(int index, String pointer) {
      return list + "/" + index + pointer.substring(pointer().length());
    }
  }
}
