package dev.maia.core.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.problem.Problem;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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

  /** {@code ..} as a whole path segment, also as one alternative of a {@code {a,b}} group. */
  private static final Pattern PARENT_IN_GLOB = Pattern.compile("(^|[/{,])\\.\\.($|[/},])");

  private final YamlFileReader reader = new YamlFileReader();

  /** Loads and merges the platform, or throws {@link InvalidPlatformException} with every problem. */
  public LoadedPlatform load(Path platformFile) {
    Path file = platformFile.toAbsolutePath().normalize();
    Path baseDir = file.getParent();
    String name = file.getFileName().toString();
    List<Problem> problems = new ArrayList<>();
    if (Files.isDirectory(file)) {
      throw invalid(SourceLocation.startOf(name), "the platform file is a directory", "point maia.platform at a YAML file");
    }
    if (!Files.exists(file)) {
      throw invalid(
          SourceLocation.startOf(name),
          "the platform file does not exist",
          "create it, or point maia.platform at an existing file");
    }
    Path realBase;
    try {
      realBase = baseDir.toRealPath();
    } catch (IOException e) {
      throw invalid(SourceLocation.startOf(name), "cannot resolve the platform folder: " + e, null);
    }

    Session session = new Session(baseDir, realBase, problems);
    YamlFileReader.Result root = session.readFile(file, name, SourceLocation.startOf(name), "");
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
    if (!problems.isEmpty()) {
      throw new InvalidPlatformException(problems);
    }
    return new LoadedPlatform(document, sources.build(SourceLocation.startOf(name)), baseDir, session.files);
  }

  private static InvalidPlatformException invalid(SourceLocation at, String message, String hint) {
    return new InvalidPlatformException(List.of(new Problem(at, "", message, hint)));
  }

  /** State of one load: files seen so far and problems. */
  private final class Session {
    private final Path baseDir;
    private final Path realBase;
    private final List<Problem> problems;
    private final Set<Path> included = new LinkedHashSet<>();
    private final List<String> files = new ArrayList<>();
    /** Where each top-level spec field was first set, for "set twice" messages. */
    private final Map<String, SourceLocation> fieldOrigins = new HashMap<>();

    Session(Path baseDir, Path realBase, List<Problem> problems) {
      this.baseDir = baseDir;
      this.realBase = realBase;
      this.problems = problems;
    }

    /** Included files parsed ahead of their turn (see {@link #parseAhead}), by path as matched. */
    private final Map<Path, YamlFileReader.Result> parsedAhead = new ConcurrentHashMap<>();

    /**
     * Parses the files one include pattern matched, in parallel: a large platform is thousands of
     * small project files. Only regular files inside the repo of at most the size limit are read;
     * anything else, and any failure, is left to {@link #readFile} in include order, which reports
     * it. Merging stays in order, so the result and its problems do not change.
     */
    private void parseAhead(List<Path> matches) {
      if (matches.size() < 2) {
        return;
      }
      matches.parallelStream().forEach(match -> {
        try {
          Path real = match.toRealPath();
          if (real.startsWith(realBase) && Files.isRegularFile(real) && Files.size(real) <= YamlFileReader.MAX_FILE_BYTES) {
            parsedAhead.put(match, reader.read(relative(match), Files.readAllBytes(real)));
          }
        } catch (IOException | RuntimeException e) {
          // read again in order, where the problem is reported
        }
      });
    }

    /** Reads one file; a problem reading it is reported where it was asked for ({@code pointer}). */
    YamlFileReader.Result readFile(Path file, String relative, SourceLocation requestedAt, String pointer) {
      YamlFileReader.Result ahead = parsedAhead.remove(file);
      if (ahead != null) {
        files.add(relative);
        problems.addAll(ahead.problems());
        return ahead;
      }
      byte[] bytes;
      try {
        long size = Files.size(file);
        if (size > YamlFileReader.MAX_FILE_BYTES) {
          problems.add(
              new Problem(
                  SourceLocation.startOf(relative),
                  "",
                  "the file is " + size + " bytes; a platform file may have at most " + YamlFileReader.MAX_FILE_BYTES,
                  "split the platform into smaller files with spec.include"));
          return null;
        }
        bytes = Files.readAllBytes(file);
      } catch (AccessDeniedException e) {
        problems.add(new Problem(requestedAt, pointer, "cannot read " + relative + ": permission denied", "make the file readable"));
        return null;
      } catch (NoSuchFileException e) {
        problems.add(new Problem(requestedAt, pointer, "cannot read " + relative + ": no such file", null));
        return null;
      } catch (IOException e) {
        problems.add(new Problem(requestedAt, pointer, "cannot read " + relative + ": " + e.getMessage(), null));
        return null;
      }
      files.add(relative);
      YamlFileReader.Result result = reader.read(relative, bytes);
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
      Path real;
      try {
        real = match.toRealPath();
      } catch (IOException e) {
        problems.add(new Problem(at, pointer, "cannot resolve " + relative + ": " + e.getMessage(), null));
        return;
      }
      if (!real.startsWith(realBase)) {
        problems.add(
            new Problem(
                at,
                pointer,
                relative + " resolves to a file outside the platform repo",
                "includes may not leave the folder of the platform file, not even through a symbolic link"));
        return;
      }
      if (chain.contains(real)) {
        String cycle = describe(chain.subList(chain.indexOf(real), chain.size())) + " -> " + relative;
        problems.add(new Problem(at, pointer, "include cycle: " + cycle, "remove one of the includes"));
        return;
      }
      if (!included.add(real)) {
        problems.add(new Problem(at, pointer, relative + " is included more than once", "make the include globs match each file once"));
        return;
      }
      YamlFileReader.Result result = readFile(match, relative, at, pointer);
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
        if (!isGlob(glob)) {
          problems.add(new Problem(at, pointer, "include '" + glob + "' names no file", "fix the path, or remove the include"));
        }
        return List.of();
      }
      int depth = glob.contains("**") ? Integer.MAX_VALUE : segments.size() - fixed;
      PathMatcher matcher = baseDir.getFileSystem().getPathMatcher("glob:" + glob);
      TreeMap<String, Path> sorted = new TreeMap<>();
      try (Stream<Path> walk = Files.walk(start, depth, new FileVisitOption[0])) {
        walk.filter(p -> !Files.isDirectory(p))
            .forEach(
                p -> {
                  Path rel = baseDir.relativize(p);
                  if (matcher.matches(rel)) {
                    sorted.put(relative(p), p);
                  }
                });
      } catch (IOException | RuntimeException e) {
        problems.add(new Problem(at, pointer, "cannot expand include '" + glob + "': " + e.getMessage(), null));
        return List.of();
      }
      if (sorted.isEmpty() && !isGlob(glob)) {
        problems.add(new Problem(at, pointer, "include '" + glob + "' names no file", "fix the path, or remove the include"));
      }
      return List.copyOf(sorted.values());
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
