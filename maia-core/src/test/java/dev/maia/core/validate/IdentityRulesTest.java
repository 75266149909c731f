package dev.maia.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityRulesTest {

  @TempDir Path dir;

  private static final String CLUSTERS =
      """
        argocd: {cluster: kth-main}
        clusters:
          - {name: kth-main, server: https://kubernetes.default.svc, domain: maia.cloud.kth.se}
      """;

  @Test
  void aKeycloakRealmsIssuerWithOrWithoutAContextPathIsFine() {
    // given
    String realm = "spec:\n  identity: {issuer: https://iam.example.org/realms/maia}\n" + CLUSTERS;
    String legacy = "spec:\n  identity: {issuer: 'https://iam.example.org:8443/auth/realms/maia'}\n" + CLUSTERS;

    // when
    var problems = new RuleFixture(dir).check(new IdentityRules(), realm);
    var legacyProblems = new RuleFixture(dir).check(new IdentityRules(), legacy);

    // then
    assertThat(problems).isEmpty();
    assertThat(legacyProblems).isEmpty();
  }

  @Test
  void anIssuerNeedsHttpsAHostAndARealmPathWithoutATrailingSlash() {
    // given
    var fixture = new RuleFixture(dir);

    // when
    var noRealm = fixture.check(new IdentityRules(), "spec:\n  identity: {issuer: 'https://iam.example.org/auth'}\n" + CLUSTERS);
    var bare = fixture.check(new IdentityRules(), "spec:\n  identity: {issuer: 'https://iam.example.org'}\n" + CLUSTERS);
    var slash = fixture.check(new IdentityRules(), "spec:\n  identity: {issuer: 'https://iam.example.org/realms/maia/'}\n" + CLUSTERS);
    var noHost = fixture.check(new IdentityRules(), "spec:\n  identity: {issuer: 'https://:8443/realms/maia'}\n" + CLUSTERS);
    var http = fixture.check(new IdentityRules(), "spec:\n  identity: {issuer: 'http://iam.example.org/realms/maia'}\n" + CLUSTERS);

    // then
    assertThat(noRealm).containsExactly(
        "platform.yaml:2:14 /spec/identity/issuer: issuer 'https://iam.example.org/auth' is not a Keycloak realm's issuer:"
            + " its path is '/auth', not /realms/<realm> (write the issuer of the platform's realm, such as"
            + " 'https://iam.example.org/realms/maia' (Keycloak shows it as issuer in <issuer>/.well-known/openid-configuration))");
    assertThat(bare).singleElement().asString().contains("its path is empty, not /realms/<realm>");
    assertThat(slash).containsExactly(
        "platform.yaml:2:14 /spec/identity/issuer: issuer 'https://iam.example.org/realms/maia/' ends with '/'; Keycloak's"
            + " issuer has none, and ArgoCD and the tools compare it exactly with the issuer of every token (write"
            + " 'https://iam.example.org/realms/maia')");
    assertThat(noHost).singleElement().asString().contains("issuer 'https://:8443/realms/maia' has no host");
    assertThat(http).singleElement().asString().contains("issuer 'http://iam.example.org/realms/maia' is not an https URL");
  }

  @Test
  void anEmptyGroupPrefixIsRefusedAndALeftOutOneIsTheDefault() {
    // given
    String empty = "spec:\n  identity: {issuer: https://iam.example.org/realms/maia, groupPrefix: ''}\n" + CLUSTERS
        + "  projects:\n    - {name: lung, cluster: kth-main}\n";

    // when
    var problems = new RuleFixture(dir).check(new IdentityRules(), empty);

    // then
    assertThat(problems).containsExactly(
        "platform.yaml:2:59 /spec/identity/groupPrefix: groupPrefix is empty, so a project's group would be its bare name,"
            + " such as 'lung', which any other group of the realm may be called (write a prefix only the platform's groups"
            + " start with, such as 'MAIA:', or leave groupPrefix out)");
  }

  @Test
  void everyProjectHasAGroupOfItsOwnAndNoneIsTheAdminGroup() {
    // given: 'admin' gets MAIA:admin from the prefix; heart names it; brain takes lung's group, and
    // so does the second lung (a project listed twice is NameRules' to report)
    String yaml = "spec:\n  identity: {issuer: https://iam.example.org/realms/maia}\n" + CLUSTERS
        + """
          projects:
            - {name: lung, cluster: kth-main}
            - {name: admin, cluster: kth-main}
            - {name: heart, cluster: kth-main, group: 'MAIA:admin'}
            - {name: brain, cluster: kth-main, group: 'MAIA:lung'}
            - {name: lung, cluster: kth-main}
            - {name: liver, cluster: kth-main, group: 'MAIA:liver-team'}
        """;

    // when
    var problems = new RuleFixture(dir).check(new IdentityRules(), yaml);

    // then
    assertThat(problems).containsExactly(
        "platform.yaml:8:8 /spec/projects/1/name: project 'admin' has group 'MAIA:admin' (identity.groupPrefix and its"
            + " name), the platform's admin group identity.adminGroup (the default); every member of the project would"
            + " administer the whole platform: role:admin in ArgoCD and admin in every project's namespace (rename the"
            + " project, give it a group of its own (group: ...), or change identity.adminGroup)",
        "platform.yaml:9:40 /spec/projects/2/group: project 'heart' has group 'MAIA:admin', the platform's admin group"
            + " identity.adminGroup (the default); every member of the project would administer the whole platform:"
            + " role:admin in ArgoCD and admin in every project's namespace (give the project a group of its own, or change"
            + " identity.adminGroup)",
        "platform.yaml:10:40 /spec/projects/3/group: project 'brain' has group 'MAIA:lung', like project 'lung' at"
            + " platform.yaml:7:8; the members of either would work in both: their namespaces, their tools and their"
            + " ArgoCD Applications (give each project a group of its own)");
  }

  @Test
  void anAdminGroupOfItsOwnNamesWhereItIsWritten() {
    // given
    String yaml = "spec:\n  identity: {issuer: https://iam.example.org/realms/maia, adminGroup: 'MAIA:lung'}\n" + CLUSTERS
        + "  projects:\n    - {name: lung, cluster: kth-main}\n";

    // when
    var problems = new RuleFixture(dir).check(new IdentityRules(), yaml);

    // then
    assertThat(problems).singleElement().asString()
        .startsWith("platform.yaml:7:8 /spec/projects/0/name: project 'lung' has group 'MAIA:lung' (identity.groupPrefix and"
            + " its name), the platform's admin group identity.adminGroup at platform.yaml:2:59;");
  }

  @Test
  void argocdsUrlIsAHostAndAtMostAPort() {
    // given
    var fixture = new RuleFixture(dir);
    String identity = "spec:\n  identity: {issuer: https://iam.example.org/realms/maia}\n";

    // when
    var port = fixture.check(new IdentityRules(), identity + CLUSTERS.replace("{cluster: kth-main}",
        "{cluster: kth-main, url: 'https://cd.example.org:8443'}"));
    var path = fixture.check(new IdentityRules(), identity + CLUSTERS.replace("{cluster: kth-main}",
        "{cluster: kth-main, url: 'https://cd.example.org/argocd'}"));
    var slash = fixture.check(new IdentityRules(), identity + CLUSTERS.replace("{cluster: kth-main}",
        "{cluster: kth-main, url: 'https://cd.example.org/'}"));
    var noHost = fixture.check(new IdentityRules(), identity + CLUSTERS.replace("{cluster: kth-main}",
        "{cluster: kth-main, url: 'https://:443'}"));

    // then
    assertThat(port).isEmpty();
    assertThat(path).containsExactly(
        "platform.yaml:3:31 /spec/argocd/url: ArgoCD's url 'https://cd.example.org/argocd' has the path '/argocd'; it is"
            + " the address of ArgoCD's host, and logins come back to <url>/auth/callback (write 'https://cd.example.org';"
            + " ArgoCD served under a path is not supported)");
    assertThat(slash).containsExactly(
        "platform.yaml:3:31 /spec/argocd/url: ArgoCD's url 'https://cd.example.org/' has a trailing '/'; it is the address"
            + " of ArgoCD's host, and logins come back to <url>/auth/callback (write 'https://cd.example.org')");
    assertThat(noHost).singleElement().asString().contains("url 'https://:443' has no host");
  }

  @Test
  void noProjectIsServedAtArgocdsHost() {
    // given: ArgoCD in namespace gitops, so a project may be called argocd, but not on ArgoCD's domain
    String yaml = "spec:\n  identity: {issuer: https://iam.example.org/realms/maia}\n"
        + CLUSTERS.replace("{cluster: kth-main}", "{cluster: kth-main, namespace: gitops}")
        + "  projects:\n    - {name: argocd, cluster: kth-main}\n";

    // when
    var problems = new RuleFixture(dir).check(new IdentityRules(), yaml);

    // then
    assertThat(problems).containsExactly(
        "platform.yaml:7:8 /spec/projects/0/name: project 'argocd' on cluster 'kth-main' would be served at"
            + " argocd.maia.cloud.kth.se, ArgoCD's host (the default, argocd.<domain of its cluster>); the ingress controller"
            + " would send both to one of them (rename the project, or set spec.argocd.url to another host)");
  }
}
