package dev.maia.gitops.report;

import java.util.List;

/** A piece of a report, in plain text; each renderer escapes it for its format. */
sealed interface Block {

  record Heading(String text) implements Block {}

  record Text(String text) implements Block {}

  /** A warning that must not be missed (a blocked deletion, an invalid platform). */
  record Alert(String text) implements Block {}

  record Bullets(List<String> items) implements Block {
    public Bullets {
      items = List.copyOf(items);
    }
  }

  record Table(List<String> header, List<List<String>> rows) implements Block {
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  record Code(String language, String text) implements Block {}

  /** Folded content: a one-line summary that opens to the body. */
  record Details(String summary, List<Block> body) implements Block {
    public Details {
      body = List.copyOf(body);
    }
  }
}
