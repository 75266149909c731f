package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameRulesTest {

  private static final String NOT_A_LABEL =
      " is not a DNS-1123 label: use lowercase letters a-z, digits and '-', starting and ending with a letter or digit";

  @TempDir Path dir;

  @Test
  void acceptsDistinctValidNames() {
    // given
    String yaml =
        """
        metadata:
          name: kth-ki
        spec:
          clusters:
            - name: kth-main
            - name: ki-hospital
          projects:
            - name: brain-mets
            - name: vertebra-ct
          bookings:
            - {id: b-1, project: brain-mets, start: 2026-01-01T00:00:00Z, end: 2026-01-02T00:00:00Z}
            - {id: b-2, project: brain-mets, start: 2026-01-01T00:00:00Z, end: 2026-01-02T00:00:00Z}
          hpc:
            - name: alvis
        """;

    // when
    var problems = new RuleFixture(dir).check(new NameRules(), yaml);

    // then
    assertThat(problems).isEmpty();
  }

  @Test
  void duplicateProjectAcrossFilesNamesTheFirst() {
    // given
    RuleFixture fixture =
        new RuleFixture(dir)
            .file("projects/a.yaml", "projects:\n  - name: brain-mets\n")
            .file("projects/b.yaml", "projects:\n  - name: vertebra-ct\n  - name: brain-mets\n");

    // when
    var problems = fixture.check(new NameRules(), "spec:\n  include: [projects/*.yaml]\n");

    // then
    assertThat(problems)
        .containsExactly(
            "projects/b.yaml:3:5 /spec/projects/2/name: project 'brain-mets' is already defined at"
                + " projects/a.yaml:2:5 (rename or remove one of them)");
  }

  @Test
  void duplicateClusterBookingAndHpcNamesPointAtTheSecond() {
    // given
    String yaml =
        """
        spec:
          clusters:
            - name: kth-main
            - name: kth-main
          bookings:
            - {id: b-1, start: 2026-01-01T00:00:00Z, end: 2026-01-02T00:00:00Z}
            - {id: b-1, start: 2026-01-01T00:00:00Z, end: 2026-01-02T00:00:00Z}
          hpc:
            - name: alvis
            - name: alvis
        """;

    // when
    var problems = new RuleFixture(dir).check(new NameRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:4:7 /spec/clusters/1/name: cluster 'kth-main' is already defined at platform.yaml:3:7"
                + " (rename or remove one of them)",
            "platform.yaml:7:8 /spec/bookings/1/id: booking 'b-1' is already defined at platform.yaml:6:8"
                + " (rename or remove one of them)",
            "platform.yaml:10:7 /spec/hpc/1/name: HPC system 'alvis' is already defined at platform.yaml:9:7"
                + " (rename or remove one of them)");
  }

  @Test
  void namesMustBeDnsLabels() {
    // given
    String yaml =
        """
        metadata:
          name: KTH-KI
        spec:
          clusters:
            - name: ../etc
          projects:
            - name: Brain-Mets
            - name: LONG
          hpc:
            - name: alvis_1
        """
            .replace("LONG", "a".repeat(64));

    // when
    var problems = new RuleFixture(dir).check(new NameRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:2:3 /metadata/name: platform name 'KTH-KI'" + NOT_A_LABEL + " (for example 'kth-ki')",
            "platform.yaml:5:7 /spec/clusters/0/name: cluster name '../etc'" + NOT_A_LABEL + " (for example 'etc')",
            "platform.yaml:7:7 /spec/projects/0/name: project name 'Brain-Mets'" + NOT_A_LABEL + " (for example 'brain-mets')",
            "platform.yaml:8:7 /spec/projects/1/name: project name '"
                + "a".repeat(64)
                + "' has 64 characters; a DNS-1123 label has at most 63 (shorten it)",
            "platform.yaml:10:7 /spec/hpc/0/name: HPC system name 'alvis_1'" + NOT_A_LABEL + " (for example 'alvis-1')");
  }

  @Test
  void projectNamesLeaveRoomForDerivedNames() {
    // given a 41-character project name, and a 41-character cluster name, which is fine
    String yaml =
        """
        spec:
          clusters:
            - name: CLUSTER
          projects:
            - name: PROJECT
        """
            .replace("CLUSTER", "c".repeat(41))
            .replace("PROJECT", "p".repeat(41));

    // when
    var problems = new RuleFixture(dir).check(new NameRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:5:7 /spec/projects/0/name: project name '"
                + "p".repeat(41)
                + "' has 41 characters; a project name may have at most 40, because names derived from it"
                + " such as '<project>-label-studio-postgresql' must fit in 63 (shorten it)");
  }

  @Test
  void namesThatDifferOnlyAfterNormalisationAreBothReported() {
    // given
    String yaml =
        """
        spec:
          projects:
            - name: brain-mets
            - name: brain_mets
        """;

    // when
    var problems = new RuleFixture(dir).check(new NameRules(), yaml);

    // then
    String rule = ": names may not differ only in case, '_' versus '-' or look-alike characters (rename one of them)";
    assertThat(problems)
        .containsExactly(
            "platform.yaml:3:7 /spec/projects/0/name: project 'brain-mets' collides with 'brain_mets' at platform.yaml:4:7" + rule,
            "platform.yaml:4:7 /spec/projects/1/name: project 'brain_mets' collides with 'brain-mets' at platform.yaml:3:7" + rule,
            "platform.yaml:4:7 /spec/projects/1/name: project name 'brain_mets'" + NOT_A_LABEL + " (for example 'brain-mets')");
  }

  @Test
  void aCollisionGroupOfThreeNamesTheOtherTwo() {
    // given the second name has a Cyrillic 'а'
    String yaml =
        """
        spec:
          clusters:
            - name: kth-main
            - name: kth-m\u0430in
            - name: KTH_Main
        """;

    // when
    var problems = new RuleFixture(dir).check(new NameRules(), yaml);

    // then the Cyrillic letter is spelled out, since it looks like the Latin one
    String cyrillic = "'kth-m\u0430in' (with U+0430 CYRILLIC SMALL LETTER A)";
    String rule = ": names may not differ only in case, '_' versus '-' or look-alike characters (rename one of them)";
    assertThat(problems)
        .filteredOn(p -> p.contains("collides"))
        .containsExactly(
            "platform.yaml:3:7 /spec/clusters/0/name: cluster 'kth-main' collides with " + cyrillic + " at platform.yaml:4:7"
                + " and 'KTH_Main' at platform.yaml:5:7" + rule,
            "platform.yaml:4:7 /spec/clusters/1/name: cluster " + cyrillic + " collides with 'kth-main' at platform.yaml:3:7"
                + " and 'KTH_Main' at platform.yaml:5:7" + rule,
            "platform.yaml:5:7 /spec/clusters/2/name: cluster 'KTH_Main' collides with 'kth-main' at platform.yaml:3:7"
                + " and " + cyrillic + " at platform.yaml:4:7" + rule);
  }

  @Test
  void normalisationFoldsWidthAccentsCaseAndSeparators() {
    assertThat(NameRules.normalise("\uff22rain_M\u00e9ts")).isEqualTo("brain-mets");
    assertThat(NameRules.normalise("v\u0435rtebra.ct")).isEqualTo("vertebra-ct");
    assertThat(NameRules.normalise("brain-mets")).isEqualTo("brain-mets");
    assertThat(NameRules.normalise("brain-mets2")).isNotEqualTo(NameRules.normalise("brain-mets"));
  }

  @Test
  void anHpcSystemNameLeavesRoomForItsWorkspaceVolume() {
    // given: 55 characters fit, 56 do not ('hpc-' + name + '-ssh' is a volume name)
    String fits = "h".repeat(55);
    String tooLong = "h".repeat(56);
    String yaml = "spec:\n  hpc:\n    - name: " + fits + "\n    - name: " + tooLong + "\n";

    // when
    var problems = new RuleFixture(dir).check(new NameRules(), yaml);

    // then
    assertThat(problems)
        .containsExactly(
            "platform.yaml:4:7 /spec/hpc/1/name: HPC system name '" + tooLong + "' has 56 characters; an HPC system name may"
                + " have at most 55, because the workspace volume 'hpc-<name>-ssh' must fit in 63 (shorten it)");
  }
}
