package dev.maia.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the namespace rules need to know about the whole tree, gathered unit by unit while the
 * units are linted (a project folder and the base it includes are rendered by different units), so
 * that the folder rules run once every file is known, without reading the output folder back.
 *
 * <p>Kept per file: the kustomizations (their {@code namespace} and what they include) and the few
 * small resources the folder rules judge ({@link #KINDS}); nothing else, so memory grows with the
 * number of project namespaces, not with the size of the tree. Thread-safe.
 */
final class NamespaceFolders {

  /** The kinds the folder rules look at. */
  static final Set<String> KINDS =
      Set.of("Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "RoleBinding", "ClusterRoleBinding");

  /** A project namespace folder: {@code clusters/CLUSTER/projects/PROJECT/}. */
  private static final Pattern PROJECT_FOLDER = Pattern.compile("(clusters/[^/]+/projects/[^/]+)/.+");

  private static final Set<String> KUSTOMIZATION_FILES = Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  /** One kustomization: the folder it is in, its {@code namespace:} (or null), what it includes. */
  record Kustomization(String dir, String namespace, List<String> includes) {
    Kustomization {
      includes = List.copyOf(includes);
    }
  }

  /** A resource as kustomize emits it from a folder: with the namespace it ends up in (or null). */
  record Placed(LintedDocument document, String namespace) {}

  /**
   * A project namespace folder with everything it includes.
   *
   * @param dir the folder, for example {@code clusters/kth-main/projects/brain-mets}
   * @param kustomization its kustomization, or null when it has none
   * @param namespace the project namespace: the kustomization's {@code namespace:}, else the name of
   *     the one Namespace in the folder; null when neither says
   * @param resources the resources of the folder and of everything its kustomization includes (without
   *     a kustomization: of the files directly in it)
   */
  record Folder(String dir, Kustomization kustomization, String namespace, List<Placed> resources) {
    Folder {
      resources = List.copyOf(resources);
    }

    /** A finding about the whole folder. */
    Finding finding(SecurityRule rule, String detail) {
      return new Finding(dir + "/", 0, namespace == null ? "(no namespace)" : "Namespace/" + namespace, rule, detail);
    }
  }

  private final Map<String, Kustomization> kustomizations = new ConcurrentHashMap<>();
  private final Map<String, List<LintedDocument>> files = new ConcurrentHashMap<>();
  private final Set<String> projectFolders = ConcurrentHashMap.newKeySet();

  /** Records one generated file. */
  void record(String path, List<LintedDocument> documents) {
    List<LintedDocument> kept = new ArrayList<>();
    for (LintedDocument document : documents) {
      if (KINDS.contains(document.kind())) {
        kept.add(document.withoutNodes());
      }
    }
    files.put(path, List.copyOf(kept));
    Matcher project = PROJECT_FOLDER.matcher(path);
    if (project.matches()) {
      projectFolders.add(project.group(1));
    }
    String dir = parent(path);
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (KUSTOMIZATION_FILES.contains(name) && documents.size() == 1) {
      JsonNode root = documents.get(0).root();
      List<String> includes = new ArrayList<>();
      for (String field : List.of("resources", "bases", "components")) {
        root.path(field).forEach(entry -> includes.add(entry.asText("")));
      }
      JsonNode namespace = root.path("namespace");
      kustomizations.put(
          dir, new Kustomization(dir, namespace.isTextual() && !namespace.textValue().isEmpty() ? namespace.textValue() : null, includes));
    }
  }

  /** Every project namespace folder, sorted, with what kustomize would build from it. */
  List<Folder> projectFolders() {
    List<Folder> result = new ArrayList<>();
    for (String dir : new TreeSet<>(projectFolders)) {
      Kustomization kustomization = kustomizations.get(dir);
      List<Placed> resources = new ArrayList<>();
      Set<String> visited = new HashSet<>();
      if (kustomization != null) {
        collect(dir, null, visited, resources);
      } else {
        new TreeSet<>(files.keySet()).stream().filter(p -> parent(p).equals(dir)).forEach(p -> collect(p, null, visited, resources));
      }
      String namespace = kustomization == null ? null : kustomization.namespace();
      if (namespace == null) {
        List<String> names =
            resources.stream().filter(p -> p.document().kind().equals("Namespace")).map(p -> p.document().name()).distinct().toList();
        namespace = names.size() == 1 ? names.get(0) : null;
      }
      result.add(new Folder(dir, kustomization, namespace, resources));
    }
    return result;
  }

  /**
   * Adds the resources of {@code target} (a file, or a folder with a kustomization) and of what it
   * includes. An outer kustomization's namespace wins over inner ones and over the resources' own,
   * as with kustomize. Includes that are not generated files (remote bases) are not known here.
   */
  private void collect(String target, String outerNamespace, Set<String> visited, List<Placed> out) {
    if (!visited.add(target)) {
      return;
    }
    List<LintedDocument> documents = files.get(target);
    if (documents != null) {
      for (LintedDocument document : documents) {
        out.add(new Placed(document, outerNamespace != null ? outerNamespace : document.namespace()));
      }
      return;
    }
    Kustomization kustomization = kustomizations.get(target);
    if (kustomization == null) {
      return;
    }
    String namespace = outerNamespace != null ? outerNamespace : kustomization.namespace();
    for (String include : kustomization.includes()) {
      String resolved = resolve(target, include);
      if (resolved != null) {
        collect(resolved, namespace, visited, out);
      }
    }
  }

  /** {@code include} relative to {@code dir} as a tree path, or null for a URL or a path outside the tree. */
  static String resolve(String dir, String include) {
    if (include.isEmpty() || include.contains("://") || include.startsWith("/") || include.startsWith("git@")) {
      return null;
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String segment : (dir + "/" + include).split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(segment);
      }
    }
    return String.join("/", parts);
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
