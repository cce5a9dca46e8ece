package ai.archon.gateway.bench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report as one self-contained HTML page: tables written here, charts drawn in the browser by the inlined
 * ECharts bundle and {@code report.js} from the chart specs embedded as JSON. Nothing is fetched when it opens.
 */
final class ReportPage {
  private static final Pattern SLOT = Pattern.compile("\\{\\{(\\w+)}}");
  private static final String TEMPLATE = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <link rel="icon" href="data:,">
      <title>Benchmark report</title>
      <style>
      body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; margin: 0;
             background: #f6f7f9; }
      main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 48px; }
      h1 { margin: 0 0 4px; font-size: 26px; }
      h2 { margin: 36px 0 8px; font-size: 21px; border-bottom: 1px solid #d8dbe0; padding-bottom: 4px; }
      h3 { margin: 24px 0 8px; font-size: 17px; }
      .meta, .note, figcaption { color: #5a6270; font-size: 13px; }
      nav a { margin-right: 14px; }
      table { border-collapse: collapse; background: #fff; margin: 8px 0; font-variant-numeric: tabular-nums; }
      th, td { padding: 5px 8px; border-bottom: 1px solid #e4e6ea; text-align: right; white-space: nowrap; }
      th { background: #eef0f3; font-weight: 600; white-space: normal; vertical-align: bottom; }
      th.text, td.text { text-align: left; }
      td.model { white-space: normal; overflow-wrap: break-word; min-width: 9em; max-width: 320px; }
      tbody tr:nth-child(even) { background: #fafbfc; }
      .scroll { overflow-x: auto; }
      figure { margin: 12px 0 20px; background: #fff; border: 1px solid #e4e6ea; border-radius: 6px; padding: 12px; }
      figure h4 { margin: 0 0 6px; font-size: 15px; }
      .chart { width: 100%; height: 380px; }
      .chart.tall { height: 460px; }
      details { margin-top: 6px; }
      </style>
      </head>
      <body>
      <main>
      <h1>Benchmark report</h1>
      <p class="meta">Generated {{generated}} UTC from {{inputCount}} input file(s).</p>
      <details class="meta"><summary>Inputs</summary><ul>{{inputs}}</ul></details>
      <nav>{{nav}}</nav>
      {{body}}
      <p class="note">Charts drawn with Apache ECharts {{echartsVersion}}, inlined in this page.</p>
      </main>
      <script id="report-data" type="application/json">{{data}}</script>
      <script>{{echarts}}</script>
      <script>{{reportJs}}</script>
      </body>
      </html>
      """;

  private final ArrayNode charts = ReportInputs.MAPPER.createArrayNode();

  private ReportPage() { }

  static String render(ReportInputs in, Instant generated) {
    return new ReportPage().page(in, generated);
  }

  private String page(ReportInputs in, Instant generated) {
    StringBuilder body = new StringBuilder();
    StringBuilder nav = new StringBuilder();
    if (!in.scores().isEmpty()) {
      section(body, nav, "leaderboard", "Leaderboard");
      for (ScoreResult r : in.scores()) {
        body.append("<h3>").append(Html.text(Benchmarks.title(r.benchmark()))).append("</h3>\n<div class=\"scroll\">")
            .append(ScoreTables.table(r)).append("</div>\n");
        body.append(chart(ChartSpecs.scores(r), false));
      }
      List<ObjectNode> lengths = in.scores().stream().map(ChartSpecs::length)
          .filter(java.util.Objects::nonNull).toList();
      if (!lengths.isEmpty()) {
        section(body, nav, "length", "Score against answer length");
        body.append("<p class=\"note\">A judge that prefers longer answers shows as an upward slope. AlpacaEval's"
            + " length-controlled win rate removes that preference; the dashed segments go from each model's raw"
            + " win rate to its length-controlled one.</p>\n");
        lengths.forEach(spec -> body.append(chart(spec, false)));
      }
      List<ObjectNode> radars = in.scores().stream().map(ChartSpecs::categories)
          .filter(java.util.Objects::nonNull).toList();
      if (!radars.isEmpty()) {
        section(body, nav, "categories", "MT-Bench categories");
        radars.forEach(spec -> body.append(chart(spec, true)));
      }
    }
    if (!in.answers().isEmpty()) {
      List<AnswerSummary.Group> groups = AnswerSummary.groups(in.answers());
      section(body, nav, "answers", "Answers");
      body.append("<p class=\"note\">Per answer, from the answer files. Latency and cost appear when the files record"
          + " them (bench's jsonl answers record latency and usage; the official formats do not).</p>\n")
          .append("<div class=\"scroll\">").append(AnswerSummary.table(groups)).append("</div>\n");
      AnswerSummary.charts(groups).forEach(spec -> body.append(chart(spec, false)));
    }
    if (body.length() == 0) body.append("<p>The inputs hold no scores and no answers.</p>\n");
    StringBuilder inputs = new StringBuilder();
    in.files().forEach(f -> inputs.append("<li>").append(Html.text(f)).append("</li>"));
    ObjectNode data = ReportInputs.MAPPER.createObjectNode();
    data.set("charts", charts);
    return fill(Map.of("generated", generated.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ')
            .replace("Z", ""), "inputCount", String.valueOf(in.files().size()), "inputs", inputs.toString(),
        "nav", nav.toString(), "body", body.toString(), "echartsVersion", Html.text(EChartsBundle.version()),
        "data", Html.scriptJson(data), "echarts", Html.inlineScript(EChartsBundle.script()),
        "reportJs", Html.inlineScript(resource("report.js"))));
  }

  private static void section(StringBuilder body, StringBuilder nav, String id, String title) {
    body.append("<h2 id=\"").append(id).append("\">").append(Html.text(title)).append("</h2>\n");
    nav.append("<a href=\"#").append(id).append("\">").append(Html.text(title)).append("</a>");
  }

  /** A figure whose chart element names its spec by index; the page's script draws it. */
  private String chart(ObjectNode spec, boolean tall) {
    int index = charts.size();
    charts.add(spec);
    String title = spec.get("title").textValue();
    String note = spec.path("note").asText("");
    return "<figure><h4>" + Html.text(title) + "</h4><div class=\"chart" + (tall ? " tall" : "") + "\" data-chart=\""
        + index + "\" role=\"img\" aria-label=\"" + Html.text(title) + "\"></div>"
        + (note.isEmpty() ? "" : "<figcaption>" + Html.text(note) + "</figcaption>") + "</figure>\n";
  }

  /** Fills every {{slot}} in one pass, so text put into one slot is never read as another. */
  private static String fill(Map<String, String> values) {
    Matcher m = SLOT.matcher(TEMPLATE);
    StringBuilder sb = new StringBuilder(TEMPLATE.length() + 1_200_000);
    while (m.find()) {
      String v = values.get(m.group(1));
      if (v == null) throw new IllegalStateException("report template slot without a value: " + m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String resource(String name) {
    try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("report resource missing: " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
