package ai.archon.gateway.bench.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The benchmark report as one self-contained {@link ChartPage}: tables written here, charts drawn in the browser from
 * the chart specs.
 */
final class ReportPage {
  private final ChartPage page = new ChartPage();

  private ReportPage() { }

  static String render(ReportInputs in, Instant generated) {
    return new ReportPage().page(in, generated);
  }

  private String page(ReportInputs in, Instant generated) {
    if (!in.scores().isEmpty()) {
      page.section("leaderboard", "Leaderboard");
      for (ScoreResult r : in.scores()) {
        page.html("<h3>" + Html.text(Benchmarks.title(r.benchmark())) + "</h3>\n<div class=\"scroll\">"
            + ScoreTables.table(r) + "</div>\n");
        page.chart(ChartSpecs.scores(r), false);
      }
      List<ObjectNode> lengths = in.scores().stream().map(ChartSpecs::length)
          .filter(java.util.Objects::nonNull).toList();
      if (!lengths.isEmpty()) {
        page.section("length", "Score against answer length");
        page.note("A judge that prefers longer answers shows as an upward slope. AlpacaEval's"
            + " length-controlled win rate removes that preference; the dashed segments go from each model's raw"
            + " win rate to its length-controlled one.");
        lengths.forEach(spec -> page.chart(spec, false));
      }
      List<ObjectNode> radars = in.scores().stream().map(ChartSpecs::categories)
          .filter(java.util.Objects::nonNull).toList();
      if (!radars.isEmpty()) {
        page.section("categories", "MT-Bench categories");
        radars.forEach(spec -> page.chart(spec, true));
      }
    }
    if (!in.answers().isEmpty()) {
      List<AnswerSummary.Group> groups = AnswerSummary.groups(in.answers());
      page.section("answers", "Answers");
      page.note("Per answer, from the answer files. Latency and cost appear when the files record"
          + " them (bench's jsonl answers record latency and usage; the official formats do not).");
      page.html("<div class=\"scroll\">" + AnswerSummary.table(groups) + "</div>\n");
      AnswerSummary.charts(groups).forEach(spec -> page.chart(spec, false));
    }
    if (page.isEmpty()) page.html("<p>The inputs hold no scores and no answers.</p>\n");
    StringBuilder inputs = new StringBuilder();
    in.files().forEach(f -> inputs.append("<li>").append(Html.text(f)).append("</li>"));
    String meta = "<p class=\"meta\">Generated " + generated.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ')
        .replace("Z", "") + " UTC from " + in.files().size() + " input file(s).</p>\n"
        + "<details class=\"meta\"><summary>Inputs</summary><ul>" + inputs + "</ul></details>";
    return page.render("Benchmark report", meta);
  }
}
