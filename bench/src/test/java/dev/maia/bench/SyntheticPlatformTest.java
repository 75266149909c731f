package dev.maia.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.ValidPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticPlatformTest {

  @TempDir Path tmp;

  @Test
  void theSameSeedWritesTheSameBytesAndTheResultIsAValidPlatform() throws IOException {
    // given
    SyntheticPlatform synthetic = new SyntheticPlatform(12, 3, 3, 10, 42);

    // when
    synthetic.write(tmp.resolve("a"));
    synthetic.write(tmp.resolve("b"));
    ValidPlatform valid = new MaiaCompiler(MaiaLog.silent()).validate(tmp.resolve("a/platform.yaml"), SyntheticPlatform.EPOCH);

    // then
    assertThat(files(tmp.resolve("b"))).isEqualTo(files(tmp.resolve("a")));
    assertThat(valid.platform().projects()).hasSize(12);
    assertThat(valid.platform().clusters()).hasSize(3);
    assertThat(valid.platform().bookings()).hasSize(10);
    assertThat(valid.platform().projects().get(0).tools()).containsOnlyKeys("workspace", "minio", "mlflow");
  }

  @Test
  void asManyBookingsAsUsersStayValidWhenTheyOutnumberAClustersGpus() {
    // given: 200 bookings of one GPU on one cluster of 64
    SyntheticPlatform synthetic = new SyntheticPlatform(100, 1, 1, 200, 7);

    // when
    synthetic.write(tmp.resolve("full"));
    ValidPlatform valid = new MaiaCompiler(MaiaLog.silent()).validate(tmp.resolve("full/platform.yaml"), SyntheticPlatform.EPOCH);

    // then
    assertThat(valid.platform().bookings()).hasSize(200);
  }

  @Test
  void aPlatformWithoutBookingsIsValid() {
    // given: the bench's platforms of every size have none
    SyntheticPlatform synthetic = new SyntheticPlatform(20, 20, 3, 0, 1);

    // when
    synthetic.write(tmp.resolve("none"));
    ValidPlatform valid = new MaiaCompiler(MaiaLog.silent()).validate(tmp.resolve("none/platform.yaml"), SyntheticPlatform.EPOCH);

    // then
    assertThat(valid.platform().bookings()).isEmpty();
    assertThat(valid.platform().projects()).hasSize(20);
  }

  @Test
  void moreBookingsThanUsersAreRefused() {
    assertThatThrownBy(() -> new SyntheticPlatform(10, 1, 1, 21, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bookings <= 2 x projects");
  }

  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readString(p));
      }
    }
    return files;
  }
}
