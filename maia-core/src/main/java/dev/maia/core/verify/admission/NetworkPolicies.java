package dev.maia.core.verify.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whether Kubernetes NetworkPolicies ({@code networking.k8s.io/v1}) allow one connection, with the
 * API's semantics: a connection is allowed when the source's egress and the destination's ingress
 * both allow it. A direction of a pod is open while no policy of its namespace selects it with that
 * policy type; once one does, only what a rule of one of those policies allows passes (policies add
 * up; a policy of that type without rules allows nothing). Without {@code policyTypes} a policy is of
 * type Ingress, and of type Egress too when it has egress rules, as the API server defaults it.
 *
 * <p>Peers are selected as the API says: a {@code podSelector} alone picks pods of the policy's
 * namespace, a {@code namespaceSelector} alone every pod of the namespaces it picks, both together
 * the pods it picks in those namespaces. Namespaces are selected by their labels, to which {@code
 * kubernetes.io/metadata.name} is always added. A named port matches when the destination pod has a
 * container port of that name, number and protocol; it never matches an address outside the cluster.
 *
 * <p>An {@code ipBlock} is meant for addresses outside the cluster, and network plugins differ on
 * whether it matches pod IPs. It is evaluated here against the IP of any endpoint that has one, pods
 * included: a policy that relies on pod IPs falling outside its blocks, or inside them, is then judged
 * by the addresses the caller gives, not by one plugin's choice. A peer that names nothing, which the
 * API server refuses, matches no endpoint. Pods on the host network and Services are not modelled:
 * the caller resolves a Service to its pods and target port.
 */
public final class NetworkPolicies {

  private static final String TCP = "TCP";
  private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

  private final List<Policy> policies;
  private final Map<String, Map<String, String>> namespaceLabels;

  /**
   * @param policies NetworkPolicy objects, each with {@code metadata.namespace} set
   * @param namespaceLabels the labels of each namespace, by name
   * @throws IllegalArgumentException when a policy has no namespace, or a selector, port or CIDR
   *     the API server would refuse
   */
  public NetworkPolicies(List<JsonNode> policies, Map<String, Map<String, String>> namespaceLabels) {
    this.policies = policies.stream().map(Policy::of).sorted(Comparator.comparing(Policy::namespace).thenComparing(Policy::name)).toList();
    this.namespaceLabels = namespaceLabels.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
  }

  /**
   * Whether {@code from} may open a connection to {@code to} on {@code port} and {@code protocol}
   * ({@code TCP} when empty). When not, the reason names the side that denies it and the policies
   * that select the pod there; when allowed, the policies that allow it on each side.
   */
  public Verdict connect(Endpoint from, Endpoint to, int port, String protocol) {
    Connection connection = new Connection(from, to, port, protocol == null || protocol.isEmpty() ? TCP : protocol);
    Side egress = from.isPod() ? side(from, Direction.EGRESS, connection) : Side.outside(from);
    Side ingress = to.isPod() ? side(to, Direction.INGRESS, connection) : Side.outside(to);
    if (egress.allowed() && ingress.allowed()) {
      return new Verdict(true, egress.reason() + "; " + ingress.reason());
    }
    return new Verdict(false, Stream.of(egress, ingress).filter(s -> !s.allowed()).map(Side::reason).collect(Collectors.joining("; ")));
  }

  private Side side(Endpoint pod, Direction direction, Connection connection) {
    List<Policy> selecting = policies.stream().filter(p -> p.selects(pod, direction)).toList();
    if (selecting.isEmpty()) {
      return new Side(true, "no NetworkPolicy selects " + pod.describe() + " for " + direction.text);
    }
    List<String> allowing = selecting.stream()
        .filter(p -> p.rules(direction).stream().anyMatch(r -> r.allows(direction, connection, p.namespace(), this::labelsOf)))
        .map(Policy::name)
        .toList();
    if (!allowing.isEmpty()) {
      return new Side(true, direction.text + " allowed by " + String.join(", ", allowing));
    }
    List<String> names = selecting.stream().map(Policy::name).toList();
    String what = connection.protocol() + " " + connection.port() + " " + direction.peerIs + " " + direction.peer(connection).describe();
    String selected = names.size() == 1
        ? "NetworkPolicy " + names.get(0) + " selects them and does not allow " + what
        : "NetworkPolicies " + String.join(", ", names) + " select them and none allows " + what;
    return new Side(false, direction.text + " " + direction.podIs + " " + pod.describe() + " is denied: " + selected);
  }

