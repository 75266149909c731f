package dev.maia.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maia.core.GenerateRequest;
import dev.maia.core.MaiaCompiler;
import dev.maia.core.MaiaLog;
import dev.maia.core.TestPaths;
import dev.maia.core.model.Booking;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class CalendarSvgTest {

  @TempDir Path tmp;

  private static Booking booking(String id, int gpus, String start, String end) {
    return new Booking(id, "u-" + id + "@lab.example.org", "seg", "lab", "NVIDIA-L40S", gpus, Instant.parse(start), Instant.parse(end));
  }

  @Test
  void eachBookingTakesTheLowestSharesFreeAtItsStartWhateverTheInputOrder() {
    // given: a 2-GPU booking, one that starts when the first ends, one alongside
    List<Booking> bookings =
        new ArrayList<>(List.of(
            booking("a", 2, "2026-12-01T00:00:00Z", "2026-12-05T00:00:00Z"),
            booking("b", 1, "2026-12-05T00:00:00Z", "2026-12-09T00:00:00Z"),
            booking("c", 1, "2026-12-06T00:00:00Z", "2026-12-08T00:00:00Z")));
    List<Booking> shuffled = new ArrayList<>(bookings);
    Collections.shuffle(shuffled, new Random(3));

    // when
    List<List<Booking>> rows = CalendarSvg.rows(3, bookings);

    // then
    assertThat(rows).extracting(row -> row.stream().map(Booking::id).toList())
        .containsExactly(List.of("a", "b"), List.of("a", "c"), List.of());
    assertThat(CalendarSvg.rows(3, shuffled)).isEqualTo(rows);
  }

  @Test
  void bookingsBeyondTheCapacityGetRowsOfTheirOwn() {
    // when
    List<List<Booking>> rows =
        CalendarSvg.rows(1, List.of(booking("a", 1, "2026-12-01T00:00:00Z", "2026-12-05T00:00:00Z"), booking("b", 1, "2026-12-02T00:00:00Z", "2026-12-03T00:00:00Z")));

    // then
    assertThat(rows).hasSize(2);
  }

  @Test
  void thePictureIsWellFormedSvgWithTheBookingAndTheSameBytesOnARerun() throws Exception {
    // given
    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");
    Instant now = Instant.parse("2026-12-03T00:00:00Z");

    // when
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(TestPaths.examplePlatform(), first, now));
    new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(TestPaths.examplePlatform(), second, now));

    // then
    String name = "calendar/ki-hospital-NVIDIA-A100-SXM4-80GB.svg";
    byte[] bytes = Files.readAllBytes(first.resolve(name));
    assertThat(Files.readAllBytes(second.resolve(name))).isEqualTo(bytes);
    Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text)
        .doesNotContain("\r")
        .contains(">b-2026-0001</text>")
        .contains("b-2026-0001: 1 x NVIDIA-A100-SXM4-80GB for phd.student@kth.se (brain-mets) from 2026-12-01T00:00:00Z to 2026-12-08T00:00:00Z")
        .contains("Shaded: now, the span in which this tree holds: from 2026-11-30 00:00 until 2026-12-08 00:00 (UTC)");
  }
}
