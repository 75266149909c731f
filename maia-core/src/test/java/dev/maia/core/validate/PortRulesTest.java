package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortRulesTest {

  @TempDir Path dir;

  @Test
  void rangesLieInTheNodePortRangeAndDoNotOverlap() {
    // given
    String yaml =
        """
        spec:
          clusters:
            - name: kth-main
              ports: {ssh: [30000, 30999], dicom: [30900, 31099]}
            - name: ki-hospital
              ports: {ssh: [29000, 32768], dicom: [32500, 32400]}
            - name: third
              ports: {dicom: [30500, 30600]}
            - name: fourth
              ports: {ssh: [32000, 32499], dicom: [32500, 32767]}
        """;

    // when
    var problems = new RuleFixture(dir).check(new PortRules(), yaml);

    // then
    String nodePorts = " (Kubernetes allocates NodePorts from 30000-32767 by default; choose ports in it)";
    assertThat(problems)
        .containsExactly(
            "platform.yaml:4:36 /spec/clusters/0/ports/dicom: dicom ports [30900, 31099] overlap ssh ports"
                + " [30000, 30999] at platform.yaml:4:15 (choose ranges that do not overlap)",
            "platform.yaml:6:21 /spec/clusters/1/ports/ssh/0: ssh port 29000 is outside the NodePort range 30000-32767"
                + nodePorts,
            "platform.yaml:6:28 /spec/clusters/1/ports/ssh/1: ssh port 32768 is outside the NodePort range 30000-32767"
                + nodePorts,
            "platform.yaml:6:36 /spec/clusters/1/ports/dicom: dicom port range [32500, 32400] is empty: 32500 is greater"
                + " than 32400 (write [from, to] with from <= to)",
            "platform.yaml:8:15 /spec/clusters/2/ports/dicom: dicom ports [30500, 30600] overlap the default ssh ports"
                + " [30000, 30999] (choose ranges that do not overlap)");
  }
}
