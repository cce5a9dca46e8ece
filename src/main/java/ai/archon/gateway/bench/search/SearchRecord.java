package ai.archon.gateway.bench.search;

import ai.archon.gateway.model.JsonIo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The search's record in {@code --out}: {@code architectures.jsonl}, one line appended per finished evaluation (so
 * {@code --resume} continues after the last one, its spending carried over), and at the end {@code best.json},
 * {@code search.json} and {@code report.html}. Without {@code --resume} an earlier search's record, answers and
 * judgments are removed first; the call cache ({@code calls.jsonl}) is kept, so repeating a search pays nothing again.
 */
final class SearchRecord {
  private final SearchOptions opts;
  private final Path file;
  private final List<Evaluation> evaluations = new ArrayList<>();
  private final double baseUsd;
  private final long baseCalls;
  private final long baseSaved;
  private Evaluation best;
  private String stopped = "";
  private int spaceSize;
  private long finalCalls;
  private double finalUsd;
  private long finalSaved;

  private SearchRecord(SearchOptions opts, List<Evaluation> earlier) {
    this.opts = opts;
    this.file = opts.out().resolve("architectures.jsonl");
    evaluations.addAll(earlier);
    Evaluation last = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
    baseUsd = last == null ? 0 : last.spentUsd();
    baseCalls = last == null ? 0 : last.upstreamCalls();
    baseSaved = last == null ? 0 : last.callsSaved();
  }

  static SearchRecord open(SearchOptions opts) {
    Path out = opts.out();
    try {
      Files.createDirectories(out);
      if (!opts.resume()) {
        for (String name : List.of("architectures.jsonl", "best.json", "search.json", "report.html",
            "dev-questions.json", "dev-questions.jsonl", "runs", "configs")) {
          delete(out.resolve(name));
        }
      }
      List<Evaluation> earlier = new ArrayList<>();
      Path file = out.resolve("architectures.jsonl");
      if (Files.isRegularFile(file)) {
        Lines.endWithNewline(file);
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.isBlank()) continue;
          try {
            earlier.add(Evaluation.of(JsonIo.MAPPER.readTree(line)));
          } catch (IOException e) {
            continue; // a line cut short by a killed run: that evaluation is made again
          }
        }
      }
      return new SearchRecord(opts, earlier);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Evaluation> evaluations() { return evaluations; }

  Evaluation best() { return best; }

  double spentUsd(CallCache cache) { return baseUsd + cache.upstreamUsd(); }

  long spentCalls(CallCache cache) { return baseCalls + cache.upstreamCalls(); }

  long saved(CallCache cache) { return baseSaved + cache.saved(); }

