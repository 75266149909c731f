package dev.maia.gitops.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;

class BlobIdTest {

  @Test
  void isGitsBlobId() {
    // git hash-object of "hello\n" and of an empty file
    assertThat(BranchSnapshot.blobId("hello\n".getBytes(StandardCharsets.UTF_8)).name())
        .isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
    assertThat(BranchSnapshot.blobId(new byte[0]).name()).isEqualTo("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  }

  @Test
  void agreesWithJGitOnFilesOfEverySize() {
    Random random = new Random(7);
    try (ObjectInserter.Formatter jgit = new ObjectInserter.Formatter()) {
      for (int size : new int[] {1, 55, 56, 63, 64, 65, 4096, 1_000_003}) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        assertThat(BranchSnapshot.blobId(bytes)).isEqualTo(jgit.idFor(Constants.OBJ_BLOB, bytes));
      }
    }
  }
}
