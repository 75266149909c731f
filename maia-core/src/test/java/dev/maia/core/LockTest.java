package dev.maia.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.maia.core.model.Lock.Slot;
import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.problem.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The allocation lock ({@code maia.lock}): ports are allocated deterministically from the
 * clusters' ranges, adding or removing users and projects never moves anyone else's port, a range
 * that runs out is a located problem, the lock is written only when it changes, and a frozen lock
 * fails instead of changing.
 */
class LockTest {

  private static final String HEAD =
      """
      apiVersion: maia/v1alpha1
      kind: Platform
      metadata: {name: lock-test}
      spec:
        gitops: {repoURL: https://git.example.org/maia/gitops.git}
        argocd: {cluster: one}
        identity: {issuer: https://iam.example.org/realms/maia}
        secrets: {store: {name: vault}}
        clusters:
          - name: one
            server: https://kubernetes.default.svc
            domain: one.example.org
            ports: {ssh: [30000, 30004], dicom: [31000, 31001]}
        projects:
      """;

  @TempDir Path dir;

  private final List<String> logged = new ArrayList<>();

  private final MaiaCompiler compiler =
      new MaiaCompiler(new MaiaLog() {
        @Override
        public void info(String message) {
          logged.add(message);
        }

        @Override
        public void warn(String message) {
          logged.add(message);
        }

        @Override
        public void debug(String message) {}
      });

