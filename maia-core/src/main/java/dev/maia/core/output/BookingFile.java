package dev.maia.core.output;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maia.core.model.Booking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A new booking as its own include file, {@code bookings/<id>.yaml} next to the platform file,
 * written by the canonical writer. Unlike the generated tree it belongs to the platform repo: it is
 * committed, reviewed and may be edited like any booking written by hand.
 */
public final class BookingFile {

  public static final String FOLDER = "bookings";

  static final String HEADER =
      "# A GPU booking, written by maia:book. Commit it with the platform; edit or remove it like any booking.\n";

  private BookingFile() {}

  /** The path of the booking's file, relative to the platform repo. */
  public static String path(Booking booking) {
    return FOLDER + "/" + booking.id() + ".yaml";
  }

  /** The file's content: {@code bookings:} with the one booking, its cluster written out. */
  public static byte[] bytes(Booking booking) {
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    ObjectNode item = document.putArray("bookings").addObject();
    item.put("id", booking.id());
    item.put("user", booking.user());
    item.put("project", booking.project());
    item.put("cluster", booking.cluster());
    item.put("product", booking.product());
    item.put("gpus", booking.gpus());
    item.put("start", booking.start().toString());
    item.put("end", booking.end().toString());
    return CanonicalYaml.write(List.of(document), HEADER);
  }

  /**
   * Writes the booking's file into {@code platformRepo} atomically; never replaces a file.
   *
   * @return the file written
   * @throws FileAlreadyExistsException wrapped, when a file of that name exists
   */
  public static Path write(Path platformRepo, Booking booking) {
    Path target = platformRepo.resolve(path(booking));
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), "." + booking.id() + "-", ".tmp");
      try {
        Files.write(tmp, bytes(booking));
        if (Files.exists(target)) {
          throw new FileAlreadyExistsException(target.toString());
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
