package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.maia.core.validate.InvalidPlatformException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same input, same bytes: reruns, another split into files, another order of projects. */
class GenerateStabilityTest {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  @TempDir Path tmp;

  private final MaiaCompiler compiler = new MaiaCompiler(MaiaLog.silent());

  private GenerateResult generate(Path platform, Path out) {
    return compiler.generate(new GenerateRequest(platform, out, GenerateExampleTest.NOW));
  }

  @Test
  void aSecondRunWritesNothing() throws IOException {
    // given
    Path out = tmp.resolve("out");
    generate(TestPaths.examplePlatform(), out);
    Map<String, String> first = GenerateExampleTest.tree(out);

    // when
    GenerateResult second = generate(TestPaths.examplePlatform(), out);

    // then
    assertThat(second.written()).isEmpty();
    assertThat(second.removed()).isEmpty();
    assertThat(second.unchanged()).isEqualTo(first.size() - 1);
    assertThat(GenerateExampleTest.tree(out)).isEqualTo(first);
  }

  @Test
  void oneFileWithShuffledListsGivesTheSameBytesAsTheSplitExample() throws IOException {
    // given: the example merged into a single platform.yaml, projects and clusters shuffled
    ObjectNode merged = compiler.validate(TestPaths.examplePlatform()).loaded().document().deepCopy();
    ObjectNode spec = (ObjectNode) merged.get("spec");
    spec.remove("include");
    for (String list : List.of("projects", "clusters", "bookings")) {
      List<JsonNode> items = new ArrayList<>();
      spec.get(list).forEach(items::add);
      Collections.shuffle(items, new Random(7));
      ArrayNode shuffled = spec.putArray(list);
      items.forEach(shuffled::add);
    }
    Path single = tmp.resolve("single/platform.yaml");
    Files.createDirectories(single.getParent());
    Files.write(single, YAML.writeValueAsBytes(merged));

    // when
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    generate(TestPaths.examplePlatform(), a);
    generate(single, b);

    // then
    assertThat(GenerateExampleTest.tree(b)).isEqualTo(GenerateExampleTest.tree(a));
  }

  @Test
  void defaultLocaleAndTimeZoneDoNotChangeTheOutput() throws IOException {
    // given
    Path reference = tmp.resolve("reference");
    generate(TestPaths.examplePlatform(), reference);
    java.util.Locale locale = java.util.Locale.getDefault();
    java.util.TimeZone zone = java.util.TimeZone.getDefault();
    Map<String, Map<String, String>> trees = new java.util.TreeMap<>();
    try {
      for (String[] setting : List.of(new String[] {"tr", "TR", "Pacific/Kiritimati"}, new String[] {"de", "DE", "America/Adak"})) {
        // when
        java.util.Locale.setDefault(new java.util.Locale(setting[0], setting[1]));
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(setting[2]));
        Path out = tmp.resolve(setting[0]);
        generate(TestPaths.examplePlatform(), out);
        trees.put(setting[0], GenerateExampleTest.tree(out));
      }
    } finally {
      java.util.Locale.setDefault(locale);
      java.util.TimeZone.setDefault(zone);
    }

    // then
    assertThat(trees.values()).allSatisfy(tree -> assertThat(tree).isEqualTo(GenerateExampleTest.tree(reference)));
  }

  @Test
  void everySplitOfThePlatformIntoIncludedFilesGivesTheSameBytes() throws Exception {
    // given: one platform written as one file, and split two ways (see SplitPlatformTest)
    Map<String, Map<String, String>> trees = new java.util.TreeMap<>();

    // when
    for (String split : List.of("one-file", "mixed", "by-kind")) {
      Path out = tmp.resolve(split);
      generate(Path.of(GenerateStabilityTest.class.getResource("/valid/" + split + "/platform.yaml").toURI()), out);
      trees.put(split, GenerateExampleTest.tree(out));
    }

    // then
    assertThat(trees.get("one-file")).hasSizeGreaterThan(20);
    assertThat(trees.get("mixed")).isEqualTo(trees.get("one-file"));
    assertThat(trees.get("by-kind")).isEqualTo(trees.get("one-file"));
  }

  @Test
  void includedFilesCreatedInAnotherOrderGiveTheSameBytes() throws Exception {
    // given: the by-kind split copied twice, its files created in opposite orders and with opposite
    // modification times, so that a folder listing (which some file systems give in creation order)
    // differs between the copies; the loader sorts what a glob matches
    Path source = Path.of(GenerateStabilityTest.class.getResource("/valid/by-kind").toURI());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(source)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<Path> reversed = new ArrayList<>(files);
    Collections.reverse(reversed);
    Path forward = copyInOrder(source, files, tmp.resolve("forward"));
    Path backward = copyInOrder(source, reversed, tmp.resolve("backward"));

    // when
    generate(forward.resolve("platform.yaml"), tmp.resolve("out-forward"));
    generate(backward.resolve("platform.yaml"), tmp.resolve("out-backward"));

    // then
    assertThat(GenerateExampleTest.tree(tmp.resolve("out-backward"))).isEqualTo(GenerateExampleTest.tree(tmp.resolve("out-forward")));
  }

  private static Path copyInOrder(Path source, List<Path> files, Path target) throws IOException {
    long time = 1_700_000_000_000L;
    for (Path file : files) {
      Path copy = target.resolve(source.relativize(file).toString());
      Files.createDirectories(copy.getParent());
      Files.copy(file, copy);
      Files.setLastModifiedTime(copy, java.nio.file.attribute.FileTime.fromMillis(time += 60_000));
    }
    return target;
  }

  @Test
  void invalidInputLeavesThePreviousTreeUntouched() throws IOException {
    // given
    Path out = tmp.resolve("out");
    generate(TestPaths.examplePlatform(), out);
    Map<String, String> before = GenerateExampleTest.tree(out);
    Path broken = tmp.resolve("broken/platform.yaml");
    Files.createDirectories(broken.getParent());
    Files.writeString(broken, Files.readString(TestPaths.examplePlatform()).replace("kind: Platform", "kind: Platform\nkind: Twice"));

    // when / then
    assertThatThrownBy(() -> generate(broken, out)).isInstanceOf(InvalidPlatformException.class);
    assertThat(GenerateExampleTest.tree(out)).isEqualTo(before);
    assertThat(out.resolve(".maia/staging")).doesNotExist();
  }

  @Test
  void everyGeneratedYamlFileReadsBackAndRewritesToTheSameBytes() throws IOException {
    // given
    Path out = tmp.resolve("out");
    generate(TestPaths.examplePlatform(), out);

    // when / then
    try (Stream<Path> files = Files.walk(out)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        byte[] bytes = Files.readAllBytes(file);
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(bytes)) {
          YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
        }
        assertThat(new String(dev.maia.core.output.CanonicalYaml.write(docs), StandardCharsets.UTF_8))
            .as(out.relativize(file).toString())
            .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
      }
    }
  }
}
