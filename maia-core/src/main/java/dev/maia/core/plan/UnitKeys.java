package dev.maia.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.load.LoadedPlatform;
import dev.maia.core.load.PlatformLoader;
import dev.maia.core.load.RepoReader;
import dev.maia.core.model.Booking;
import dev.maia.core.model.Lock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key of each unit that may be taken from the previous run instead of rendered again: a
 * SHA-256 over everything its files are made of. Two runs that compute the same key for a unit
 * render the same bytes for it, so an incremental run renders only the units whose key changed.
 *
 * <p>A project unit and a placement are made of:
 *
 * <ul>
 *   <li>the platform without its projects and bookings (clusters, defaults, catalog, ArgoCD, GPU
 *       policy, HPC systems...), the site's {@code templates/} and {@code sealed-secrets/} files of
 *       the platform repo, and the build of the compiler: one hash shared by every unit;
 *   <li>the project as written (its entry of {@code spec.projects}, includes merged);
 *   <li>the project's bookings, each with whether it is announced and active at the time of the run
 *       ({@link GpuSchedule#announced(String, String)}, {@link GpuSchedule#active(String, String)});
 *   <li>the project's entries of the allocation lock (its NodePorts).
 * </ul>
 *
 * <p>The federation and cluster units list every project and are always rendered. A renderer of
 * project units or placements that starts reading anything else must add it here;
 * {@code IncrementalGenerateTest} compares incremental runs with full ones after each kind of edit.
 */
public final class UnitKeys {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String shared;
  private final Map<String, JsonNode> projects;
  private final Map<String, List<String>> bookings;
  private final Map<String, List<String>> ports;

  private UnitKeys(String shared, Map<String, JsonNode> projects, Map<String, List<String>> bookings, Map<String, List<String>> ports) {
    this.shared = shared;
    this.projects = projects;
    this.bookings = bookings;
    this.ports = ports;
  }

  /**
   * The keys of a valid platform's units.
   *
   * @param build identifies the compiler's code: a unit rendered by another build is rendered again
   */
  public static UnitKeys of(LoadedPlatform loaded, GpuSchedule schedule, List<Booking> allBookings, Lock lock, String build) {
    // the document without spec.projects and spec.bookings, sharing the nodes (nothing is changed)
    ObjectNode rest = JsonNodeFactory.instance.objectNode();
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    Map<String, JsonNode> projects = new HashMap<>();
    loaded.document().properties().forEach(field -> {
      if (!field.getKey().equals("spec")) {
        rest.set(field.getKey(), field.getValue());
      }
    });
    loaded.document().path("spec").properties().forEach(field -> {
      switch (field.getKey()) {
        case "projects" -> field.getValue().forEach(p -> projects.put(p.path("name").asText(), p));
        case "bookings" -> { } // per project, below
        default -> spec.set(field.getKey(), field.getValue());
      }
    });
    rest.set("spec", spec);
    Digest shared = new Digest().add(build).add(bytes(rest));
    for (String folder : PlatformLoader.SITE_FOLDERS) {
      repoFiles(loaded.repo(), folder, shared);
    }
    Map<String, List<String>> bookings = new HashMap<>();
    for (Booking booking : allBookings) {
      bookings.computeIfAbsent(booking.project(), p -> new ArrayList<>())
          .add(booking + " announced=" + schedule.announced(booking) + " active=" + booking.activeAt(schedule.now()));
    }
    Map<String, List<String>> ports = new HashMap<>();
    lock.ports().forEach((slot, port) -> ports.computeIfAbsent(slot.project(), p -> new ArrayList<>()).add(slot.describe() + "=" + port));
    return new UnitKeys(shared.hex(), projects, bookings, ports);
  }

  /** The name of a unit in the cache, or empty for a unit that is always rendered. */
  public static Optional<String> id(Unit unit) {
    if (unit instanceof Unit.ProjectUnit p) {
      return Optional.of("project/" + p.project().name());
    }
    if (unit instanceof Unit.Placement p) {
      return Optional.of("placement/" + p.cluster().name() + "/" + p.project().name());
    }
    return Optional.empty();
  }

  /** The key of a unit, or empty for a unit that is always rendered. */
  public Optional<String> key(Unit unit) {
    return id(unit).map(id -> {
      String project = unit instanceof Unit.ProjectUnit p ? p.project().name() : ((Unit.Placement) unit).project().name();
      Digest digest = new Digest().add(shared).add(id).add(bytes(projects.get(project)));
      bookings.getOrDefault(project, List.of()).forEach(digest::add);
      ports.getOrDefault(project, List.of()).forEach(digest::add);
      return digest.hex();
    });
  }

  /** The files of a folder the renderers read, through the repo's reader (loading has checked them). */
  private static void repoFiles(RepoReader repo, String folder, Digest digest) {
    for (String file : repo.folder(folder).files()) {
      if (!(repo.read(file) instanceof RepoReader.Content content)) {
        throw new IllegalStateException(file + " changed after the platform was loaded");
      }
      digest.add(file).add(content.bytes());
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return node == null ? new byte[0] : JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SHA-256 over length-prefixed parts, so that no two sequences of parts collide by concatenation. */
  private static final class Digest {
    private final MessageDigest sha;

    Digest() {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }

    Digest add(String part) {
      return add(part.getBytes(StandardCharsets.UTF_8));
    }

    Digest add(byte[] part) {
      sha.update(java.nio.ByteBuffer.allocate(8).putLong(part.length).array());
      sha.update(part);
      return this;
    }

    String hex() {
      return HexFormat.of().formatHex(sha.digest());
    }
  }
}
