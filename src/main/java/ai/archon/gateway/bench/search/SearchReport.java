package ai.archon.gateway.bench.search;

import ai.archon.gateway.bench.report.ChartPage;
import ai.archon.gateway.model.JsonIo;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.html}: the search on one {@link ChartPage} (the page {@code bench report} draws, ECharts inlined):
 * the quality-cost Pareto frontier of the architectures scored on the best's question set, the progress of the
 * search against the upstream calls it spent, and tables of the frontier and every evaluation.
 */
final class SearchReport {
  private SearchReport() { }

  static String html(SearchOptions opts, ObjectNode summary, List<Evaluation> done, List<Evaluation> frontier,
      Evaluation best) {
    ChartPage page = new ChartPage();
    page.section("pareto", "Quality and cost");
    if (best == null) {
      page.note("No architecture was scored within the limits yet.");
    } else {
      page.chart(pareto(done, frontier, best), false);
      page.html(table(frontier, "Pareto frontier"));
    }
    page.section("progress", "Progress");
    page.chart(progress(done, opts), false);
    page.section("evaluations", "Evaluations");
    page.html(table(done, "Every evaluation, in order"));
    String meta = "<p class=\"meta\">Generated " + Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()
        .replace('T', ' ').replace("Z", "") + " UTC. " + ChartPage.text(opts.benchmark() + ", judge " + opts.scoring().judge()
        + ", models " + String.join(", ", opts.models().stream().map(ModelRef::toString).toList())) + ".</p>\n"
        + "<p class=\"meta\">" + ChartPage.text(String.format(Locale.ROOT, "Best score %s; %d upstream calls, $%.4f"
        + " spent of %s; %d calls saved by reuse; %d evaluations of %d architectures in a space of %d; stopped: %s.",
        summary.path("best_score").isNull() ? "none" : String.format(Locale.ROOT, "%.3f", summary.path("best_score")
            .asDouble()), summary.path("upstream_calls").asLong(), summary.path("spent").path("usd").asDouble(),
        opts.budget(), summary.path("calls_saved_by_reuse").asLong(), summary.path("evaluations").asInt(),
        summary.path("architectures").asInt(), summary.path("space_size").asInt(), summary.path("stopped").asText()))
        + "</p>\n";
    return page.render("Architecture search", meta);
  }

  private static ObjectNode pareto(List<Evaluation> done, List<Evaluation> frontier, Evaluation best) {
    ObjectNode spec = ChartPage.spec("pareto", "Score against cost per query, " + best.questions() + " questions");
    spec.put("xName", "US dollars per query").put("yName", "score");
    spec.put("note", "Every architecture scored on the best's question set; the line is the quality-cost Pareto"
        + " frontier (nothing else is as good for less), the diamond the best within the limits.");
    ArrayNode points = spec.putArray("points");
    Halving.atRung(done, best.rung()).forEach(e -> points.add(point(e)));
    ArrayNode line = spec.putArray("frontier");
    frontier.forEach(e -> line.add(point(e).add(e.id())));
    spec.set("best", point(best));
    return spec;
  }

  private static ArrayNode point(Evaluation e) {
    return JsonIo.MAPPER.createArrayNode().add(e.costUsdPerQuery()).add(e.score()).add(e.id() + ": " + e.description());
  }

  private static ObjectNode progress(List<Evaluation> done, SearchOptions opts) {
    ObjectNode spec = ChartPage.spec("progress", "Scores as the budget was spent");
    spec.put("xName", "upstream calls spent").put("yName", "score");
    spec.put("note", "One point per evaluation, by the questions it was scored on; the line is the best within the"
        + " limits so far.");
    ArrayNode series = spec.putArray("series");
    int rungs = done.stream().mapToInt(Evaluation::rung).max().orElse(-1);
    for (int r = 0; r <= rungs; r++) {
      int rung = r;
      List<Evaluation> at = done.stream().filter(e -> e.rung() == rung).toList();
      if (at.isEmpty()) continue;
      ObjectNode s = series.addObject().put("name", at.get(0).questions() + " questions");
      ArrayNode points = s.putArray("points");
      at.forEach(e -> points.addArray().add(e.upstreamCalls()).add(e.score()).add(e.id() + ": " + e.description()));
    }
    ArrayNode best = spec.putArray("best");
    List<Evaluation> prefix = new ArrayList<>();
    for (Evaluation e : done) {
      prefix.add(e);
      Evaluation b = Halving.best(prefix, opts.maxCostPerQuery(), opts.maxLayers());
      if (b != null) best.addArray().add(e.upstreamCalls()).add(b.score());
    }
    return spec;
  }

  private static String table(List<Evaluation> rows, String caption) {
    StringBuilder sb = new StringBuilder("<div class=\"scroll\"><table><caption class=\"note\">")
        .append(ChartPage.text(caption)).append("</caption><thead><tr><th class=\"text\">architecture</th>"
            + "<th class=\"text\">layers in order</th><th>questions</th><th>score</th><th>95% CI</th>"
            + "<th>$ per query</th><th>calls per query</th><th>layers</th></tr></thead><tbody>");
    for (Evaluation e : rows) {
      sb.append("<tr><td class=\"text\">").append(ChartPage.text(e.id())).append("</td><td class=\"text model\">")
          .append(ChartPage.text(e.description())).append("</td><td>").append(e.questions()).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.3f</td><td>%.3f – %.3f</td><td>%.6f</td><td>%.1f</td><td>%d",
              e.score(), e.ciLower(), e.ciUpper(), e.costUsdPerQuery(), e.callsPerQuery(), e.layers()))
          .append("</td></tr>");
    }
    return sb.append("</tbody></table></div>\n").toString();
  }
}
