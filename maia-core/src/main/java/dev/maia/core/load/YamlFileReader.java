package dev.maia.core.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.maia.core.problem.Problem;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML file into a Jackson tree while remembering where every node was written. Limits
 * keep hostile input cheap: file size, nesting depth, no aliases (so no alias bombs), one document.
 * Problems are collected, never thrown, so a caller can report them with everything else. Used for
 * platform files and for the files {@code maia:import} reads.
 */
public final class YamlFileReader {

  /** Larger platform files are refused before parsing; split a platform with {@code include}. */
  static final int MAX_FILE_BYTES = RepoReader.MAX_FILE_BYTES;

  static final int MAX_NESTING_DEPTH = 64;

  /** More problems in one file are counted, not listed. */
  static final int MAX_PROBLEMS_PER_FILE = 100;

  /**
   * The most digits a number may have written out in full: as many as the longest number literal
   * the parser takes. {@code 1e999999999} is eleven characters but a billion digits, which would
   * take the memory of the run when a quantity is written out.
   */
  static final int MAX_NUMBER_DIGITS = 64;

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private final YAMLFactory factory;

  public YamlFileReader() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // detected below, with both locations
    options.setMaxAliasesForCollections(0);
    options.setNestingDepthLimit(MAX_NESTING_DEPTH);
    options.setCodePointLimit(MAX_FILE_BYTES);
    options.setAllowRecursiveKeys(false);
    this.factory =
        YAMLFactory.builder()
            .loaderOptions(options)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_DIGITS)
                    .maxStringLength(MAX_FILE_BYTES)
                    .build())
            .build();
  }

  /** The tree of one file, its node locations (pointers relative to the file's root) and problems. */
  public record Result(JsonNode root, Map<String, SourceLocation> locations, List<Problem> problems) {}

  /** Reads {@code bytes}, the content of {@code file} (the name locations carry). */
  public Result read(String file, byte[] bytes) {
    List<Problem> problems = new ArrayList<>();
    Map<String, SourceLocation> locations = new HashMap<>();
    if (bytes.length > MAX_FILE_BYTES) {
      problems.add(
          new Problem(
              SourceLocation.startOf(file),
              "",
              "the file is " + bytes.length + " bytes; a platform file may have at most " + MAX_FILE_BYTES,
              "split the platform into smaller files with spec.include"));
      return new Result(null, locations, problems);
    }
    String text;
    try {
      text = decodeUtf8(bytes);
    } catch (CharacterCodingException e) {
      problems.add(
          new Problem(
              locationOfByte(file, bytes, firstBadByte(bytes)),
              "",
              "the file is not valid UTF-8",
              "save it as UTF-8"));
      return new Result(null, locations, problems);
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1); // a BOM is allowed by YAML and ignored
    }
    if (text.isBlank() || onlyComments(text)) {
      problems.add(
          new Problem(SourceLocation.startOf(file), "", "the file is empty", "write a YAML mapping, or remove the file"));
      return new Result(null, locations, problems);
    }
    YAMLParser parser = null;
    try {
      parser = (YAMLParser) factory.createParser(text);
      JsonToken first = parser.nextToken();
      JsonNode root = readValue(parser, file, first, "", locations, problems);
      if (parser.nextToken() != null) {
        problems.add(
            new Problem(
                location(file, parser),
                "",
                "the file holds more than one YAML document",
                "keep one document per file; use spec.include for more files"));
      }
      return new Result(root, locations, capped(file, problems));
    } catch (StreamConstraintsException e) {
      problems.add(limitProblem(file, parser, e));
      return new Result(null, locations, capped(file, problems));
    } catch (JsonProcessingException e) {
      problems.add(syntaxProblem(file, e));
      return new Result(null, locations, capped(file, problems));
    } catch (IOException e) {
      problems.add(new Problem(SourceLocation.startOf(file), "", "cannot read YAML: " + e.getMessage(), null));
      return new Result(null, locations, capped(file, problems));
    } finally {
      closeQuietly(parser);
    }
  }

  /**
   * The first {@value #MAX_PROBLEMS_PER_FILE} problems of a file, and one that counts the rest: a
   * file of a million aliases or repeated keys costs a million small problems to find, not a
   * message of a million lines.
   */
  private static List<Problem> capped(String file, List<Problem> problems) {
    if (problems.size() <= MAX_PROBLEMS_PER_FILE) {
      return problems;
    }
    List<Problem> shown = new ArrayList<>(problems.stream().sorted().limit(MAX_PROBLEMS_PER_FILE).toList());
    Problem last = shown.get(shown.size() - 1);
    SourceLocation after = new SourceLocation(file, last.location().line(), last.location().column() + 1);
    shown.add(
        new Problem(
            after,
            last.pointer(),
            (problems.size() - MAX_PROBLEMS_PER_FILE) + " more problems in " + file + " are not shown",
            "fix the ones shown and run again"));
    return shown;
  }

  /** A limit of the parser (nesting, number length) as a problem where the parser stopped. */
  private static Problem limitProblem(String file, YAMLParser parser, StreamConstraintsException e) {
    SourceLocation where = parser == null ? SourceLocation.startOf(file) : location(file, parser);
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (message.contains("nesting depth")) {
      return new Problem(
          where,
          "",
          "the document is nested more than " + MAX_NESTING_DEPTH + " levels deep",
          "a platform file needs far fewer levels; check the indentation and the brackets");
    }
    if (message.contains("Number value length")) {
      return new Problem(
          where,
          "",
          "a number has more than " + MAX_NUMBER_DIGITS + " digits",
          "no value of a platform needs so many; write the number you mean");
    }
    return new Problem(where, "", "the file is beyond a limit of the YAML reader: " + cleanMessage(e), null);
  }

  private static void closeQuietly(YAMLParser parser) {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException e) {
        // reading from a string: nothing to release
      }
    }
  }

  private JsonNode readValue(
      YAMLParser p,
      String file,
      JsonToken token,
      String pointer,
      Map<String, SourceLocation> locations,
      List<Problem> problems)
      throws IOException {
    SourceLocation here = location(file, p);
    locations.putIfAbsent(pointer, here);
    if (p.isCurrentAlias()) {
      problems.add(
          new Problem(
              here,
              pointer,
              "YAML aliases (*" + p.getText() + ") are not supported in platform files",
              "write the value out, or move shared parts into an included file"));
      return NODES.nullNode();
    }
    switch (token) {
      case START_OBJECT:
        {
          ObjectNode object = NODES.objectNode();
          Map<String, SourceLocation> keys = new HashMap<>();
          JsonToken t;
          while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            SourceLocation keyAt = location(file, p);
            String child = pointer + "/" + escape(name);
            JsonToken valueToken = p.nextToken();
            SourceLocation first = keys.putIfAbsent(name, keyAt);
            if (first != null) {
              problems.add(
                  new Problem(
                      keyAt,
                      child,
                      "duplicate key '" + name + "' (first defined at " + first.line() + ":" + first.column() + ")",
                      "remove one of them"));
              readValue(p, file, valueToken, child + "#duplicate", new HashMap<>(), problems);
              continue;
            }
            locations.putIfAbsent(child, keyAt);
            object.set(name, readValue(p, file, valueToken, child, locations, problems));
          }
          return object;
        }
      case START_ARRAY:
        {
          ArrayNode array = NODES.arrayNode();
          JsonToken t;
          int index = 0;
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            array.add(readValue(p, file, t, pointer + "/" + index, locations, problems));
            index++;
          }
          return array;
        }
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return NODES.numberNode(p.getIntValue());
          case LONG:
            return NODES.numberNode(p.getLongValue());
          default:
            return NODES.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        {
          BigDecimal value = p.getDecimalValue().stripTrailingZeros();
          if (digitsWrittenOut(value) > MAX_NUMBER_DIGITS) {
            problems.add(
                new Problem(
                    here,
                    pointer,
                    "the number " + p.getText() + " has more than " + MAX_NUMBER_DIGITS + " digits when written out",
                    "no value of a platform needs so many; write the number you mean"));
            return NODES.nullNode();
          }
          // 1e3 and 8.0 are integers: as such the schema compares them exactly with its bounds
          return value.scale() <= 0 ? NODES.numberNode(value.toBigIntegerExact()) : NODES.numberNode(value);
        }
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT:
        problems.add(
            new Problem(here, pointer, "a YAML tag such as !!binary is not supported in platform files", "write the value as plain text"));
        return NODES.nullNode();
      default:
        throw new IOException("unexpected YAML token " + token);
    }
  }

  /** How many digits {@code value} (without trailing zeros) has in plain notation. */
  private static long digitsWrittenOut(BigDecimal value) {
    long scale = value.scale();
    return scale <= 0 ? value.precision() - scale : Math.max(value.precision(), scale);
  }

  private static SourceLocation location(String file, JsonParser p) {
    JsonLocation at = p.currentTokenLocation();
    return new SourceLocation(file, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
  }

  /** RFC 6901 escaping of one reference token. */
  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
    return chars.toString();
  }

  private static int firstBadByte(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    var result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : 0;
  }

  private static SourceLocation locationOfByte(String file, byte[] bytes, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new SourceLocation(file, line, offset - lineStart + 1);
  }

  private static boolean onlyComments(String text) {
    return text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#") || l.equals("---"));
  }

  /**
   * A YAML syntax error, located where SnakeYAML found the problem (Jackson's own location can be a
   * line early), with SnakeYAML's problem and the context it was in.
   */
  private static Problem syntaxProblem(String file, JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      Mark mark = marked.getProblemMark();
      SourceLocation where = new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
      String problem = marked.getProblem() == null ? "" : marked.getProblem().strip();
      if (problem.contains("(TAB)")) {
        return new Problem(where, "", "invalid YAML: a tab character where YAML expects spaces", "indent with spaces, not tabs");
      }
      String context = marked.getContext();
      Mark contextMark = marked.getContextMark();
      String startsAt =
          contextMark == null ? "" : " that starts at " + (contextMark.getLine() + 1) + ":" + (contextMark.getColumn() + 1);
      String within = context == null ? "" : " (" + context.strip() + startsAt + ")";
      return new Problem(where, "", "invalid YAML: " + problem + within, null);
    }
    JsonLocation at = e.getLocation();
    SourceLocation where =
        at == null || at.getLineNr() < 1
            ? SourceLocation.startOf(file)
            : new SourceLocation(file, at.getLineNr(), Math.max(1, at.getColumnNr()));
    return new Problem(where, "", "invalid YAML: " + cleanMessage(e), null);
  }

  private static String cleanMessage(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    // SnakeYAML repeats the position as " in 'reader', line 3, column 5:" plus a snippet; we print our own.
    String firstLine = message.lines().findFirst().orElse(message).strip();
    if (firstLine.startsWith("Expected a field name")) {
      // Jackson's words for "? [a, b]: c", with the name of a SnakeYAML event class
      return "a mapping key must be plain text, not a list or a mapping";
    }
    return firstLine.isEmpty() ? message.strip() : firstLine;
  }
}
