package dev.maia.core.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The login proxy of the catalog ({@code loginProxy} in {@code templates/catalog.yaml}): the
 * oauth2-proxy that stands in front of every tool whose {@link ToolDefinition.Login#proxy login}
 * is the proxy, one per such tool, project and cluster.
 *
 * @param image the image, pinned to an exact tag
 * @param port where it listens in its pod
 * @param cpuRequest what its container requests, and {@code cpuLimit} what it is limited to
 * @param memoryRequest the same for memory, as {@code memoryLimit}
 */
public record LoginProxy(String image, int port, String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit) {

  /** The entry as the catalog writes it. */
  static LoginProxy of(JsonNode entry) {
    JsonNode requests = entry.path("resources").path("requests");
    JsonNode limits = entry.path("resources").path("limits");
    return new LoginProxy(
        entry.path("image").asText(),
        entry.path("port").asInt(),
        requests.path("cpu").asText(),
        limits.path("cpu").asText(),
        requests.path("memory").asText(),
        limits.path("memory").asText());
  }
}
