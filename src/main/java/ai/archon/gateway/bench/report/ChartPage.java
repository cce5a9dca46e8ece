package ai.archon.gateway.bench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One self-contained HTML page of sections, tables and charts: the charts are drawn in the browser by the inlined
 * ECharts bundle (the WebJar) and {@code report.js} from chart specs embedded as JSON, so nothing is fetched when it
 * opens. {@code bench report} and {@code search} both write theirs with it.
 */
public final class ChartPage {
  private static final Pattern SLOT = Pattern.compile("\\{\\{(\\w+)}}");
  private static final String TEMPLATE = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <link rel="icon" href="data:,">
      <title>{{title}}</title>
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
      <h1>{{title}}</h1>
      {{meta}}
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
  private final StringBuilder body = new StringBuilder();
  private final StringBuilder nav = new StringBuilder();

  /** A section heading, also linked from the page's navigation. */
  public ChartPage section(String id, String title) {
    body.append("<h2 id=\"").append(id).append("\">").append(Html.text(title)).append("</h2>\n");
    nav.append("<a href=\"#").append(id).append("\">").append(Html.text(title)).append("</a>");
    return this;
  }

  /** Markup written as is: the caller escapes any text in it with {@link #text}. */
  public ChartPage html(String markup) {
    body.append(markup);
    return this;
  }

  /** A paragraph of small explanatory text. */
  public ChartPage note(String text) {
    body.append("<p class=\"note\">").append(Html.text(text)).append("</p>\n");
    return this;
  }

  /** A figure whose chart element names its spec by index; the page's script draws it. */
  public ChartPage chart(ObjectNode spec, boolean tall) {
    int index = charts.size();
    charts.add(spec);
    String title = spec.get("title").textValue();
    String note = spec.path("note").asText("");
    body.append("<figure><h4>").append(Html.text(title)).append("</h4><div class=\"chart").append(tall ? " tall" : "")
        .append("\" data-chart=\"").append(index).append("\" role=\"img\" aria-label=\"").append(Html.text(title))
        .append("\"></div>").append(note.isEmpty() ? "" : "<figcaption>" + Html.text(note) + "</figcaption>")
        .append("</figure>\n");
    return this;
  }

  public boolean isEmpty() {
    return body.length() == 0;
  }

  /** A chart spec of {@code kind} (one of {@code report.js}'s builders) titled {@code title}. */
  public static ObjectNode spec(String kind, String title) {
    return ChartSpecs.spec(kind, title);
  }

  /** {@code s} escaped for HTML text and attribute values. */
  public static String text(String s) {
    return Html.text(s);
  }

  /** The page titled {@code title} with {@code meta} (markup) under the heading. */
  public String render(String title, String meta) {
    ObjectNode data = ReportInputs.MAPPER.createObjectNode();
    data.set("charts", charts);
    return fill(Map.of("title", Html.text(title), "meta", meta, "nav", nav.toString(), "body", body.toString(),
        "echartsVersion", Html.text(EChartsBundle.version()), "data", Html.scriptJson(data),
        "echarts", Html.inlineScript(EChartsBundle.script()), "reportJs", Html.inlineScript(resource("report.js"))));
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
    try (InputStream in = ChartPage.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("report resource missing: " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
