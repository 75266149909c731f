package dev.maia.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The user names KubeSpawner's {@code escape} slug scheme makes (escapism with safe characters
 * {@code [a-z0-9]} and escape character {@code -}, then lower case), which SSH Services select on.
 */
class WorkspaceNamesTest {

  @ParameterizedTest
  @CsvSource({
    "radiologist@ki.se, radiologist-40ki-2ese",
    "Phd.Student@KTH.se, phd-2estudent-40kth-2ese",
    "first-last@x.org, first-2dlast-40x-2eorg",
    "a_b+c@x.org, a-5fb-2bc-40x-2eorg",
    "josé@x.org, jos-c3-a9-40x-2eorg",
  })
  void userLabelsFollowTheEscapeSlugScheme(String email, String label) {
    assertThat(WorkspaceNames.userLabel(email)).isEqualTo(label);
    assertThat(WorkspaceNames.isLabelValue(label)).isTrue();
  }

  @Test
  void escapingWritesEveryByteOfAMultiByteCharacterWithoutPadding() {
    assertThat(WorkspaceNames.escape("\u0001")).isEqualTo("-1");
    assertThat(WorkspaceNames.escape("日")).isEqualTo("-e6-97-a5");
    assertThat(WorkspaceNames.escape("😀")).isEqualTo("-f0-9f-98-80");
  }

  @Test
  void labelsThatKubernetesRejectsAreRecognised() {
    assertThat(WorkspaceNames.isLabelValue(WorkspaceNames.userLabel("_x@x.org"))).isFalse();
    assertThat(WorkspaceNames.isLabelValue(WorkspaceNames.userLabel("a".repeat(60) + "@x.org"))).isFalse();
  }

  @Test
  void sshServiceNamesAreDnsLabelsEvenForLongNames() {
    assertThat(WorkspaceNames.sshService("pi@kth.se")).isEqualTo("ssh-pi-40kth-2ese");
    String longName = WorkspaceNames.sshService("a.very.long.name.of.someone@department.university.example.org");
    assertThat(longName).hasSizeLessThanOrEqualTo(63).matches("^ssh-[a-z0-9-]+-[0-9a-f]{8}$");
    assertThat(longName).isNotEqualTo(WorkspaceNames.sshService("a.very.long.name.of.someone@department.university.example.com"));
  }
}