  /** Records one evaluation; a promotion's costs add to those of the questions it answered on the rung below. */
  Evaluation add(Architecture a, int rung, int questions, Evaluator.Result r, CallCache cache) {
    Evaluation below = null;
    for (Evaluation e : evaluations) if (e.id().equals(a.id()) && e.rung() == rung - 1) below = e;
    long queries = r.queries() + (below == null ? 0 : below.queries());
    double usd = r.usd() + (below == null ? 0 : below.costUsdPerQuery() * below.queries());
    double calls = r.calls() + (below == null ? 0 : below.callsPerQuery() * below.queries());
    Objective.Scored s = r.scored();
    Evaluation e = new Evaluation(a.id(), a.describe(), a.config(a.id()), new Evaluation.Result(rung, s.score(), s.ciLower(), s.ciUpper(),
        questions), new Evaluation.Cost(queries, usd / Math.max(1, queries), calls / Math.max(1, queries), a.layers()), new Evaluation.Progress(spentUsd(cache),
        spentCalls(cache), saved(cache), System.currentTimeMillis() / 1000.0));
    evaluations.add(e);
    try {
      Files.writeString(file, e.json().toString() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    best = Halving.best(evaluations, opts.maxCostPerQuery(), opts.maxLayers());
    return e;
  }

  /** One progress line: this evaluation, the best so far and the spending against the budget. */
  String progress(Evaluation e, SearchOptions.Budget budget, CallCache cache) {
    return String.format(Locale.ROOT, "search: [%d] %s (%s) on %d questions: %.3f | best %s | spent %d calls, $%.4f"
        + " of %s | %d calls saved by reuse", evaluations.size(), e.id(), e.description(), e.questions(), e.score(),
        best == null ? "-" : String.format(Locale.ROOT, "%.3f %s on %d", best.score(), best.id(), best.questions()),
        spentCalls(cache), spentUsd(cache), budget, saved(cache));
  }

  /** Writes {@code best.json}, {@code search.json} and {@code report.html}. */
  void finish(Halving halving, int spaceSize, String stopped, CallCache cache) {
    this.stopped = stopped;
    this.spaceSize = spaceSize;
    this.finalCalls = spentCalls(cache);
    this.finalUsd = spentUsd(cache);
    this.finalSaved = saved(cache);
    best = Halving.best(evaluations, opts.maxCostPerQuery(), opts.maxLayers());
    try {
      if (best != null) {
        Files.writeString(opts.out().resolve("best.json"),
            JsonIo.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(best.config()) + "\n");
      }
      Files.writeString(opts.out().resolve("search.json"),
          JsonIo.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(summaryJson(halving)) + "\n");
      Files.writeString(opts.out().resolve("report.html"), SearchReport.html(opts, summaryJson(halving), evaluations,
          frontier(), best), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Pareto frontier of the rung the best is on (empty before there is a best). */
  List<Evaluation> frontier() {
    return best == null ? List.of() : Halving.frontier(evaluations, best.rung());
  }

  private ObjectNode summaryJson(Halving halving) {
    ObjectNode n = JsonIo.MAPPER.createObjectNode();
    if (best == null) n.putNull("best_score");
    else n.put("best_score", best.score());
    n.put("upstream_calls", finalCalls);
    n.put("calls_saved_by_reuse", finalSaved);
    ObjectNode budget = n.putObject("budget");
    if (opts.budget().usd() != null) budget.put("usd", opts.budget().usd());
    else budget.put("calls", opts.budget().calls());
    ObjectNode spent = n.putObject("spent");
    spent.put("usd", finalUsd).put("calls", finalCalls);
    if (best == null) n.putNull("best");
    else n.put("best", best.id()).put("best_questions", best.questions()).put("best_ci_lower", best.ciLower())
        .put("best_ci_upper", best.ciUpper()).put("best_cost_usd_per_query", best.costUsdPerQuery())
        .put("best_layers", best.layers());
    n.put("benchmark", opts.benchmark()).put("judge", opts.scoring().judge());
    ArrayNode models = n.putArray("models");
    opts.models().forEach(m -> models.add(m.toString()));
    ObjectNode limits = n.putObject("limits");
    if (opts.maxLayers() != Integer.MAX_VALUE) limits.put("max_latency_layers", opts.maxLayers());
    if (!Double.isInfinite(opts.maxCostPerQuery())) limits.put("max_cost_per_query", opts.maxCostPerQuery());
    n.put("stopped", stopped).put("evaluations", evaluations.size())
        .put("architectures", evaluations.stream().map(Evaluation::id).distinct().count())
        .put("space_size", spaceSize).put("patience", halving.patience());
    ArrayNode rungs = n.putArray("rungs");
    for (int q : halving.rungs()) rungs.add(q);
    ArrayNode pareto = n.putArray("pareto_frontier");
    for (Evaluation e : frontier()) {
      pareto.addObject().put("id", e.id()).put("score", e.score()).put("cost_usd_per_query", e.costUsdPerQuery())
          .put("layers", e.layers()).put("description", e.description());
    }
    return n;
  }

  /** The summary printed to stdout at the end. */
  String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "search: %d evaluations of %d architectures (stopped: %s)%n",
        evaluations.size(), evaluations.stream().map(Evaluation::id).distinct().count(), stopped));
    if (best == null) {
      sb.append("search: no architecture could be scored within the limits\n");
    } else {
      sb.append(String.format(Locale.ROOT, "best: %s (%s) score %.3f [%.3f, %.3f] on %d questions, $%.6f and %.1f calls"
          + " per query, %d layers%n", best.id(), best.description(), best.score(), best.ciLower(), best.ciUpper(),
          best.questions(), best.costUsdPerQuery(), best.callsPerQuery(), best.layers()));
    }
    sb.append(String.format(Locale.ROOT, "spent: %d upstream calls, $%.4f (budget %s); %d calls saved by reuse%n",
        finalCalls, finalUsd, opts.budget(), finalSaved));
    sb.append("written: ").append(opts.out().resolve("best.json")).append(", architectures.jsonl, search.json,"
        + " report.html\n");
    return sb.toString();
  }

  private static void delete(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
    }
  }
}