  private Path write(String projects) throws IOException {
    Path file = dir.resolve("repo/platform.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, HEAD + projects, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * A project whose users each get an SSH port; one user server at a time fits its default
   * resources, and its storage holds the homes of up to eight users.
   */
  private static String project(String name, String... users) {
    return "    - name: " + name + "\n      cluster: one\n      users: [" + String.join(", ", users) + "]\n"
        + "      resources: {storage: 100Gi}\n"
        + "      tools: {workspace: {ssh: true, activeServerLimit: 1}, orthanc: {}}\n";
  }

  private GenerateResult generate(Path platform, boolean frozen) {
    return compiler.generate(new GenerateRequest(platform, dir.resolve("out"), GenerateExampleTest.NOW, frozen));
  }

  /** Every port of the current allocation, as {@code project/user -> port} ({@code dicom} for Orthanc). */
  private Map<String, Integer> ports(Path platform) {
    Map<String, Integer> result = new TreeMap<>();
    compiler.validate(platform).allocation().lock().ports().forEach((Slot slot, Integer port) ->
        result.put(slot.project() + "/" + (slot.user().isEmpty() ? "dicom" : slot.user()), port));
    return result;
  }

  @Test
  void aFirstRunAllocatesTheLowestPortsInSortedOrderAndWritesTheLock() throws IOException {
    // given
    Path platform = write(project("lung", "b@x.org", "A@x.org"));

    // when
    GenerateResult result = generate(platform, false);

    // then
    assertThat(ports(platform)).containsExactly(
        Map.entry("lung/a@x.org", 30000), Map.entry("lung/b@x.org", 30001), Map.entry("lung/dicom", 31000));
    assertThat(result.lockChanges()).hasSize(3).allSatisfy(c -> assertThat(c).startsWith("allocated "));
    assertThat(Files.readString(platform.resolveSibling("maia.lock")))
        .contains("kind: Lock", "a@x.org: 30000", "b@x.org: 30001", "lung: 31000");
    assertThat(logged).contains("Updated maia.lock: 3 port change(s).");
  }

  @Test
  void anUnchangedPlatformLeavesTheLockAlone() throws IOException {
    // given
    Path platform = write(project("lung", "a@x.org"));
    generate(platform, false);
    byte[] before = Files.readAllBytes(platform.resolveSibling("maia.lock"));
    logged.clear();

    // when
    GenerateResult second = generate(platform, false);

    // then
    assertThat(second.lockChanges()).isEmpty();
    assertThat(Files.readAllBytes(platform.resolveSibling("maia.lock"))).isEqualTo(before);
    assertThat(logged).noneMatch(line -> line.contains("maia.lock"));
  }

  @Test
  void addingUsersAndProjectsNeverMovesAnyoneElsesPort() throws IOException {
    // given
    Path platform = write(project("lung", "m@x.org", "n@x.org"));
    generate(platform, false);
    Map<String, Integer> before = ports(platform);

    // when: a user who sorts first, and a project that sorts first
    write(project("aaa", "z@x.org") + project("lung", "a@x.org", "m@x.org", "n@x.org"));
    generate(platform, false);
    Map<String, Integer> after = ports(platform);

    // then
    assertThat(after).containsAllEntriesOf(before);
    assertThat(after).containsEntry("aaa/z@x.org", 30002).containsEntry("lung/a@x.org", 30003).containsEntry("aaa/dicom", 31001);
  }

  @Test
  void removingUsersAndProjectsReleasesOnlyTheirPorts() throws IOException {
    // given
    Path platform = write(project("aaa", "z@x.org") + project("lung", "a@x.org", "m@x.org", "n@x.org"));
    generate(platform, false);
    Map<String, Integer> before = ports(platform);

    // when
    write(project("lung", "m@x.org", "n@x.org"));
    GenerateResult result = generate(platform, false);

    // then
    Map<String, Integer> after = ports(platform);
    before.keySet().retainAll(after.keySet());
    assertThat(after).isEqualTo(before);
    assertThat(result.lockChanges()).hasSize(3).allSatisfy(c -> assertThat(c).startsWith("released "));

    // and a newcomer takes the lowest free port, not a kept one
    write(project("lung", "m@x.org", "n@x.org", "o@x.org"));
    generate(platform, false);
    assertThat(ports(platform)).containsEntry("lung/o@x.org", 30000).containsAllEntriesOf(after);
  }

  @Test
  void anExhaustedRangeIsAProblemThatNamesTheRangeAndWritesNothing() throws IOException {
    // given: five ssh ports, six users
    Path platform = write(project("lung", "a@x.org", "b@x.org", "c@x.org", "d@x.org", "e@x.org", "f@x.org"));

    // when
    InvalidPlatformException thrown = catchThrowableOfType(InvalidPlatformException.class, () -> generate(platform, false));

    // then
    assertThat(thrown.problems()).extracting(Problem::format).containsExactly(
        "platform.yaml:13:15 /spec/clusters/0/ports/ssh: the ssh port range [30000, 30004] of cluster 'one' is exhausted:"
            + " 6 ports are needed, it has 5 (widen spec.clusters[0].ports.ssh, or turn ssh off in some projects)");
    assertThat(platform.resolveSibling("maia.lock")).doesNotExist();
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aFrozenLockFailsWhereItWouldChangeAndNothingIsWritten() throws IOException {
    // given
    Path platform = write(project("lung", "a@x.org"));
    generate(platform, false);
    Map<String, String> tree = GenerateExampleTest.tree(dir.resolve("out"));
    byte[] lock = Files.readAllBytes(platform.resolveSibling("maia.lock"));
    write(project("lung", "b@x.org"));

    // when
    InvalidPlatformException thrown = catchThrowableOfType(InvalidPlatformException.class, () -> generate(platform, true));

    // then: each change is located in the lock, a new entry where it would go
    assertThat(thrown.problems()).extracting(Problem::format).containsExactly(
        "maia.lock:9:7 /ports/one/ssh/lung/b@x.org: maia.lock is out of date: it would have allocated ssh port of b@x.org"
            + " in project 'lung' on cluster 'one': 30000 (run maia:generate without maia.lock.frozen and commit maia.lock)",
        "maia.lock:10:9 /ports/one/ssh/lung/a@x.org: maia.lock is out of date: it would have released ssh port of a@x.org"
            + " in project 'lung' on cluster 'one': 30000 (run maia:generate without maia.lock.frozen and commit maia.lock)");
    assertThat(Files.readAllBytes(platform.resolveSibling("maia.lock"))).isEqualTo(lock);
    assertThat(GenerateExampleTest.tree(dir.resolve("out"))).isEqualTo(tree);
  }

  @Test
  void aFrozenLockThatIsCurrentGenerates() throws IOException {
    // given
    Path platform = write(project("lung", "a@x.org"));
    generate(platform, false);

    // when
    GenerateResult result = generate(platform, true);

    // then
    assertThat(result.lockChanges()).isEmpty();
    assertThat(result.written()).isEmpty();
  }

  @Test
  void theOutputIsAFunctionOfTheLockFile() throws IOException {
    // given: the same platform with two different (valid) locks
    Path platform = write(project("lung", "a@x.org"));
    generate(platform, false);
    String first = Files.readString(dir.resolve("out/clusters/one/projects/lung/resources.yaml"));
    Path lock = platform.resolveSibling("maia.lock");
    Files.writeString(lock, Files.readString(lock).replace("a@x.org: 30000", "a@x.org: 30004"));

    // when
    generate(platform, true);

    // then: the hand-made port is kept and used
    String second = Files.readString(dir.resolve("out/clusters/one/projects/lung/resources.yaml"));
    assertThat(first).contains("nodePort: 30000");
    assertThat(second).contains("nodePort: 30004").doesNotContain("nodePort: 30000");
  }

  @Test
  void aPortOutsideANarrowedRangeMovesAndIsReported() throws IOException {
    // given
    Path platform = write(project("lung", "a@x.org"));
    generate(platform, false);
    Files.writeString(platform, Files.readString(platform).replace("ssh: [30000, 30004]", "ssh: [30002, 30004]"));

    // when
    GenerateResult result = generate(platform, false);

    // then
    assertThat(result.lockChanges()).containsExactly("moved ssh port of a@x.org in project 'lung' on cluster 'one' from 30000 to 30002 (outside the range)");
  }

  @Test
  void aBrokenLockFileIsAProblemAtItsLine() throws IOException {
    // given
    Path platform = write(project("lung", "a@x.org"));
    Files.writeString(platform.resolveSibling("maia.lock"), "apiVersion: maia/v1alpha1\nkind: Lock\nports:\n  one:\n    ssh:\n      lung:\n        a@x.org: many\n");

    // when
    InvalidPlatformException thrown = catchThrowableOfType(InvalidPlatformException.class, () -> compiler.validate(platform));

    // then
    assertThat(thrown.problems()).extracting(Problem::format).containsExactly(
        "maia.lock:7:9 /ports/one/ssh/lung/a@x.org: expected a port (an integer from 1 to 65535), got \"many\""
            + " (delete the entry (or the file); maia:generate allocates the port again)");
  }
}
