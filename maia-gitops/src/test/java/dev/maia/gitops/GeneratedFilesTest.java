package dev.maia.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maia.core.GenerateRequest;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.output.Hashes;
import dev.maia.core.output.RenderCache;
import dev.maia.core.output.TreeWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedFilesTest {

  private static final Path EXAMPLE = Path.of("..", "example-platform-repo", "platform.yaml");

  @TempDir Path out;
  private Map<String, String> index;

  @BeforeEach
  void generate() {
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(EXAMPLE, out, Instant.parse("2026-12-02T00:00:00Z")));
    index = new TreeWriter(out, Duration.ZERO).readIndex();
  }

  @Test
  void readsEveryIndexedFileAndTheIndexWithTheirHashes() {
    GeneratedFiles.Tree tree = GeneratedFiles.tree(out);

    Set<String> expected = new HashSet<>(index.keySet());
    expected.add(TreeWriter.INDEX);
    assertThat(tree.files().keySet()).isEqualTo(expected);
    assertThat(tree.sha256()).isEqualTo(index);
    index.forEach((path, sha) -> assertThat(Hashes.sha256(tree.files().get(path))).as(path).isEqualTo(sha));
  }

  @Test
  void aFileEditedAfterTheRunIsRefused() throws IOException {
    String cached = anyStamped();
    Files.writeString(out.resolve(cached), "# edited\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

    assertThatThrownBy(() -> GeneratedFiles.tree(out))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(cached + " in ")
        .hasMessageContaining("was changed after it was generated");
  }

  @Test
  void aFileTheRenderCacheDoesNotStampIsHashedEvenWithItsSizeAndTimeKept() throws IOException {
    Set<String> stamped = RenderCache.read(out).stamps().keySet();
    String unstamped = index.keySet().stream().filter(p -> !stamped.contains(p) && p.endsWith(".yaml")).findFirst().orElseThrow();
    sameSizeEdit(unstamped);

    assertThatThrownBy(() -> GeneratedFiles.tree(out)).hasMessageContaining(unstamped + " in ");
  }

  @Test
  void aFileAsTheRenderCacheStampedItIsTakenWithoutHashing() throws IOException {
    // the render cache's trust: same size and modification time as recorded means as generated
    // (a run would keep it without rendering it); such a file is not hashed again
    String cached = anyStamped();
    byte[] edited = sameSizeEdit(cached);

    assertThat(GeneratedFiles.tree(out).files().get(cached)).isEqualTo(edited);
  }

  private String anyStamped() {
    return RenderCache.read(out).stamps().keySet().stream().filter(p -> p.endsWith(".yaml")).sorted().findFirst().orElseThrow();
  }

  /** Changes the first byte of the file, keeping its size and its modification time. */
  private byte[] sameSizeEdit(String path) throws IOException {
    Path file = out.resolve(path);
    FileTime time = Files.getLastModifiedTime(file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[0] = (byte) (bytes[0] == '#' ? '%' : '#');
    Files.write(file, bytes);
    Files.setLastModifiedTime(file, time);
    return bytes;
  }
}
