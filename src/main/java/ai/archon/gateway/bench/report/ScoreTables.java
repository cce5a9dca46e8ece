package ai.archon.gateway.bench.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The leaderboard table of one benchmark, best model first, with the scorer's own column names as tooltips. */
final class ScoreTables {
  private record Column(String header, String field, Function<ObjectNode, String> cell) {
    static Column of(String header, String field) {
      return new Column(header, field, m -> Html.number(m.get(field)));
    }
  }

  private ScoreTables() { }

  static String table(ScoreResult result) {
    List<Column> columns = columns(result);
    StringBuilder sb = new StringBuilder("<table class=\"leaderboard\" data-benchmark=\"")
        .append(Html.text(result.benchmark())).append("\">\n<thead><tr><th>#</th><th class=\"text\">model</th>");
    for (Column c : columns) {
      sb.append("<th title=\"").append(Html.text(c.field())).append("\">").append(Html.text(c.header())).append("</th>");
    }
    sb.append("</tr></thead>\n<tbody>\n");
    int rank = 0;
    for (ObjectNode m : result.ranked()) {
      sb.append("<tr><td>").append(++rank).append("</td><td class=\"text model\">")
          .append(Html.text(m.get("model").textValue())).append("</td>");
      for (Column c : columns) sb.append("<td>").append(Html.text(c.cell().apply(m))).append("</td>");
      sb.append("</tr>\n");
    }
    return sb.append("</tbody>\n</table>\n").toString();
  }

  private static List<Column> columns(ScoreResult result) {
    String b = result.benchmark();
    if (b.equals(Benchmarks.ALPACA_EVAL)) {
      return List.of(Column.of("LC win rate", "length_controlled_winrate"), Column.of("LC SE", "lc_standard_error"),
          Column.of("win rate", "win_rate"), Column.of("SE", "standard_error"),
          Column.of("discrete win rate", "discrete_win_rate"), Column.of("wins", "n_wins"),
          Column.of("base wins", "n_wins_base"), Column.of("draws", "n_draws"), Column.of("total", "n_total"),
          Column.of("avg length", "avg_length"));
    }
    if (Benchmarks.isArenaHard(b)) {
      return List.of(Column.of("score", "score"),
          new Column("95% CI", "ci_lower, ci_upper",
              m -> Html.number(m.get("ci_lower")) + " – " + Html.number(m.get("ci_upper"))),
          Column.of("avg tokens", "avg_tokens"));
    }
    List<Column> out = new ArrayList<>(List.of(Column.of("score", "score"), Column.of("turn 1", "turn_1"),
        Column.of("turn 2", "turn_2")));
    for (String category : result.categories()) {
      out.add(new Column(category, "categories." + category, m -> Html.number(m.path("categories").get(category))));
    }
    return out;
  }
}
