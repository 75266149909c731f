package dev.maia.gitops.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as Markdown that fits a pull-request comment: the summary first, the details folded
 * in {@code <details>} blocks, and the whole capped at a size, with a note where it was cut.
 */
public final class MarkdownReport {

  /** GitHub holds 65,536 characters in a comment; this leaves room for a bot's own header. */
  public static final int DEFAULT_LIMIT = 60_000;

  private MarkdownReport() {}

  public static String render(ReportInput input, int limit) {
    ReportDocument document = ReportDocument.of(input);
    StringBuilder out = new StringBuilder();
    out.append("### ").append(inline(document.title())).append("\n\n");
    List<Block> blocks = new ArrayList<>(document.summary());
    blocks.addAll(document.details());
    int reserve = 300;
    for (int i = 0; i < blocks.size(); i++) {
      String text = block(blocks.get(i));
      if (out.length() + text.length() > limit - reserve) {
        int left = blocks.size() - i;
        out.append("> **This report was cut** to fit ").append(limit).append(" characters: ").append(left)
            .append(left == 1 ? " more section is" : " more sections are")
            .append(" in target/maia/report.html (the CI job's artifacts).\n");
        return out.toString();
      }
      out.append(text);
    }
    return out.toString();
  }

  private static String block(Block block) {
    if (block instanceof Block.Heading h) {
      return "#### " + inline(h.text()) + "\n\n";
    } else if (block instanceof Block.Text t) {
      return inline(t.text()) + "\n\n";
    } else if (block instanceof Block.Alert a) {
      return "> [!WARNING]\n> " + inline(a.text()) + "\n\n";
    } else if (block instanceof Block.Bullets b) {
      return String.join("", b.items().stream().map(i -> "- " + inline(i) + "\n").toList()) + "\n";
    } else if (block instanceof Block.Table t) {
      return table(t);
    } else if (block instanceof Block.Code c) {
      return code(c);
    }
    Block.Details d = (Block.Details) block;
    return "<details><summary>" + Html.escape(d.summary()) + "</summary>\n\n"
        + String.join("", d.body().stream().map(MarkdownReport::block).toList()) + "</details>\n\n";
  }

  private static String table(Block.Table table) {
    StringBuilder out = new StringBuilder();
    out.append("| ").append(String.join(" | ", table.header().stream().map(MarkdownReport::inline).toList())).append(" |\n");
    out.append("|").append(" --- |".repeat(table.header().size())).append('\n');
    for (List<String> row : table.rows()) {
      out.append("| ").append(String.join(" | ", row.stream().map(MarkdownReport::inline).toList())).append(" |\n");
    }
    return out.append('\n').toString();
  }

  /** A fence longer than any run of backticks in the text, so the text cannot close it. */
  private static String code(Block.Code code) {
    int longest = 0;
    int run = 0;
    for (char c : code.text().toCharArray()) {
      run = c == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(Math.max(3, longest + 1));
    String text = code.text().endsWith("\n") ? code.text() : code.text() + "\n";
    return fence + code.language() + "\n" + text + fence + "\n\n";
  }

  /** Plain text in Markdown: HTML and Markdown syntax characters are escaped. */
  static String inline(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\\', '`', '*', '_', '[', ']', '|', '#', '~' -> out.append('\\').append(c);
        case '\n', '\r' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
