package dev.maia.core.plan.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The parts the desired state is written in: each below a ConfigMap's 1 MiB, stable under change. */
class KeycloakRealmTest {

  /** A realm of {@code projects} projects of {@code members} people, each with one client on two clusters. */
  private static KeycloakRealm realm(int projects, int members) {
    List<KeycloakRealm.Group> groups = new ArrayList<>();
    groups.add(new KeycloakRealm.Group("MAIA:admin", Optional.empty(), Optional.empty()));
    List<KeycloakRealm.Client> clients = new ArrayList<>();
    for (int p = 0; p < projects; p++) {
      String name = String.format(Locale.ROOT, "p%05d", p);
      List<String> people = new ArrayList<>();
      for (int m = 0; m < members; m++) {
        people.add("person." + m + "@" + name + ".example.org");
      }
      groups.add(new KeycloakRealm.Group("MAIA:" + name, Optional.of(people), Optional.of(name)));
      clients.add(new KeycloakRealm.Client("maia-" + name + "-workspace", "JupyterHub of project " + name,
          List.of("https://" + name + ".c00.example.org/hub/oauth_callback", "https://" + name + ".c01.example.org/hub/oauth_callback"),
          name, "workspace", "projects/" + name + "/workspace", "oidc-client-secret"));
    }
    return new KeycloakRealm("synthetic", "https://iam.example.org", "maia", groups, clients);
  }

  private static int bytes(KeycloakRealm part) {
    return part.json().toString().getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void aSmallPlatformIsOnePart() {
    // when
    List<KeycloakRealm> parts = realm(3, 2).parts();

    // then
    assertThat(parts).singleElement().isEqualTo(realm(3, 2));
  }

  @Test
  void tenThousandProjectsAreWrittenInPartsThatEachFitAConfigMapAndTogetherHoldEverything() {
    // given: some 2.9 MB of desired state, near three times what a ConfigMap may hold
    KeycloakRealm whole = realm(10_000, 2);
    assertThat(bytes(whole)).isGreaterThan(2_500_000);

    // when
    List<KeycloakRealm> parts = whole.parts();

    // then: 16 parts of about 180 kB, the admin group in the first
    assertThat(parts).hasSize(16);
    assertThat(parts).allSatisfy(part -> assertThat(bytes(part)).isLessThan(KeycloakRealm.PART_BYTES + KeycloakRealm.PART_BYTES / 4));
    assertThat(parts.get(0).groups().get(0).name()).isEqualTo("MAIA:admin");
    assertThat(parts.stream().mapToInt(p -> p.groups().size()).sum()).isEqualTo(whole.groups().size());
    assertThat(parts.stream().flatMap(p -> p.clients().stream()).map(KeycloakRealm.Client::clientId).sorted().toList())
        .isEqualTo(whole.clients().stream().map(KeycloakRealm.Client::clientId).sorted().toList());
    // a project's group and its clients are in the same part
    for (KeycloakRealm part : parts) {
      List<String> projects = part.groups().stream().flatMap(g -> g.project().stream()).toList();
      assertThat(part.clients()).allSatisfy(c -> assertThat(projects).contains(c.project()));
    }
  }

  @Test
  void aNewProjectChangesOnePartAndTheOthersStayTheSame() {
    // given
    List<KeycloakRealm> before = realm(3000, 2).parts();

    // when
    List<KeycloakRealm> after = realm(3001, 2).parts();

    // then
    assertThat(after).hasSameSizeAs(before).hasSize(4);
    int changed = 0;
    for (int i = 0; i < before.size(); i++) {
      changed += before.get(i).equals(after.get(i)) ? 0 : 1;
    }
    assertThat(changed).isEqualTo(1);
  }

  @Test
  void thePartCountIsAPowerOfTwoThatHoldsTheBytes() {
    assertThat(KeycloakRealm.partCount(1)).isEqualTo(1);
    assertThat(KeycloakRealm.partCount(KeycloakRealm.PART_BYTES)).isEqualTo(1);
    assertThat(KeycloakRealm.partCount(KeycloakRealm.PART_BYTES + 1)).isEqualTo(2);
    assertThat(KeycloakRealm.partCount(5 * KeycloakRealm.PART_BYTES)).isEqualTo(8);
  }
}
