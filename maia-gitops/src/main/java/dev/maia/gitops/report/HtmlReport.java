package dev.maia.gitops.report;

import java.util.List;

/** The report as one self-contained HTML page (no script, no external resource), every text escaped. */
public final class HtmlReport {

  private static final String STYLE =
      "body{font:14px/1.5 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#1f2328}"
          + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #d0d7de;padding:.2em .6em;text-align:left}"
          + ".alert{border-left:4px solid #d1242f;background:#fff5f5;padding:.5em 1em}"
          + "pre{background:#f6f8fa;padding:1em;overflow:auto}summary{cursor:pointer;margin:.3em 0}"
          + ".add{color:#116329}.del{color:#82071e}.hunk{color:#8250df}";

  private HtmlReport() {}

  public static String render(ReportInput input) {
    ReportDocument document = ReportDocument.of(input);
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<title>").append(Html.escape(document.title())).append("</title>\n")
        .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n")
        .append("<h1>").append(Html.escape(document.title())).append("</h1>\n");
    document.summary().forEach(block -> block(block, out));
    document.details().forEach(block -> block(block, out));
    return out.append("</body>\n</html>\n").toString();
  }

  private static void block(Block block, StringBuilder out) {
    if (block instanceof Block.Heading h) {
      out.append("<h2>").append(Html.escape(h.text())).append("</h2>\n");
    } else if (block instanceof Block.Text t) {
      out.append("<p>").append(Html.escape(t.text())).append("</p>\n");
    } else if (block instanceof Block.Alert a) {
      out.append("<p class=\"alert\">").append(Html.escape(a.text())).append("</p>\n");
    } else if (block instanceof Block.Bullets b) {
      out.append("<ul>\n");
      b.items().forEach(i -> out.append("<li>").append(Html.escape(i)).append("</li>\n"));
      out.append("</ul>\n");
    } else if (block instanceof Block.Table t) {
      table(t, out);
    } else if (block instanceof Block.Code c) {
      code(c, out);
    } else if (block instanceof Block.Details d) {
      out.append("<details><summary>").append(Html.escape(d.summary())).append("</summary>\n");
      d.body().forEach(inner -> block(inner, out));
      out.append("</details>\n");
    }
  }

  private static void table(Block.Table table, StringBuilder out) {
    out.append("<table>\n<tr>");
    table.header().forEach(h -> out.append("<th>").append(Html.escape(h)).append("</th>"));
    out.append("</tr>\n");
    for (List<String> row : table.rows()) {
      out.append("<tr>");
      row.forEach(cell -> out.append("<td>").append(Html.escape(cell)).append("</td>"));
      out.append("</tr>\n");
    }
    out.append("</table>\n");
  }

  private static void code(Block.Code code, StringBuilder out) {
    out.append("<pre><code>");
    for (String line : code.text().split("\n", -1)) {
      String css = line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : null;
      if (css == null) {
        out.append(Html.escape(line));
      } else {
        out.append("<span class=\"").append(css).append("\">").append(Html.escape(line)).append("</span>");
      }
      out.append('\n');
    }
    out.append("</code></pre>\n");
  }
}