  /** A namespace's labels, with the {@code kubernetes.io/metadata.name} label the API server sets. */
  private Map<String, String> labelsOf(String namespace) {
    Map<String, String> labels = new TreeMap<>(namespaceLabels.getOrDefault(namespace, Map.of()));
    labels.put(NAMESPACE_NAME, namespace);
    return labels;
  }

  /**
   * A side of a connection: a pod (a namespace, its labels, its IP or {@code ""}, and its
   * containers' ports) or an address outside the cluster (namespace {@code ""}, an IP).
   */
  public record Endpoint(String namespace, Map<String, String> labels, String ip, List<ContainerPort> ports) {

    public Endpoint {
      namespace = namespace == null ? "" : namespace;
      labels = Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
      ip = ip == null ? "" : ip;
      ports = ports == null ? List.of() : List.copyOf(ports);
      if (namespace.isEmpty() && ip.isEmpty()) {
        throw new IllegalArgumentException("an endpoint outside the cluster needs an IP");
      }
      if (!ip.isEmpty()) {
        Address.parse(ip);
      }
    }

    public static Endpoint pod(String namespace, Map<String, String> labels, String ip, List<ContainerPort> ports) {
      if (namespace == null || namespace.isEmpty()) {
        throw new IllegalArgumentException("a pod needs a namespace");
      }
      return new Endpoint(namespace, labels, ip, ports);
    }

    public static Endpoint external(String ip) {
      return new Endpoint("", Map.of(), ip, List.of());
    }

    /** Whether this is a pod rather than an address outside the cluster. */
    public boolean isPod() {
      return !namespace.isEmpty();
    }

    /** {@code pods component=hub in brain-mets}, or the address outside the cluster. */
    public String describe() {
      if (!isPod()) {
        return ip;
      }
      String selector = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
      return "pods " + (selector.isEmpty() ? "without labels" : selector) + " in " + namespace;
    }
  }

  /** A port of a pod's container ({@code protocol} {@code TCP} when empty; {@code name} {@code ""} when it has none). */
  public record ContainerPort(String name, int port, String protocol) {

    public ContainerPort {
      name = name == null ? "" : name;
      protocol = protocol == null || protocol.isEmpty() ? TCP : protocol;
    }
  }

  /** Whether the connection is allowed, and why. */
  public record Verdict(boolean allowed, String reason) {}

  private record Connection(Endpoint from, Endpoint to, int port, String protocol) {}

  private record Side(boolean allowed, String reason) {

    static Side outside(Endpoint address) {
      return new Side(true, address.describe() + " is outside the cluster");
    }
  }

  /** A direction of traffic, seen from the pod a policy selects. */
  private enum Direction {
    INGRESS("ingress", "Ingress", "to", "from"),
    EGRESS("egress", "Egress", "from", "to");

    final String text;
    final String policyType;
    final String podIs;
    final String peerIs;

    Direction(String text, String policyType, String podIs, String peerIs) {
      this.text = text;
      this.policyType = policyType;
      this.podIs = podIs;
      this.peerIs = peerIs;
    }

    /** The other side of the connection: its source for ingress, its destination for egress. */
    Endpoint peer(Connection connection) {
      return this == INGRESS ? connection.from() : connection.to();
    }
  }

  /** A NetworkPolicy as the API server stores it, defaults applied. */
  private record Policy(String namespace, String name, Selector podSelector, Set<String> types, List<Rule> ingress, List<Rule> egress) {

    static Policy of(JsonNode object) {
      String namespace = object.path("metadata").path("namespace").asText("");
      String name = object.path("metadata").path("name").asText("");
      String where = "NetworkPolicy " + (namespace.isEmpty() ? name : namespace + "/" + name);
      if (namespace.isEmpty()) {
        throw new IllegalArgumentException(where + " has no metadata.namespace");
      }
      JsonNode spec = object.path("spec");
      List<Rule> ingress = rules(spec.path("ingress"), "from", where);
      List<Rule> egress = rules(spec.path("egress"), "to", where);
      Set<String> types = new TreeSet<>();
      spec.path("policyTypes").forEach(t -> types.add(t.asText()));
      if (types.isEmpty()) {
        types.add(Direction.INGRESS.policyType);
        if (!egress.isEmpty()) {
          types.add(Direction.EGRESS.policyType);
        }
      }
      return new Policy(namespace, name, Selector.of(spec.path("podSelector"), where), Set.copyOf(types), ingress, egress);
    }

