package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Platform;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How ArgoCD reaches each cluster: over https; {@code https://kubernetes.default.svc} (the
 * in-cluster address) only for the cluster ArgoCD runs on; one server per cluster, since ArgoCD
 * identifies clusters by server; and every other cluster's registration comes from the secret
 * store, so it needs {@code credentials.secretKey}.
 */
final class ClusterRules implements SemanticRule {

  static final String IN_CLUSTER = "https://kubernetes.default.svc";

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    String argocd = platform.argocd().cluster();
    boolean argocdKnown = platform.cluster(argocd).isPresent();
    Map<String, Integer> servers = new HashMap<>();
    for (int j = 0; j < platform.clusters().size(); j++) {
      Cluster cluster = platform.clusters().get(j);
      String base = Pointers.cluster(j);
      boolean other = argocdKnown && !cluster.name().equals(argocd);
      boolean https = server(cluster, base + "/server", problems);
      if (https && other && serverKey(cluster.server()).equals(IN_CLUSTER)) {
        problems.add(
            base + "/server",
            "'" + cluster.server() + "' is the in-cluster address of '" + argocd + "', the cluster ArgoCD runs on,"
                + " not of cluster '" + cluster.name() + "'",
            "write the API server URL of '" + cluster.name() + "'");
      } else if (https) {
        Integer earlier = servers.putIfAbsent(serverKey(cluster.server()), j);
        if (earlier != null) {
          problems.add(
              base + "/server",
              "server '" + cluster.server() + "' is already used by cluster '" + platform.clusters().get(earlier).name()
                  + "' at " + sources.locate(Pointers.cluster(earlier) + "/server"),
              "ArgoCD tells clusters apart by server; give each cluster its own API server URL");
        }
      }
      if (other && cluster.credentialsKey().filter(k -> !k.isBlank()).isEmpty()) {
        problems.add(
            base,
            "cluster '" + cluster.name() + "' has no credentials.secretKey; ArgoCD runs on '" + argocd
                + "' and reads the registration of every other cluster from the secret store",
            "add credentials: {secretKey: clusters/" + cluster.name() + "}");
      }
    }
  }

  /** Reports a server that is not an https URL with a host; returns whether it is one. */
  private static boolean server(Cluster cluster, String pointer, Problems problems) {
    String server = cluster.server();
    if (server.isEmpty()) {
      return false; // a missing server is the schema's to report
    }
    try {
      URI uri = new URI(server);
      if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null) {
        return true;
      }
      String suggestion = suggestHttps(server);
      problems.add(
          pointer,
          "server '" + server + "' of cluster '" + cluster.name() + "' is not an https URL",
          "ArgoCD must reach the API server over TLS" + (suggestion == null ? "" : "; write '" + suggestion + "'"));
    } catch (URISyntaxException e) {
      problems.add(
          pointer,
          "server '" + server + "' of cluster '" + cluster.name() + "' is not a URL: " + e.getReason(),
          "write the API server URL, such as https://k8s.example.org:6443");
    }
    return false;
  }

  /** {@code http://x} and a bare {@code x} become {@code https://x}; anything else has no suggestion. */
  private static String suggestHttps(String server) {
    if (server.regionMatches(true, 0, "http://", 0, "http://".length())) {
      return "https://" + server.substring("http://".length());
    }
    return server.contains("://") ? null : "https://" + server;
  }

  /** Servers compared as ArgoCD compares them, ignoring case of scheme and host and a trailing '/'. */
  private static String serverKey(String server) {
    String s = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    return s.toLowerCase(Locale.ROOT);
  }
}
