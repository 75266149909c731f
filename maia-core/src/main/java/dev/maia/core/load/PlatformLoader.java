package dev.maia.core.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.model.SealedSecretFiles;
import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.validate.Suggestions;
import dev.maia.core.problem.Problem;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code platform.yaml} and the files its {@code spec.include} globs name, and merges them
 * into one document. Globs are relative to the platform file's folder (the platform repo), expand in
 * sorted path order, and may not leave the repo, not even through a symbolic link. A file may be
 * included once; an included file may include more files, and a cycle is an error.
 *
 * <p>An included file is a mapping of {@code spec} fields: lists ({@code projects}, {@code
 * bookings}, ...) are appended, mappings ({@code catalog}) are merged key by key, and a field set
 * twice is an error naming both places.
 */
public final class PlatformLoader {

  private static final String INCLUDE = "include";

  /** The folder of the platform repo whose files replace the built-in templates of the same path. */
  public static final String TEMPLATES = "templates";

  /** Folders of the platform repo that rendering reads files from: the site's template overrides and sealed secrets. */
  public static final List<String> SITE_FOLDERS = List.of(TEMPLATES, SealedSecretFiles.FOLDER);

  /** {@code ..} as a whole path segment, also as one alternative of a {@code {a,b}} group. */
  private static final Pattern PARENT_IN_GLOB = Pattern.compile("(^|[/{,])\\.\\.($|[/},])");

  private final YamlFileReader reader = new YamlFileReader();

  /** Loads and merges the platform, or throws {@link InvalidPlatformException} with every problem. */
  public LoadedPlatform load(Path platformFile) {
    return load(platformFile, glob -> false);
  }

  /**
   * Loads and merges the platform; an include pattern for which {@code mayMatchNothing} holds is no
   * problem when it matches no file ({@code maia:book} is about to write the first file of {@code
   * bookings/}). Every other pattern must match a file.
   */
  public LoadedPlatform load(Path platformFile, Predicate<String> mayMatchNothing) {
    return load(platformFile, mayMatchNothing, RepoReader.MAX_FILE_BYTES, RepoReader.MAX_TOTAL_BYTES);
  }

  /** Loads with other limits of the {@link RepoReader}, for tests. */
  LoadedPlatform load(Path platformFile, Predicate<String> mayMatchNothing, int maxFileBytes, long maxTotalBytes) {
    Path file = platformFile.toAbsolutePath().normalize();
    Path baseDir = file.getParent();
    String name = file.getFileName().toString();
    List<Problem> problems = new ArrayList<>();
    if (Files.isDirectory(file)) {
      throw invalid(SourceLocation.startOf(name), "the platform file is a directory", "point maia.platform at a YAML file");
    }
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw invalid(
          SourceLocation.startOf(name),
          "the platform file does not exist",
          "create it, or point maia.platform at an existing file");
    }
    RepoReader repo;
    try {
      repo = new RepoReader(baseDir, maxFileBytes, maxTotalBytes);
    } catch (IOException e) {
      throw invalid(SourceLocation.startOf(name), "cannot resolve the platform folder: " + e, null);
    }

    Session session = new Session(repo, problems, mayMatchNothing);
    YamlFileReader.Result root = session.readFile(name, SourceLocation.startOf(name), "");
    if (root == null || root.root() == null) {
      throw new InvalidPlatformException(problems);
    }
    if (!root.root().isObject()) {
      problems.add(new Problem(SourceLocation.startOf(name), "", "the platform must be a YAML mapping", null));
      throw new InvalidPlatformException(problems);
    }
    ObjectNode document = (ObjectNode) root.root();
    SourceMap.Builder sources = new SourceMap.Builder();
    sources.recordAll("", root.locations());
    Path realFile = realPath(file);
    session.included.add(realFile);

