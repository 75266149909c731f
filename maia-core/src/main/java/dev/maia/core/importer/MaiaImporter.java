package dev.maia.core.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.load.RepoReader;
import dev.maia.core.load.YamlFileReader;
import dev.maia.core.output.CanonicalYaml;
import dev.maia.core.problem.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code maia:import}: reads the configuration of an existing MAIA installation (cluster files,
 * project forms, per-project override files, {@code env.json}) and writes an equivalent {@code
 * platform.yaml}, one {@code projects/<name>.yaml} per project and {@code IMPORT-NOTES.md}, with the
 * canonical writer. Credentials are never copied: a cluster's token becomes the store key its
 * registration reads, every other credential a note. Existing files are never overwritten: when one
 * of the files to write exists, nothing is written.
 */
public final class MaiaImporter {

  public static final String PLATFORM_FILE = "platform.yaml";
  public static final String NOTES_FILE = "IMPORT-NOTES.md";
  public static final String PROJECTS = "projects";

  /** How deep the source folder is searched: a config folder with a few sub-folders. */
  private static final int MAX_DEPTH = 4;

  private static final String HEADER =
      "# Imported from an existing MAIA installation by maia:import; see IMPORT-NOTES.md.\n"
          + "# This file is yours now: edit it like any platform file.\n";

  private final YamlFileReader reader = new YamlFileReader();

