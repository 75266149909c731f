package dev.maia.gitops.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maia.core.output.Hashes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobIdsTest {

  @TempDir Path temp;

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anIdIsRememberedByTheFilesHashForTheNextRun() {
    Path file = temp.resolve("cache").resolve(BlobIds.FILE);
    byte[] a = bytes("a: 1\n");
    BlobIds first = BlobIds.read(file, Map.of("a.yaml", Hashes.sha256(a)));
    assertThat(first.of("a.yaml", a)).isEqualTo(BranchSnapshot.blobId(a));
    first.write();

    // the next run takes the id by the hash; the bytes are not looked at (so other bytes show it)
    BlobIds second = BlobIds.read(file, Map.of("a.yaml", Hashes.sha256(a)));
    assertThat(second.of("a.yaml", bytes("something else\n"))).isEqualTo(BranchSnapshot.blobId(a));
  }

  @Test
  void onlyTheIdsUsedInARunAreKept() {
    Path file = temp.resolve(BlobIds.FILE);
    byte[] a = bytes("a: 1\n");
    byte[] b = bytes("b: 2\n");
    BlobIds first = BlobIds.read(file, Map.of("a.yaml", Hashes.sha256(a)));
    first.of("a.yaml", a);
    first.write();
    BlobIds second = BlobIds.read(file, Map.of("b.yaml", Hashes.sha256(b)));
    second.of("b.yaml", b);
    second.write();

    byte[] other = bytes("other\n");
    assertThat(BlobIds.read(file, Map.of("a.yaml", Hashes.sha256(a))).of("a.yaml", other)).isEqualTo(BranchSnapshot.blobId(other));
    assertThat(BlobIds.read(file, Map.of("b.yaml", Hashes.sha256(b))).of("b.yaml", other)).isEqualTo(BranchSnapshot.blobId(b));
  }

  @Test
  void aDamagedMemoOrAFileWithoutHashIsHashed() throws IOException {
    Path file = temp.resolve(BlobIds.FILE);
    byte[] a = bytes("a: 1\n");
    Files.write(file, bytes("maibgarbage"));
    assertThat(BlobIds.read(file, Map.of("a.yaml", Hashes.sha256(a))).of("a.yaml", a)).isEqualTo(BranchSnapshot.blobId(a));
    assertThat(BlobIds.read(file, Map.of()).of("maia-index.json", a)).isEqualTo(BranchSnapshot.blobId(a));
  }
}
