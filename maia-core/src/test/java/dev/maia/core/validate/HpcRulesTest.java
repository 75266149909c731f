package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maia.core.model.WorkspaceNames;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HpcRulesTest {

  @TempDir Path dir;

  @Test
  void membersOfAnyListedProjectMayHaveAnAccountWrittenInAnyCase() {
    // given: an admin of one listed project, a user of the other, one of them in another case
    String yaml =
        """
        spec:
          projects:
            - {name: lung, users: [a@x.org], admins: [Pi@X.org]}
            - {name: liver, users: [b@x.org]}
            - {name: heart, users: [c@x.org]}
          hpc:
            - name: alvis
              projects: [lung, liver]
              users: {pi@x.org: x_pi, b@x.org: x_b}
            - name: tetralith
              projects: [heart]
              credentials: {shared: {user: maia-heart}}
        """;

    // when
    var problems = new RuleFixture(dir).check(new HpcRules(), yaml);

    // then: a@x.org has no account, which is allowed (every goal warns about it)
    assertThat(problems).isEmpty();
  }

  @Test
  void everyAccountThatIsNotOnePersonsOwnIsReportedAtItsEntry() {
    // given
    String yaml =
        """
        spec:
          projects:
            - {name: lung, users: [a@x.org, b@x.org, c@x.org]}
          hpc:
            - name: alvis
              projects: [lung]
              users:
                a@x.org: x_shared
                b@x.org: x_shared
                c@x.org: x_shared
                A@X.ORG: x_a
                d@x.org: x_d
        """;

    // when
    var problems = new RuleFixture(dir).check(new HpcRules(), yaml);

    // then
    String one = "; an account on HPC system 'alvis' belongs to one person (give each member their own account, or opt into"
        + " one shared account with credentials.shared)";
    assertThat(problems).containsExactly(
        "platform.yaml:9:9 /spec/hpc/0/users/b@x.org: user name 'x_shared' is already the account of 'a@x.org' (at"
            + " platform.yaml:8:9)" + one,
        "platform.yaml:10:9 /spec/hpc/0/users/c@x.org: user name 'x_shared' is already the account of 'a@x.org' (at"
            + " platform.yaml:8:9)" + one,
        "platform.yaml:11:9 /spec/hpc/0/users/A@X.ORG: 'A@X.ORG' is listed twice (first at platform.yaml:8:9): JupyterHub"
            + " and the identity provider compare addresses ignoring case (list each person once)",
        "platform.yaml:12:9 /spec/hpc/0/users/d@x.org: 'd@x.org' is not a member of a project that HPC system 'alvis' lists"
            + " ('lung') (did you mean 'a@x.org'?)");
  }

  @Test
  void aMemberWhoseSecretNameWouldBeTooLongIsReported() {
    // given: a system name of 55 characters and an address whose dots and dashes KubeSpawner escapes to three characters each
    String system = "a".repeat(55);
    String member = "a.".repeat(31) + "ab@" + "d-e-f-g-h.".repeat(6) + "example.org";
    String yaml = "spec:\n  projects:\n    - {name: lung, users: [" + member + "]}\n  hpc:\n    - name: " + system
        + "\n      projects: [lung]\n      users: {" + member + ": x_long}\n";

    // when
    var problems = new RuleFixture(dir).check(new HpcRules(), yaml);

    // then
    assertThat(problems).singleElement().asString()
        .startsWith("platform.yaml:7:15 /spec/hpc/0/users/" + member + ": the key of '" + member + "' would be the Secret 'hpc-"
            + system + "-ssh.a-2ea-2ea")
        .endsWith("that is not a Kubernetes name (" + (system.length() + 9 + escapedLength(member)) + " characters, at most 253)"
            + " (the address is too long for a Secret of its own: per-person HPC credentials need a shorter one)");
  }

  private static int escapedLength(String member) {
    return WorkspaceNames.userLabel(member).length();
  }
}