  /**
   * Imports the installation configured in {@code from} into the platform repo {@code to}.
   *
   * @throws ImportRefusedException when a file to write exists or {@code from} holds no cluster
   *     file; nothing is written then
   */
  public ImportResult importInstallation(Path from, Path to) {
    if (!Files.isDirectory(from)) {
      throw new ImportRefusedException(from + " is not a folder; point maia.import.from at MAIA's configuration folder");
    }
    ImportNotes notes = new ImportNotes();
    List<UpstreamFile> clusters = new ArrayList<>();
    List<UpstreamFile> forms = new ArrayList<>();
    List<UpstreamFile> overrides = new ArrayList<>();
    List<UpstreamFile> envs = new ArrayList<>();
    Map<UpstreamFile, String> others = new LinkedHashMap<>();
    List<String> read = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (UpstreamFile file : read(from, notes)) {
      JsonNode root = file.root();
      String name = file.path().substring(file.path().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
      if (name.equals("env.json") || root.has("admin_group_ID") || root.has("argocd_namespace")) {
        envs.add(file);
      } else if (root.has("cluster_name") && !anyOf(root, CLUSTER_FIELDS)) {
        others.put(file, "it has cluster_name but none of the fields of a MAIA cluster file (" + String.join(", ", CLUSTER_FIELDS) + ")");
        continue;
      } else if (root.has("cluster_name")) {
        named(file, "/cluster_name", ImportNames.clusterName(file.text("cluster_name")), "cluster", problems);
        clusters.add(file);
      } else if (root.has("group_ID") && !anyOf(root, FORM_FIELDS)) {
        others.put(file, "it has group_ID but none of the fields of a MAIA project form (" + String.join(", ", FORM_FIELDS) + ")");
        continue;
      } else if (root.has("group_ID")) {
        named(file, "/group_ID", ImportNames.projectName(file.text("group_ID")), "project", problems);
        forms.add(file);
      } else if (root.has("steps")) {
        others.put(file, "the installer's steps set up hosts and Kubernetes; platform.yaml starts from running clusters");
        continue;
      } else if (root.has("name") || root.has("env") || root.has("admins")) {
        overrides.add(file);
      } else {
        others.put(file, "it is no MAIA cluster file, project form, project override or env.json");
        continue;
      }
      read.add(file.path());
    }
    if (clusters.isEmpty()) {
      List<String> found = new ArrayList<>();
      others.keySet().forEach(f -> found.add(f.path()));
      forms.forEach(f -> found.add(f.path()));
      overrides.forEach(f -> found.add(f.path()));
      String notRead = found.isEmpty() ? "" : " (none of " + String.join(", ", found.stream().sorted().toList()) + " is one)";
      throw new ImportRefusedException(
          "no cluster file in " + from + ": MAIA describes each cluster in <cluster_name>.yaml with cluster_name and domain" + notRead);
    }
    for (UpstreamFile extra : envs.subList(Math.min(1, envs.size()), envs.size())) {
      others.put(extra, "only one env.json is read, " + envs.get(0).path());
    }
    InstallationMapper mapper = new InstallationMapper(notes);
    InstallationMapper.Mapped mapped = mapper.map(clusters, forms, overrides, envs.stream().findFirst());
    others.forEach(mapper::skipped);
    problems.addAll(mapper.placeholders());
    if (!problems.isEmpty()) {
      List<Problem> sorted = problems.stream().sorted().toList();
      throw new ImportRefusedException(
          "nothing was written: " + sorted.size() + (sorted.size() == 1 ? " value" : " values") + " of " + from + " can not be imported:\n  "
              + String.join("\n  ", sorted.stream().map(Problem::format).toList()),
          sorted);
    }

    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(PLATFORM_FILE, CanonicalYaml.write(List.of(mapped.platform()), HEADER));
    mapped.projects().forEach((name, project) -> {
      ObjectNode document = JsonNodeFactory.instance.objectNode();
      document.putArray("projects").add(project);
      files.put(PROJECTS + "/" + name + ".yaml", CanonicalYaml.write(List.of(document), HEADER));
    });
    files.put(NOTES_FILE, notes.markdown().getBytes(StandardCharsets.UTF_8));
    List<String> links = files.keySet().stream().flatMap(f -> linkOnTheWay(to, f).stream()).distinct().sorted().toList();
    if (!links.isEmpty()) {
      throw new ImportRefusedException(
          "nothing was written: " + String.join(", ", links) + (links.size() == 1 ? " is a symbolic link" : " are symbolic links")
              + " in " + to + ", and the import writes no file through a link; import into a folder without links (maia.import.to)");
    }
    List<String> existing = files.keySet().stream().filter(f -> Files.exists(to.resolve(f), LinkOption.NOFOLLOW_LINKS)).toList();
    if (!existing.isEmpty()) {
      throw new ImportRefusedException(
          "nothing was written: " + String.join(", ", existing) + (existing.size() == 1 ? " exists" : " exist")
              + " in " + to + "; import into an empty folder (maia.import.to), or move them away");
    }
    files.forEach((file, bytes) -> write(to.resolve(file), bytes));
    return new ImportResult(List.copyOf(files.keySet()), notes.lines(), read, List.of());
  }

  /** Fields of a MAIA cluster file besides cluster_name; a file with cluster_name and none of them is something else. */
  private static final List<String> CLUSTER_FIELDS = List.of("domain", "api", "argocd_destination_cluster_address", "k8s_distribution",
      "ingress_class", "maia_dashboard", "port_range", "gpu_specs", "storage_class", "shared_storage_class", "traefik_resolver",
      "nginx_cluster_issuer", "selfsigned", "keycloak");

  /** Fields of a MAIA project form besides group_ID. */
  private static final List<String> FORM_FIELDS =
      List.of("users", "resources_limits", "gpu_request", "group_subdomain", "cluster", "project_tier");

  private static boolean anyOf(JsonNode root, List<String> fields) {
    return fields.stream().anyMatch(root::has);
  }

  /** A problem when the field that names a cluster or project gives no name: the import never makes one up. */
  private static void named(UpstreamFile file, String pointer, String name, String what, List<Problem> problems) {
    if (!name.isEmpty()) {
      return;
    }
    JsonNode value = file.root().at(pointer);
    String given = value.isTextual() ? "'" + value.textValue() + "' gives no " + what + " name"
        : value.isContainerNode() ? "is a " + (value.isArray() ? "list" : "mapping") + ", not the " + what + "'s name"
        : value.isNull() ? "is empty" : "'" + value.asText() + "' gives no " + what + " name";
    problems.add(new Problem(file.location(pointer), pointer, ImportNotes.field(pointer) + " " + given
        + ": the " + what + " is named after it in lower case, with letters, digits and '-' ('_' becomes '-')",
        what.equals("project") ? "write the id of the project's group, such as 'Brain_Mets', and import again"
            : "write the cluster's name, such as 'maia-cluster', and import again"));
  }

  /**
   * Every YAML and JSON file under {@code from}, in path order, read as the compiler reads a platform
   * repo ({@link RepoReader}: regular files inside {@code from} after links, within the size limits);
   * the others, and unreadable ones, become notes.
   */
  private List<UpstreamFile> read(Path from, ImportNotes notes) {
    List<String> paths;
    RepoReader repo;
    try (Stream<Path> walk = Files.walk(from, MAX_DEPTH)) {
      repo = new RepoReader(from, "the folder imported from");
      paths =
          walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
              .filter(p -> p.getFileName().toString().matches("(?i).*\\.(ya?ml|json)"))
              .map(p -> from.relativize(p).toString().replace('\\', '/'))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + from + ": " + e.getMessage(), e);
    }
    List<UpstreamFile> files = new ArrayList<>();
    for (String relative : paths) {
      RepoReader.Result read = repo.read(relative);
      if (!(read instanceof RepoReader.Content content)) {
        notes.skipped(relative, read instanceof RepoReader.Refused refused ? refused.message() : "it disappeared while importing");
        continue;
      }
      YamlFileReader.Result result = reader.read(relative, content.bytes());
      if (!result.problems().isEmpty() || result.root() == null || !result.root().isObject()) {
        String why = result.problems().isEmpty() ? "it is not a mapping" : result.problems().get(0).message();
        notes.skipped(relative, why);
        continue;
      }
      files.add(new UpstreamFile(relative, result.root(), result.locations()));
    }
    return files;
  }

  /** The first folder on the way from {@code to} to {@code file} that is a symbolic link, if any. */
  private static java.util.Optional<String> linkOnTheWay(Path to, String file) {
    String[] segments = file.split("/");
    Path at = to;
    for (int i = 0; i < segments.length - 1; i++) {
      at = at.resolve(segments[i]);
      if (Files.isSymbolicLink(at)) {
        return java.util.Optional.of(to.relativize(at).toString().replace('\\', '/'));
      }
    }
    return java.util.Optional.empty();
  }

  /** Writes a new file atomically, never replacing one. */
  private static void write(Path target, byte[] bytes) {
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".tmp");
      try {
        Files.write(tmp, bytes);
        if (Files.exists(target)) {
          throw new ImportRefusedException(target + " appeared while importing; it was left as it is");
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
