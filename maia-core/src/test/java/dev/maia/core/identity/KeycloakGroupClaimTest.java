package dev.maia.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What identity as code rests on, against a real Keycloak: a realm with the project group
 * {@code MAIA:lung}, a member and a non-member, and a confidential client with one exact redirect URI
 * and a group-membership mapper. Only Keycloak's own endpoints are used: the admin REST API to set it
 * up, the token endpoint (direct access grant) and the authorization endpoint to check it.
 */
@ExtendWith(KeycloakExtension.class)
class KeycloakGroupClaimTest {

  private static final String REALM = "maia-groups";
  private static final String GROUP = "MAIA:lung";
  private static final String CLIENT = "lung-jupyterhub";
  private static final String REDIRECT = "https://jupyter.lung.example.org/hub/oauth_callback";

  // drawn for this run: no credential is written anywhere
  private static final String CLIENT_SECRET = KeycloakAdmin.randomSecret();
  private static final String MEMBER_PASSWORD = KeycloakAdmin.randomSecret();
  private static final String OTHER_PASSWORD = KeycloakAdmin.randomSecret();

  @BeforeAll
  static void realm(KeycloakServer keycloak) {
    KeycloakAdmin admin = new KeycloakAdmin(keycloak);
    admin.create("", Map.of("realm", REALM, "enabled", true));
    String group = admin.create("/" + REALM + "/groups", Map.of("name", GROUP));
    String member = admin.create("/" + REALM + "/users", KeycloakAdmin.user("alice", "example.org", MEMBER_PASSWORD));
    admin.create("/" + REALM + "/users", KeycloakAdmin.user("bob", "example.org", OTHER_PASSWORD));
    admin.put("/" + REALM + "/users/" + member + "/groups/" + group, null);
    admin.create("/" + REALM + "/clients", Map.of(
        "clientId", CLIENT,
        "protocol", "openid-connect",
        "publicClient", false,
        "clientAuthenticatorType", "client-secret",
        "secret", CLIENT_SECRET,
        "standardFlowEnabled", true,
        "directAccessGrantsEnabled", true,
        "redirectUris", List.of(REDIRECT),
        "protocolMappers", List.of(Map.of(
            "name", "groups",
            "protocol", "openid-connect",
            "protocolMapper", "oidc-group-membership-mapper",
            "config", Map.of(
                "claim.name", "groups",
                "full.path", "false",
                "access.token.claim", "true",
                "id.token.claim", "true",
                "userinfo.token.claim", "true")))));
  }

  @AfterAll
  static void dropRealm(KeycloakServer keycloak) {
    new KeycloakAdmin(keycloak).delete("/" + REALM);
  }

  @Test
  void aMemberOfTheGroupGetsItInTheGroupsClaim(KeycloakServer keycloak) {
    // when
    HttpResponse<String> response = keycloak.send(passwordGrant(keycloak, "alice", MEMBER_PASSWORD, CLIENT_SECRET));

    // then
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode tokens = KeycloakServer.json(response.body());
    JsonNode access = KeycloakAdmin.claims(tokens.path("access_token").asText());
    assertThat(access.path("iss").asText()).isEqualTo(keycloak.issuer(REALM));
    assertThat(access.path("azp").asText()).isEqualTo(CLIENT);
    assertThat(access.path("preferred_username").asText()).isEqualTo("alice");
    assertThat(groups(access)).containsExactly(GROUP);
    assertThat(groups(KeycloakAdmin.claims(tokens.path("id_token").asText()))).containsExactly(GROUP);
  }

  @Test
  void aUserOutsideTheGroupGetsATokenWithoutIt(KeycloakServer keycloak) {
    // when
    HttpResponse<String> response = keycloak.send(passwordGrant(keycloak, "bob", OTHER_PASSWORD, CLIENT_SECRET));

    // then
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode access = KeycloakAdmin.claims(KeycloakServer.json(response.body()).path("access_token").asText());
    assertThat(access.path("preferred_username").asText()).isEqualTo("bob");
    assertThat(groups(access)).isEmpty();
  }

  @Test
  void aWrongPasswordGetsNoToken(KeycloakServer keycloak) {
    // when
    HttpResponse<String> response = keycloak.send(passwordGrant(keycloak, "alice", OTHER_PASSWORD, CLIENT_SECRET));

    // then: 400 invalid_grant, as RFC 6749 section 5.2 says; Keycloak before 26.6 answered 401
    // (keycloak/keycloak#45812, #46528)
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = KeycloakServer.json(response.body());
    assertThat(error.path("error").asText()).isEqualTo("invalid_grant");
    assertThat(error.path("error_description").asText()).isEqualTo("Invalid user credentials");
    assertThat(error.has("access_token")).isFalse();
  }

  @Test
  void aWrongClientSecretIsRefusedWith401(KeycloakServer keycloak) {
    // when
    HttpResponse<String> response = keycloak.send(passwordGrant(keycloak, "alice", MEMBER_PASSWORD, KeycloakAdmin.randomSecret()));

    // then: the client did not authenticate (Keycloak names it unauthorized_client)
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(KeycloakServer.json(response.body()).path("error").asText()).isEqualTo("unauthorized_client");
    assertThat(KeycloakServer.json(response.body()).has("access_token")).isFalse();
  }

  @Test
  void theClientAcceptsItsExactRedirectUriAndNoOther(KeycloakServer keycloak) {
    // when
    int exact = authorize(keycloak, REDIRECT).statusCode();
    int longer = authorize(keycloak, REDIRECT + "/../../evil").statusCode();
    int sibling = authorize(keycloak, "https://jupyter.lung.example.org/hub/other").statusCode();
    int otherHost = authorize(keycloak, "https://evil.example.org/hub/oauth_callback").statusCode();

    // then: the login page for the registered URI; Keycloak's "Invalid parameter: redirect_uri" for the others
    assertThat(exact).isEqualTo(200);
    assertThat(List.of(longer, sibling, otherHost)).containsOnly(400);
  }

  private static HttpRequest passwordGrant(KeycloakServer keycloak, String username, String password, String clientSecret) {
    return keycloak.tokenRequest(REALM, Map.of(
        "grant_type", "password",
        "client_id", CLIENT,
        "client_secret", clientSecret,
        "username", username,
        "password", password,
        "scope", "openid"));
  }

  private static HttpResponse<String> authorize(KeycloakServer keycloak, String redirectUri) {
    String query = "client_id=" + CLIENT + "&response_type=code&scope=openid&redirect_uri="
        + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8);
    return keycloak.send(HttpRequest.newBuilder(keycloak.url("/realms/" + REALM + "/protocol/openid-connect/auth?" + query)).GET().build());
  }

  private static List<String> groups(JsonNode claims) {
    List<String> groups = new ArrayList<>();
    claims.path("groups").forEach(group -> groups.add(group.asText()));
    return groups;
  }


}