    JsonNode spec = document.get("spec");
    if (spec instanceof ObjectNode specObject) {
      session.expandIncludes(specObject, specObject.get(INCLUDE), "/spec/include", root.locations(), "/spec", sources, List.of(realFile));
    }
    // the site's files that rendering reads: checked now, so that nothing is rendered from a file that may not be read
    for (String folder : SITE_FOLDERS) {
      problems.addAll(repo.folder(folder).problems());
    }
    if (!problems.isEmpty()) {
      throw new InvalidPlatformException(problems);
    }
    return new LoadedPlatform(document, sources.build(SourceLocation.startOf(name)), repo, session.files);
  }

  private static InvalidPlatformException invalid(SourceLocation at, String message, String hint) {
    return new InvalidPlatformException(List.of(new Problem(at, "", message, hint)));
  }

  /** State of one load: files seen so far and problems. */
  private final class Session {
    private final RepoReader repo;
    private final Path baseDir;
    private final Path realBase;
    private final List<Problem> problems;
    private final Predicate<String> mayMatchNothing;
    private final Set<Path> included = new LinkedHashSet<>();
    private final List<String> files = new ArrayList<>();
    /** Where each top-level spec field was first set, for "set twice" messages. */
    private final Map<String, SourceLocation> fieldOrigins = new HashMap<>();

    Session(RepoReader repo, List<Problem> problems, Predicate<String> mayMatchNothing) {
      this.repo = repo;
      this.baseDir = repo.root();
      this.realBase = repo.realRoot();
      this.problems = problems;
      this.mayMatchNothing = mayMatchNothing;
    }

    /** An included file parsed ahead of its turn (see {@link #parseAhead}), and its size. */
    private record Ahead(int size, YamlFileReader.Result result) {}

    /** Included files parsed ahead of their turn, by path relative to the repo. */
    private final Map<String, Ahead> parsedAhead = new ConcurrentHashMap<>();

    /**
     * Parses the files one include pattern matched, in parallel: a large platform is thousands of
     * small project files. Only files the repo's reader reads are parsed, and only as many as fit in
     * what it may still read in all (by the sizes the file system reports); they are counted, and
     * anything else is read and reported by {@link #readFile} in include order. Merging stays in
     * order, so the result and its problems do not change.
     */
    private void parseAhead(List<Path> matches) {
      if (matches.size() < 2) {
        return;
      }
      long budget = repo.unread();
      List<String> ahead = new ArrayList<>();
      for (Path match : matches) {
        long size;
        try {
          size = Files.isRegularFile(match) ? Files.size(match) : 0;
        } catch (IOException e) {
          size = 0;
        }
        budget -= size;
        if (budget < 0) {
          break;
        }
        ahead.add(relative(match));
      }
      ahead.parallelStream().forEach(relative -> {
        try {
          if (repo.readUncounted(relative) instanceof RepoReader.Content content) {
            parsedAhead.put(relative, new Ahead(content.bytes().length, reader.read(relative, content.bytes())));
          }
        } catch (RuntimeException e) {
          // read again in order, where the problem is reported
        }
      });
    }

    /** Reads one file; a problem reading it is reported where it was asked for ({@code pointer}). */
    YamlFileReader.Result readFile(String relative, SourceLocation requestedAt, String pointer) {
      Ahead ahead = parsedAhead.remove(relative);
      YamlFileReader.Result result;
      if (ahead != null) {
        Optional<RepoReader.Refused> over = repo.count(relative, ahead.size());
        if (over.isPresent()) {
          problems.add(over.get().problem(requestedAt, pointer));
          return null;
        }
        result = ahead.result();
      } else {
        RepoReader.Result read = repo.read(relative);
        if (read instanceof RepoReader.Refused refused) {
          problems.add(refused.problem(requestedAt, pointer));
          return null;
        }
        if (!(read instanceof RepoReader.Content content)) {
          problems.add(new Problem(requestedAt, pointer, "cannot read " + relative + ": no such file", null));
          return null;
        }
        result = reader.read(relative, content.bytes());
      }
      files.add(relative);
      problems.addAll(result.problems());
      return result;
    }

    void expandIncludes(
        ObjectNode spec,
        JsonNode includeNode,
        String includePointer,
        Map<String, SourceLocation> includeLocations,
        String includeLocalPointer,
        SourceMap.Builder sources,
        List<Path> chain) {
      if (includeNode == null || !includeNode.isArray()) {
        return; // absent, or the schema reports the wrong type
      }
      String localList = includeLocalPointer + "/" + INCLUDE;
      for (int i = 0; i < includeNode.size(); i++) {
        JsonNode pattern = includeNode.get(i);
        SourceLocation at = locate(includeLocations, localList + "/" + i);
        String pointer = includePointer + "/" + i;
        if (!pattern.isTextual()) {
          continue; // the schema reports it
        }
        List<Path> matches = expand(pattern.asText(), at, pointer);
        parseAhead(matches);
        for (Path match : matches) {
          includeFile(spec, match, at, pointer, sources, chain);
        }
      }
    }

    private void includeFile(
        ObjectNode spec, Path match, SourceLocation at, String pointer, SourceMap.Builder sources, List<Path> chain) {
      String relative = relative(match);
      // a link that leads out of the repo, or to nothing, is refused by the repo's reader
      Path real = realPath(match);
      if (real.startsWith(realBase)) {
        if (chain.contains(real)) {
          String cycle = describe(chain.subList(chain.indexOf(real), chain.size())) + " -> " + relative;
          problems.add(new Problem(at, pointer, "include cycle: " + cycle, "remove one of the includes"));
          return;
        }
        if (!included.add(real)) {
          problems.add(new Problem(at, pointer, relative + " is included more than once", "make the include globs match each file once"));
          return;
        }
      }
      YamlFileReader.Result result = readFile(relative, at, pointer);
      if (result == null || result.root() == null) {
        return;
      }
      if (!result.root().isObject()) {
        problems.add(
            new Problem(
                SourceLocation.startOf(relative),
                "",
                "an included file must be a mapping of spec fields (for example 'projects: [...]')",
                null));
        return;
      }
      ObjectNode content = (ObjectNode) result.root();
      merge(spec, content, relative, result.locations(), sources);
      List<Path> deeper = new ArrayList<>(chain);
      deeper.add(real);
      expandIncludes(spec, content.get(INCLUDE), "/spec/include", result.locations(), "", sources, deeper);
    }

    private void merge(
        ObjectNode spec, ObjectNode content, String relative, Map<String, SourceLocation> locations, SourceMap.Builder sources) {
      Map<String, Integer> arrayOffsets = new HashMap<>();
      Set<String> wholeFields = new LinkedHashSet<>();
      Iterator<Map.Entry<String, JsonNode>> fields = content.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = field.getKey();
        JsonNode value = field.getValue();
        if (key.equals(INCLUDE)) {
          continue;
        }
        SourceLocation here = locate(locations, "/" + YamlFileReader.escape(key));
        JsonNode existing = spec.get(key);
        if (existing == null) {
          spec.set(key, value);
          fieldOrigins.putIfAbsent(key, here);
          wholeFields.add(key);
        } else if (existing.isArray() && value.isArray()) {
          arrayOffsets.put(key, existing.size());
          ((ArrayNode) existing).addAll((ArrayNode) value);
        } else if (existing.isObject() && value.isObject()) {
          Iterator<Map.Entry<String, JsonNode>> members = value.fields();
          while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            String memberPointer = "/spec/" + YamlFileReader.escape(key) + "/" + YamlFileReader.escape(member.getKey());
            if (existing.has(member.getKey())) {
              problems.add(
                  new Problem(
                      locate(locations, "/" + YamlFileReader.escape(key) + "/" + YamlFileReader.escape(member.getKey())),
                      memberPointer,
                      "'" + key + "." + member.getKey() + "' is already set elsewhere in the platform",
                      "set each field in one file only"));
            } else {
              ((ObjectNode) existing).set(member.getKey(), member.getValue());
            }
          }
          wholeFields.add(key); // member pointers keep their names, so relocation is a plain prefix
        } else {
          SourceLocation first = fieldOrigins.get(key);
          problems.add(
              new Problem(
                  here,
                  "/spec/" + YamlFileReader.escape(key),
                  "'" + key + "' is already set" + (first == null ? " in the platform file" : " at " + first),
                  "set each field in one file only; only lists and mappings are merged"));
        }
      }
      // One pass over the file's locations: shift list items by the length the list had before.
      for (Map.Entry<String, SourceLocation> entry : locations.entrySet()) {
        String local = entry.getKey();
        if (local.isEmpty()) {
          continue;
        }
        int slash = local.indexOf('/', 1);
        String key = unescape(slash < 0 ? local.substring(1) : local.substring(1, slash));
        if (wholeFields.contains(key)) {
          sources.record("/spec" + local, entry.getValue());
        } else if (arrayOffsets.containsKey(key) && slash >= 0) {
          int next = local.indexOf('/', slash + 1);
          String indexText = next < 0 ? local.substring(slash + 1) : local.substring(slash + 1, next);
          String rest = next < 0 ? "" : local.substring(next);
          int index = Integer.parseInt(indexText) + arrayOffsets.get(key);
          sources.record("/spec" + local.substring(0, slash) + "/" + index + rest, entry.getValue());
        }
      }
    }

    /** Files matching one glob, sorted by their path relative to the repo. */
    private List<Path> expand(String pattern, SourceLocation at, String pointer) {
      String glob = pattern.strip();
      if (glob.isEmpty()) {
        problems.add(new Problem(at, pointer, "an include pattern is empty", "write a glob such as 'projects/*.yaml'"));
        return List.of();
      }
      if (glob.startsWith("/") || glob.contains("\\") || glob.matches("^[A-Za-z]:.*")) {
        problems.add(new Problem(at, pointer, "include '" + glob + "' is not a relative path", "write it relative to the platform file, such as 'projects/*.yaml'"));
        return List.of();
      }
      List<String> segments = List.of(glob.split("/"));
      if (segments.contains("..") || PARENT_IN_GLOB.matcher(glob).find()) {
        problems.add(new Problem(at, pointer, "include '" + glob + "' leaves the platform repo", "includes may only name files inside the folder of the platform file"));
        return List.of();
      }
      int fixed = 0;
      while (fixed < segments.size() - 1 && !isGlob(segments.get(fixed))) {
        fixed++;
      }
      Path start = baseDir;
      for (int i = 0; i < fixed; i++) {
        start = start.resolve(segments.get(i));
      }
      if (Files.isSymbolicLink(start)) {
        linkedFolder(glob, start, at, pointer);
        return List.of();
      }
      if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
        matchesNothing(glob, segments, fixed, at, pointer);
        return List.of();
      }
      int depth = glob.contains("**") ? Integer.MAX_VALUE : segments.size() - fixed;
      PathMatcher matcher = baseDir.getFileSystem().getPathMatcher("glob:" + glob);
      TreeMap<String, Path> sorted = new TreeMap<>();
      List<Path> linkedFolders = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(start, depth, new FileVisitOption[0])) {
        walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
            .forEach(
                p -> {
                  Path rel = baseDir.relativize(p);
                  if (matcher.matches(rel)) {
                    sorted.put(relative(p), p); // whatever it is: the repo's reader refuses all but regular files
                  } else if (Files.isDirectory(p) && mayMatchBelow(glob, segments, rel)) {
                    linkedFolders.add(p);
                  }
                });
      } catch (IOException | RuntimeException e) {
        problems.add(new Problem(at, pointer, "cannot expand include '" + glob + "': " + e.getMessage(), null));
        return List.of();
      }
      linkedFolders.stream().sorted().forEach(link -> linkedFolder(glob, link, at, pointer));
      if (sorted.isEmpty() && linkedFolders.isEmpty()) {
        matchesNothing(glob, segments, fixed, at, pointer);
      }
      return List.copyOf(sorted.values());
    }

    /**
     * Whether files below {@code folder} (a symbolic link to a folder, which the walk does not
     * enter) could match the glob: it matches the glob's first segments, or the glob has {@code **}.
     */
    private boolean mayMatchBelow(String glob, List<String> segments, Path folder) {
      if (glob.contains("**")) {
        return true;
      }
      int depth = folder.getNameCount();
      if (depth >= segments.size()) {
        return false;
      }
      String prefix = String.join("/", segments.subList(0, depth));
      return baseDir.getFileSystem().getPathMatcher("glob:" + prefix).matches(folder);
    }

    /**
     * A pattern that matches no file drops every file it was meant to add: a problem, unless the
     * caller allows it for this pattern. The hint names the folder that is missing, with the
     * closest one there is, or what the folder holds.
     */
    private void matchesNothing(String glob, List<String> segments, int fixed, SourceLocation at, String pointer) {
      if (mayMatchNothing.test(glob)) {
        return;
      }
      if (!isGlob(glob)) {
        problems.add(new Problem(at, pointer, "include '" + glob + "' names no file", "fix the path, or remove the include"));
        return;
      }
      problems.add(new Problem(at, pointer, "include '" + glob + "' matches no file", noMatchHint(glob, segments, fixed)));
    }

    private String noMatchHint(String glob, List<String> segments, int fixed) {
      Path folder = baseDir;
      for (int i = 0; i < fixed; i++) {
        Path next = folder.resolve(segments.get(i));
        if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
          Optional<String> close = Suggestions.closest(segments.get(i), entries(folder, true));
          if (close.isEmpty()) {
            return "there is no folder " + relative(next) + "; fix the pattern, or remove the include";
          }
          List<String> corrected = new ArrayList<>(segments);
          corrected.set(i, close.get());
          return "there is no folder " + relative(next) + "; did you mean '" + String.join("/", corrected) + "'?";
        }
        folder = next;
      }
      List<String> files = entries(folder, false);
      String where = fixed == 0 ? "the folder of the platform file" : relative(folder) + "/";
      if (files.isEmpty()) {
        return where + " holds no file; fix the pattern, or remove the include";
      }
      String held = files.size() <= 3 ? String.join(", ", files) : String.join(", ", files.subList(0, 3)) + " and " + (files.size() - 3) + " more";
      return where + " holds " + held + ", and none of them matches; fix the pattern, or remove the include";
    }

    /** The names of the folders (or of the other entries) directly in {@code folder}, sorted. */
    private List<String> entries(Path folder, boolean folders) {
      try (Stream<Path> list = Files.list(folder)) {
        return list.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) == folders)
            .map(p -> p.getFileName().toString())
            .sorted()
            .toList();
      } catch (IOException | RuntimeException e) {
        return List.of();
      }
    }

    /** Folders reached through a symbolic link are not walked; one that leaves the repo is an error. */
    private void linkedFolder(String glob, Path link, SourceLocation at, String pointer) {
      String name = relative(link);
      Path target;
      try {
        target = link.toRealPath();
      } catch (IOException e) {
        problems.add(new Problem(at, pointer, "include '" + glob + "' goes through " + name + ", a broken symbolic link", null));
        return;
      }
      if (!target.startsWith(realBase)) {
        problems.add(
            new Problem(
                at,
                pointer,
                "include '" + glob + "' goes through " + name + ", a symbolic link to a folder outside the platform repo",
                "includes may not leave the folder of the platform file, not even through a symbolic link"));
      } else {
        problems.add(
            new Problem(
                at,
                pointer,
                "include '" + glob + "' goes through " + name + ", a symbolic link; links to folders are not followed",
                "include '" + realBase.relativize(target).toString().replace('\\', '/') + glob.substring(name.length()) + "' instead"));
      }
    }

    private String relative(Path path) {
      Path rel = baseDir.relativize(path.toAbsolutePath().normalize());
      return rel.toString().replace('\\', '/');
    }

    private String describe(List<Path> chain) {
      return String.join(" -> ", chain.stream().map(p -> p.startsWith(realBase) ? realBase.relativize(p).toString().replace('\\', '/') : p.toString()).toList());
    }
  }

  private static boolean isGlob(String segment) {
    return segment.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  private static Path realPath(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      return file;
    }
  }

  private static SourceLocation locate(Map<String, SourceLocation> locations, String pointer) {
    String p = pointer;
    while (true) {
      SourceLocation l = locations.get(p);
      if (l != null || p.isEmpty()) {
        return l != null ? l : new SourceLocation("?", 1, 1);
      }
      int slash = p.lastIndexOf('/');
      p = slash <= 0 ? "" : p.substring(0, slash);
    }
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