    private static List<Rule> rules(JsonNode rules, String peers, String where) {
      List<Rule> parsed = new ArrayList<>();
      for (JsonNode rule : rules) {
        List<Peer> parsedPeers = new ArrayList<>();
        rule.path(peers).forEach(p -> parsedPeers.add(Peer.of(p, where)));
        List<PortRule> ports = new ArrayList<>();
        rule.path("ports").forEach(p -> ports.add(PortRule.of(p)));
        parsed.add(new Rule(List.copyOf(parsedPeers), List.copyOf(ports)));
      }
      return List.copyOf(parsed);
    }

    boolean selects(Endpoint pod, Direction direction) {
      return namespace.equals(pod.namespace()) && types.contains(direction.policyType) && podSelector.matches(pod.labels());
    }

    List<Rule> rules(Direction direction) {
      return direction == Direction.INGRESS ? ingress : egress;
    }
  }

  /** One rule: any of its peers (all when none) on any of its ports (all when none). */
  private record Rule(List<Peer> peers, List<PortRule> ports) {

    /** Ports are always those of the destination: a named port is looked up on it. */
    boolean allows(Direction direction, Connection connection, String policyNamespace, Function<String, Map<String, String>> namespaces) {
      Endpoint peer = direction.peer(connection);
      return (peers.isEmpty() || peers.stream().anyMatch(p -> p.matches(peer, policyNamespace, namespaces)))
          && (ports.isEmpty() || ports.stream().anyMatch(p -> p.matches(connection.port(), connection.protocol(), connection.to())));
    }
  }

  /** A peer of a rule: pods by selectors (either may be absent, {@code null}), or an IP block. */
  private record Peer(Selector pods, Selector namespaces, Cidr block, List<Cidr> except) {

    static Peer of(JsonNode peer, String where) {
      JsonNode block = peer.path("ipBlock");
      if (block.isObject()) {
        List<Cidr> except = new ArrayList<>();
        block.path("except").forEach(e -> except.add(Cidr.parse(e.asText(), where)));
        return new Peer(null, null, Cidr.parse(block.path("cidr").asText(""), where), List.copyOf(except));
      }
      return new Peer(
          peer.path("podSelector").isObject() ? Selector.of(peer.path("podSelector"), where) : null,
          peer.path("namespaceSelector").isObject() ? Selector.of(peer.path("namespaceSelector"), where) : null,
          null,
          List.of());
    }

    boolean matches(Endpoint endpoint, String policyNamespace, Function<String, Map<String, String>> namespaceLabels) {
      if (block != null) {
        if (endpoint.ip().isEmpty()) {
          return false;
        }
        byte[] address = Address.parse(endpoint.ip());
        return block.contains(address) && except.stream().noneMatch(e -> e.contains(address));
      }
      if (!endpoint.isPod() || (pods == null && namespaces == null)) {
        return false;
      }
      boolean namespace = namespaces == null
          ? endpoint.namespace().equals(policyNamespace)
          : namespaces.matches(namespaceLabels.apply(endpoint.namespace()));
      return namespace && (pods == null || pods.matches(endpoint.labels()));
    }
  }

  /** A label selector: every {@code matchLabels} entry and every expression holds; empty selects all. */
  private record Selector(Map<String, String> matchLabels, List<Expression> matchExpressions) {

