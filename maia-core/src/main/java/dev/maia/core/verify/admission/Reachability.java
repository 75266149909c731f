package dev.maia.core.verify.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maia.core.verify.admission.NetworkPolicies.ContainerPort;
import dev.maia.core.verify.admission.NetworkPolicies.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pods of a namespace as the network sees them, and the connections its wiring uses: each
 * in-cluster URL or host a pod is given (in its spec, or in a ConfigMap or Secret it reads) is
 * resolved to the Service it names, its pods and target port, as kube-proxy would.
 */
final class Reachability {

  /** {@code scheme://service.namespace.svc[.cluster.local][:port]} or the bare host. */
  private static final Pattern SERVICE_HOST =
      Pattern.compile("(?:(https?)://)?([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.svc(?:\\.cluster\\.local)?(?::(\\d+))?");

  /** A pod of the namespace as an endpoint. */
  record Pod(Workload workload, Endpoint endpoint) {}

  /** One connection the wiring uses: from a pod to a Service's pod on its target port. */
  record Wire(Pod from, String service, Pod to, int port, String protocol) {}

  private Reachability() {}

  static Pod pod(Workload workload, String namespace, String ip) {
    List<ContainerPort> ports = new ArrayList<>();
    for (JsonNode container : workload.containers()) {
      for (JsonNode port : container.path("ports")) {
        ports.add(new ContainerPort(port.path("name").asText(""), port.path("containerPort").asInt(), port.path("protocol").asText("TCP")));
      }
    }
    return new Pod(workload, Endpoint.pod(namespace, workload.labels(), ip, ports));
  }

  /** The pods a Service of the namespace selects, with the port each receives {@code servicePort} on. */
  static List<Map.Entry<Pod, Integer>> backends(JsonNode service, int servicePort, List<Pod> pods) {
    Map<String, String> selector = new TreeMap<>();
    service.path("spec").path("selector").properties().forEach(e -> selector.put(e.getKey(), e.getValue().asText()));
    List<Map.Entry<Pod, Integer>> backends = new ArrayList<>();
    if (selector.isEmpty()) {
      return backends; // endpoints managed by hand: not ours to model
    }
    for (JsonNode port : service.path("spec").path("ports")) {
      if (port.path("port").asInt() != servicePort) {
        continue;
      }
      JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
      for (Pod pod : pods) {
        if (!pod.workload().labels().entrySet().containsAll(selector.entrySet())) {
          continue;
        }
        targetPort(target, pod).ifPresent(p -> backends.add(Map.entry(pod, p)));
      }
    }
    return backends;
  }

  private static Optional<Integer> targetPort(JsonNode target, Pod pod) {
    if (target.isInt() || target.asText().matches("\\d+")) {
      return Optional.of(target.asInt());
    }
    return pod.endpoint().ports().stream().filter(p -> p.name().equals(target.asText())).map(ContainerPort::port).findFirst();
  }

  /** The services a pod is told about, as {@code (service, port or -1 for every port)}, in the namespace. */
  static Set<Map.Entry<String, Integer>> wired(Workload workload, String namespace, Map<String, JsonNode> configs) {
    Set<Map.Entry<String, Integer>> found = new LinkedHashSet<>();
    List<String> texts = new ArrayList<>();
    strings(workload.spec(), texts);
    for (String config : referenced(workload.spec())) {
      JsonNode object = configs.get(config);
      if (object != null) {
        object.path("data").properties().forEach(e -> texts.add(object.path("kind").asText().equals("Secret") ? decode(e.getValue().asText()) : e.getValue().asText()));
        object.path("stringData").properties().forEach(e -> texts.add(e.getValue().asText()));
      }
    }
    for (String text : texts) {
      Matcher m = SERVICE_HOST.matcher(text);
      while (m.find()) {
        if (!m.group(4).equals(namespace)) {
          continue; // another namespace's service is not this namespace's wiring
        }
        int port = m.group(6) != null ? Integer.parseInt(m.group(6)) : m.group(1) == null ? -1 : m.group(1).equals("https") ? 443 : 80;
        found.add(Map.entry(m.group(2), port));
      }
    }
    return found;
  }

  /** {@code ConfigMap/NAME} and {@code Secret/NAME} of the volumes and environment of a pod spec. */
  private static Set<String> referenced(JsonNode spec) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode volume : spec.path("volumes")) {
      if (volume.has("configMap")) {
        names.add("ConfigMap/" + volume.path("configMap").path("name").asText());
      }
      if (volume.has("secret")) {
        names.add("Secret/" + volume.path("secret").path("secretName").asText());
      }
      for (JsonNode source : volume.path("projected").path("sources")) {
        if (source.has("configMap")) {
          names.add("ConfigMap/" + source.path("configMap").path("name").asText());
        }
        if (source.has("secret")) {
          names.add("Secret/" + source.path("secret").path("name").asText());
        }
      }
    }
    List<JsonNode> containers = new ArrayList<>();
    spec.path("initContainers").forEach(containers::add);
    spec.path("containers").forEach(containers::add);
    for (JsonNode container : containers) {
      for (JsonNode from : container.path("envFrom")) {
        if (from.has("configMapRef")) {
          names.add("ConfigMap/" + from.path("configMapRef").path("name").asText());
        }
        if (from.has("secretRef")) {
          names.add("Secret/" + from.path("secretRef").path("name").asText());
        }
      }
    }
    return names;
  }

  private static void strings(JsonNode node, List<String> into) {
    if (node.isTextual()) {
      into.add(node.asText());
    } else {
      node.forEach(child -> strings(child, into));
    }
  }

  private static String decode(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
