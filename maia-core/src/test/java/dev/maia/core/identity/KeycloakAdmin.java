package dev.maia.core.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Keycloak's admin REST API ({@code /admin/realms/...}) as the master realm's admin, in plain HTTP
 * and JSON: the calls a delivery makes, with nothing between the test and Keycloak's own endpoints.
 * Every call takes a fresh admin token (they live a minute). Paths are relative to
 * {@code /admin/realms}; a call that Keycloak refuses fails with its status and answer.
 */
public final class KeycloakAdmin {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KeycloakServer keycloak;

  public KeycloakAdmin(KeycloakServer keycloak) {
    this.keycloak = keycloak;
  }

  /** POSTs {@code representation} and returns the id of what Keycloak created (the end of its Location). */
  public String create(String path, Object representation) {
    HttpResponse<String> response = expect(201, request(path).POST(body(representation)));
    String location = response.headers().firstValue("Location")
        .orElseThrow(() -> new IllegalStateException("POST " + path + " answered 201 without a Location"));
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** POSTs {@code representation} to a path that answers 204 (role mappings, protocol mappers of a list). */
  public void post(String path, Object representation) {
    expect(204, request(path).POST(body(representation)));
  }

  /** GETs a representation. */
  public JsonNode get(String path) {
    return KeycloakServer.json(expect(200, request(path).GET()).body());
  }

  /** PUTs {@code representation} (or nothing, when it is null). */
  public void put(String path, Object representation) {
    expect(204, request(path).PUT(representation == null ? HttpRequest.BodyPublishers.noBody() : body(representation)));
  }

  /** DELETEs what {@code path} names. */
  public void delete(String path) {
    expect(204, request(path).DELETE());
  }

  /**
   * A user representation with a password (not temporary) and a verified e-mail {@code
   * <username>@<domain>}: a person as the site's directory would have made them.
   */
  public static Map<String, Object> user(String username, String domain, String password) {
    return Map.of(
        "username", username,
        "enabled", true,
        "email", username + "@" + domain,
        "emailVerified", true,
        "firstName", username,
        "lastName", "Tester",
        "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
  }

  /** 128 random bits in hex, drawn for one run: passwords and client secrets that are written nowhere. */
  public static String randomSecret() {
    byte[] bytes = new byte[16];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.HexFormat.of().formatHex(bytes);
  }

  /** The claims of a JWT (its payload, not checked: the token came straight from Keycloak). */
  public static JsonNode claims(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a JWT: " + parts.length + " parts");
    }
    return KeycloakServer.json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(keycloak.url("/admin/realms" + path))
        .header("Authorization", "Bearer " + keycloak.adminToken())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .timeout(Duration.ofSeconds(30));
  }

  private HttpResponse<String> expect(int status, HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    HttpResponse<String> response = keycloak.send(request);
    if (response.statusCode() != status) {
      throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered HTTP "
          + response.statusCode() + " (expected " + status + "): " + response.body());
    }
    return response;
  }

  private static HttpRequest.BodyPublisher body(Object representation) {
    try {
      return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(representation), StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