    static Selector of(JsonNode selector, String where) {
      Map<String, String> labels = new TreeMap<>();
      selector.path("matchLabels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      List<Expression> expressions = new ArrayList<>();
      for (JsonNode expression : selector.path("matchExpressions")) {
        String operator = expression.path("operator").asText("");
        if (!Set.of("In", "NotIn", "Exists", "DoesNotExist").contains(operator)) {
          throw new IllegalArgumentException(
              where + ": '" + operator + "' is not a label selector operator; use In, NotIn, Exists or DoesNotExist");
        }
        List<String> values = new ArrayList<>();
        expression.path("values").forEach(v -> values.add(v.asText()));
        expressions.add(new Expression(expression.path("key").asText(""), operator, List.copyOf(values)));
      }
      return new Selector(Map.copyOf(labels), List.copyOf(expressions));
    }

    boolean matches(Map<String, String> labels) {
      return matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))
          && matchExpressions.stream().allMatch(e -> e.matches(labels));
    }
  }

  /** {@code In} and {@code NotIn} a list of values (a missing label is not in it), {@code Exists}, {@code DoesNotExist}. */
  private record Expression(String key, String operator, List<String> values) {

    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case "In" -> value != null && values.contains(value);
        case "NotIn" -> value == null || !values.contains(value);
        case "Exists" -> value != null;
        default -> value == null;
      };
    }
  }

  /** A port of a rule: a protocol ({@code TCP} when absent) and a number, range or name, or every port when none. */
  private record PortRule(String protocol, Integer number, Integer endPort, String name) {

    static PortRule of(JsonNode port) {
      String protocol = port.path("protocol").asText("");
      JsonNode value = port.path("port");
      return new PortRule(
          protocol.isEmpty() ? TCP : protocol,
          value.isNumber() ? Integer.valueOf(value.asInt()) : null,
          port.path("endPort").isNumber() ? Integer.valueOf(port.path("endPort").asInt()) : null,
          value.isTextual() ? value.asText() : null);
    }

    boolean matches(int port, String protocol, Endpoint destination) {
      if (!this.protocol.equals(protocol)) {
        return false;
      }
      if (name != null) {
        return !name.isEmpty()
            && destination.ports().stream().anyMatch(p -> p.name().equals(name) && p.port() == port && p.protocol().equals(protocol));
      }
      if (number == null) {
        return true;
      }
      return endPort == null ? port == number : number <= port && port <= endPort;
    }
  }

  /** An IPv4 or IPv6 network: an address and a prefix length. */
  private static final class Cidr {

    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
      this.network = network;
      this.prefix = prefix;
    }

    static Cidr parse(String text, String where) {
      int slash = text.indexOf('/');
      byte[] network = slash < 0 ? null : Address.literal(text.substring(0, slash));
      String length = slash < 0 ? "" : text.substring(slash + 1);
      if (network == null || !length.matches("[0-9]{1,3}") || Integer.parseInt(length) > network.length * 8) {
        throw new IllegalArgumentException(
            where + ": '" + text + "' is not a CIDR; write an address and a prefix length, like 10.0.0.0/8 or 2001:db8::/32");
      }
      return new Cidr(network, Integer.parseInt(length));
    }

    /** Whether the address is in this network; an IPv4 address is never in an IPv6 network, nor the reverse. */
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  /** IP address literals, parsed without name resolution: 4 bytes for IPv4, 16 for IPv6. */
  private static final class Address {

    private static final Pattern GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern OCTET = Pattern.compile("[0-9]{1,3}");

    private Address() {}

    static byte[] parse(String text) {
      byte[] address = literal(text);
      if (address == null) {
        throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
      }
      return address;
    }

    /** The address, or {@code null} when the text is not one. */
    static byte[] literal(String text) {
      return text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
    }

    private static byte[] ipv4(String text) {
      String[] octets = text.split("\\.", -1);
      if (octets.length != 4) {
        return null;
      }
      byte[] address = new byte[4];
      for (int i = 0; i < 4; i++) {
        if (!OCTET.matcher(octets[i]).matches() || Integer.parseInt(octets[i]) > 255) {
          return null;
        }
        address[i] = (byte) Integer.parseInt(octets[i]);
      }
      return address;
    }

    private static byte[] ipv6(String text) {
      String hex = text;
      if (text.indexOf('.') >= 0) {
        int colon = text.lastIndexOf(':');
        byte[] tail = ipv4(text.substring(colon + 1));
        if (tail == null) {
          return null;
        }
        hex = text.substring(0, colon + 1) + Integer.toHexString(((tail[0] & 0xff) << 8) | (tail[1] & 0xff))
            + ":" + Integer.toHexString(((tail[2] & 0xff) << 8) | (tail[3] & 0xff));
      }
      int gap = hex.indexOf("::");
      if (gap >= 0 && hex.indexOf("::", gap + 1) >= 0) {
        return null;
      }
      List<Integer> head = groups(gap >= 0 ? hex.substring(0, gap) : hex);
      List<Integer> tail = gap >= 0 ? groups(hex.substring(gap + 2)) : List.of();
      if (head == null || tail == null || (gap >= 0 ? head.size() + tail.size() > 7 : head.size() != 8)) {
        return null;
      }
      byte[] address = new byte[16];
      for (int i = 0; i < head.size(); i++) {
        address[2 * i] = (byte) (head.get(i) >> 8);
        address[2 * i + 1] = (byte) (int) head.get(i);
      }
      for (int i = 0; i < tail.size(); i++) {
        int at = 16 - 2 * (tail.size() - i);
        address[at] = (byte) (tail.get(i) >> 8);
        address[at + 1] = (byte) (int) tail.get(i);
      }
      return address;
    }

    private static List<Integer> groups(String text) {
      if (text.isEmpty()) {
        return List.of();
      }
      List<Integer> groups = new ArrayList<>();
      for (String group : text.split(":", -1)) {
        if (!GROUP.matcher(group).matches()) {
          return null;
        }
        groups.add(Integer.parseInt(group, 16));
      }
      return groups;
    }
  }
}
