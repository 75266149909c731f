package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailRulesTest {

  @TempDir Path dir;

  @Test
  void reportsInvalidAndRepeatedAddresses() {
    // given
    String yaml =
        """
        spec:
          projects:
            - name: brain-mets
              users: [radiologist@ki.se, radiologist(at)ki.se, Radiologist@KI.se]
              admins: [pi@kth.se, radiologist@ki.se, "pi@kth"]
          bookings:
            - {id: b-1, user: "phd student@kth.se", start: 2026-12-01T00:00:00Z, end: 2026-12-08T00:00:00Z}
        """;

    // when
    var problems = new RuleFixture(dir).check(new EmailRules(), yaml);

    // then
    String twice = " (list each person once, in users or in admins)";
    String fix = " (write it as name@example.org)";
    assertThat(problems)
        .containsExactly(
            "platform.yaml:4:34 /spec/projects/0/users/1: 'radiologist(at)ki.se' is not a valid e-mail address" + fix,
            "platform.yaml:4:56 /spec/projects/0/users/2: 'Radiologist@KI.se' is listed twice in project 'brain-mets'"
                + " (first at platform.yaml:4:15)" + twice,
            "platform.yaml:5:27 /spec/projects/0/admins/1: 'radiologist@ki.se' is listed twice in project 'brain-mets'"
                + " (first at platform.yaml:4:15)" + twice,
            "platform.yaml:5:46 /spec/projects/0/admins/2: 'pi@kth' is not a valid e-mail address" + fix,
            "platform.yaml:7:17 /spec/bookings/0/user: 'phd student@kth.se' is not a valid e-mail address" + fix);
  }

  @Test
  void theSamePersonMayWorkInSeveralProjects() {
    // given
    String yaml =
        """
        spec:
          projects:
            - {name: a, users: [pi@kth.se]}
            - {name: b, users: [pi@kth.se], admins: [boss@kth.se]}
        """;

    // when
    var problems = new RuleFixture(dir).check(new EmailRules(), yaml);

    // then
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"pi@kth.se", "phd.student@kth.se", "first.last+maia@ki.example.org", "o'neil@uni-x.de", "A@B.CO"})
  void acceptsAddresses(String address) {
    assertThat(Emails.isValid(address)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "pi", "pi@", "@kth.se", "pi@kth", "pi@@kth.se", "pi@kth..se", ".pi@kth.se", "pi.@kth.se", "p i@kth.se",
        "pi@-kth.se", "pi@kth.se.", "pi@kth.s3", "\"pi\"@kth.se", "pi@[10.0.0.1]"
      })
  void refusesAddresses(String address) {
    assertThat(Emails.isValid(address)).isFalse();
  }
}
