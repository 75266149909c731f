package dev.maia.core.verify.chart;

import dev.maia.core.model.ChartRef;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.maia.core.verify.chart.ChartUnavailableException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Downloads chart archives the way Helm does: from a chart repository through its {@code
 * index.yaml} ({@code https://}, or {@code http://}), or from an OCI registry ({@code oci://},
 * anonymous pull with the registry's token handshake; plain HTTP only for a registry on the loopback
 * address), or a folder of a Git repository at a tag ({@link GitChartSource}). An index is read once
 * per run and repository.
 */
public final class ChartDownloader {

  /** Helm's media type of a chart's layer in an OCI manifest. */
  static final String HELM_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final long MAX_ARCHIVE_BYTES = 64L * 1024 * 1024;
  private static final long MAX_INDEX_BYTES = 256L * 1024 * 1024;
  private static final Pattern CHALLENGE = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML;

  static {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit((int) MAX_INDEX_BYTES);
    options.setMaxAliasesForCollections(0);
    YAML = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
  }

  /** What a repository sent for a chart, and the digest it announced for it, if it did. */
  public record Download(byte[] archive, Optional<String> announcedDigest, URI from) {}

  private HttpClient http; // made on the first download: most runs find every chart in the cache
  private final Duration timeout;
  private final Map<String, CompletableFuture<JsonNode>> indexes = new ConcurrentHashMap<>();

  private final GitFolders git;

  public ChartDownloader(Duration timeout) {
    this(timeout, GitFolders.NONE);
  }

  /** @param git reads the chart folders of Git repositories */
  public ChartDownloader(Duration timeout, GitFolders git) {
    this.timeout = timeout;
    this.git = git;
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }
    return http;
  }

  /** Downloads the archive of {@code ref}. */
  public Download download(ChartRef ref) {
    if (ref.git()) {
      return new GitChartSource(git, MAX_ARCHIVE_BYTES).fetch(ref);
    }
    return ref.oci() ? oci(ref) : indexed(ref);
  }

  // --- repositories with an index

  private Download indexed(ChartRef ref) {
    URI base = URI.create(ref.repoURL().endsWith("/") ? ref.repoURL() : ref.repoURL() + "/");
    JsonNode index = indexes.computeIfAbsent(base.toString(), b -> CompletableFuture.supplyAsync(() -> readIndex(ref, base))).join();
    JsonNode versions = index.path("entries").path(ref.chart());
    if (!versions.isArray()) {
      throw new ChartUnavailableException(ref, Reason.NOT_FOUND, "the repository " + ref.repoURL() + " has no chart '" + ref.chart() + "'");
    }
    JsonNode entry = null;
    List<String> known = new ArrayList<>();
    for (JsonNode v : versions) {
      String version = v.path("version").asText();
      known.add(version);
      if (version.equals(ref.version()) || version.equals("v" + ref.version())) {
        entry = v;
        break;
      }
    }
    if (entry == null) {
      throw new ChartUnavailableException(ref, Reason.NOT_FOUND, "the repository " + ref.repoURL() + " has no version " + ref.version()
          + " of chart '" + ref.chart() + "' (it has " + String.join(", ", known.subList(0, Math.min(5, known.size())))
          + (known.size() > 5 ? ", ..." : "") + ")");
    }
    JsonNode urls = entry.path("urls");
    if (!urls.isArray() || urls.isEmpty()) {
      throw new ChartUnavailableException(ref, Reason.INVALID, "the index of " + ref.repoURL() + " lists no download URL for " + ref.describe());
    }
    URI url = base.resolve(urls.get(0).asText());
    byte[] archive = get(ref, url, MAX_ARCHIVE_BYTES, Map.of()).body();
    String digest = entry.path("digest").asText("");
    return new Download(archive, digest.isEmpty() ? Optional.empty() : Optional.of(ChartDigest.of(digest)), url);
  }

  private JsonNode readIndex(ChartRef ref, URI base) {
    URI url = base.resolve("index.yaml");
    byte[] bytes = get(ref, url, MAX_INDEX_BYTES, Map.of()).body();
    try {
      JsonNode index = YAML.readTree(bytes);
      if (index == null || !index.isObject()) {
        throw new ChartUnavailableException(ref, Reason.INVALID, url + " is not a Helm repository index");
      }
      return index;
    } catch (IOException e) {
      throw new ChartUnavailableException(ref, Reason.INVALID, url + " is not a Helm repository index: " + message(e));
    }
  }

  // --- OCI registries

  private Download oci(ChartRef ref) {
    URI repo = URI.create(ref.repoURL());
    String registry = repo.getRawAuthority();
    String path = repo.getRawPath() == null ? "" : repo.getRawPath().replaceAll("^/+|/+$", "");
    String repository = path.isEmpty() ? ref.chart() : path + "/" + ref.chart();
    String scheme = loopback(repo.getHost()) ? "http" : "https";
    String tag = ref.version().replace('+', '_'); // OCI tags cannot hold '+', Helm writes '_'
    URI manifestUrl = URI.create(scheme + "://" + registry + "/v2/" + repository + "/manifests/" + tag);
    Map<String, String> headers = Map.of("Accept", OCI_MANIFEST);
    HttpResponse<byte[]> manifestResponse = send(ref, manifestUrl, MAX_INDEX_BYTES, headers);
    String token = null;
    if (manifestResponse.statusCode() == 401) {
      token = token(ref, manifestResponse, repository);
      manifestResponse = send(ref, manifestUrl, MAX_INDEX_BYTES, withToken(headers, token));
    }
    check(ref, manifestUrl, manifestResponse);
    String layer = null;
    try {
      for (JsonNode l : JSON.readTree(manifestResponse.body()).path("layers")) {
        if (HELM_LAYER.equals(l.path("mediaType").asText())) {
          layer = l.path("digest").asText();
        }
      }
    } catch (IOException e) {
      throw new ChartUnavailableException(ref, Reason.INVALID, manifestUrl + " is not an OCI manifest: " + message(e));
    }
    if (layer == null || layer.isEmpty()) {
      throw new ChartUnavailableException(ref, Reason.INVALID, manifestUrl + " is not a Helm chart (no layer of type " + HELM_LAYER + ")");
    }
    URI blob = URI.create(scheme + "://" + registry + "/v2/" + repository + "/blobs/" + layer);
    byte[] archive = get(ref, blob, MAX_ARCHIVE_BYTES, token == null ? Map.of() : withToken(Map.of(), token)).body();
    return new Download(archive, Optional.of(ChartDigest.of(layer)), blob);
  }

  /** The anonymous pull token a registry's {@code WWW-Authenticate: Bearer} challenge offers. */
  private String token(ChartRef ref, HttpResponse<byte[]> challenged, String repository) {
    String header = challenged.headers().firstValue("WWW-Authenticate").orElse("");
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ChartUnavailableException(ref, Reason.UNREACHABLE, "the registry of " + ref.repoURL()
          + " asks for a login (" + header + "); maia:verify pulls anonymously");
    }
    Map<String, String> params = new java.util.TreeMap<>();
    Matcher m = CHALLENGE.matcher(header);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    String realm = params.getOrDefault("realm", "");
    if (realm.isEmpty()) {
      throw new ChartUnavailableException(ref, Reason.INVALID, "the registry of " + ref.repoURL() + " sent a challenge without a realm");
    }
    StringBuilder query = new StringBuilder();
    if (params.containsKey("service")) {
      query.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
    }
    query.append("scope=").append(URLEncoder.encode(params.getOrDefault("scope", "repository:" + repository + ":pull"), StandardCharsets.UTF_8));
    URI url = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
    try {
      JsonNode answer = JSON.readTree(get(ref, url, 1024 * 1024, Map.of()).body());
      String token = answer.path("token").asText(answer.path("access_token").asText(""));
      if (token.isEmpty()) {
        throw new ChartUnavailableException(ref, Reason.UNREACHABLE, "the registry of " + ref.repoURL() + " gave no anonymous pull token");
      }
      return token;
    } catch (IOException e) {
      throw new ChartUnavailableException(ref, Reason.INVALID, url + " did not answer with a token: " + message(e));
    }
  }

  private static Map<String, String> withToken(Map<String, String> headers, String token) {
    Map<String, String> result = new java.util.TreeMap<>(headers);
    result.put("Authorization", "Bearer " + token);
    return result;
  }

  static boolean loopback(String host) {
    return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1"));
  }

  // --- HTTP

  private HttpResponse<byte[]> get(ChartRef ref, URI url, long limit, Map<String, String> headers) {
    HttpResponse<byte[]> response = send(ref, url, limit, headers);
    check(ref, url, response);
    return response;
  }

  private static void check(ChartRef ref, URI url, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status == 404) {
      throw new ChartUnavailableException(ref, Reason.NOT_FOUND, url + " answered 404 Not Found");
    }
    if (status / 100 != 2) {
      throw new ChartUnavailableException(ref, Reason.UNREACHABLE, url + " answered HTTP " + status);
    }
  }

  private HttpResponse<byte[]> send(ChartRef ref, URI url, long limit, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
    headers.forEach(request::header);
    try {
      HttpResponse<InputStream> response = http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        byte[] bytes = body.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        if (bytes.length > limit) {
          throw new ChartUnavailableException(ref, Reason.INVALID, url + " sends more than " + (limit / (1024 * 1024)) + " MiB");
        }
        return new BytesResponse(response, bytes);
      }
    } catch (IOException e) {
      throw new ChartUnavailableException(ref, Reason.UNREACHABLE, "cannot reach " + url + ": " + message(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChartUnavailableException(ref, Reason.UNREACHABLE, "interrupted while downloading " + url);
    }
  }

  private static String message(Exception e) {
    if (e instanceof JsonProcessingException j) {
      return j.getOriginalMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** A response whose body has been read, with a size limit, into bytes. */
  private record BytesResponse(HttpResponse<InputStream> response, byte[] body) implements HttpResponse<byte[]> {
    @Override
    public int statusCode() {
      return response.statusCode();
    }

    @Override
    public HttpRequest request() {
      return response.request();
    }

    @Override
    public Optional<HttpResponse<byte[]>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public java.net.http.HttpHeaders headers() {
      return response.headers();
    }

    @Override
    public Optional<javax.net.ssl.SSLSession> sslSession() {
      return response.sslSession();
    }

    @Override
    public URI uri() {
      return response.uri();
    }

    @Override
    public HttpClient.Version version() {
      return response.version();
    }
  }
}
