package ai.archon.gateway.bench.search;

import ai.archon.gateway.model.JsonIo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One architecture scored on the first {@code questions} development questions: a line of
 * {@code architectures.jsonl}. Costs and calls are per query (one request to the architecture: a question's turn)
 * and count every call the architecture makes, replies from the cache included, as a deployment would pay them;
 * {@code spentUsd} and {@code upstreamCalls} are the search's running totals when it finished (progress over time).
 */
record Evaluation(String id, String description, ObjectNode config, Result result, Cost cost, Progress progress) {
  /** Which rung scored it and how: the score, its confidence interval and the questions behind it. */
  record Result(int rung, double score, double ciLower, double ciUpper, int questions) {}

  /** What one query costs: dollars and calls over {@code queries}, and the layers it waits for. */
  record Cost(long queries, double costUsdPerQuery, double callsPerQuery, int layers) {}

  /** The search's running totals when it finished. */
  record Progress(double spentUsd, long upstreamCalls, long callsSaved, double time) {}

  int rung() {
    return result.rung();
  }

  double score() {
    return result.score();
  }

  double ciLower() {
    return result.ciLower();
  }

  double ciUpper() {
    return result.ciUpper();
  }

  int questions() {
    return result.questions();
  }

  long queries() {
    return cost.queries();
  }

  double costUsdPerQuery() {
    return cost.costUsdPerQuery();
  }

  double callsPerQuery() {
    return cost.callsPerQuery();
  }

  int layers() {
    return cost.layers();
  }

  double spentUsd() {
    return progress.spentUsd();
  }

  long upstreamCalls() {
    return progress.upstreamCalls();
  }

  long callsSaved() {
    return progress.callsSaved();
  }

  double time() {
    return progress.time();
  }

  ObjectNode json() {
    ObjectNode n = JsonIo.MAPPER.createObjectNode();
    n.set("config", config);
    n.put("score", score()).put("ci_lower", ciLower()).put("ci_upper", ciUpper()).put("questions", questions())
        .put("cost_usd_per_query", costUsdPerQuery()).put("calls_per_query", callsPerQuery()).put("layers", layers())
        .put("id", id).put("description", description).put("rung", rung()).put("queries", queries())
        .put("spent_usd", spentUsd()).put("upstream_calls", upstreamCalls()).put("calls_saved_by_reuse", callsSaved())
        .put("time", time());
    return n;
  }

  static Evaluation of(JsonNode n) {
    return new Evaluation(n.path("id").asText(), n.path("description").asText(), (ObjectNode) n.get("config"),
        new Result(n.path("rung").asInt(), n.path("score").asDouble(), n.path("ci_lower").asDouble(),
            n.path("ci_upper").asDouble(), n.path("questions").asInt()),
        new Cost(n.path("queries").asLong(), n.path("cost_usd_per_query").asDouble(), n.path("calls_per_query").asDouble(),
            n.path("layers").asInt()),
        new Progress(n.path("spent_usd").asDouble(), n.path("upstream_calls").asLong(),
            n.path("calls_saved_by_reuse").asLong(), n.path("time").asDouble()));
  }

  /** Better first: higher score, then cheaper, then fewer layers, then by id (so ties break the same every run). */
  static int better(Evaluation a, Evaluation b) {
    int c = Double.compare(b.score(), a.score());
    if (c == 0) c = Double.compare(a.costUsdPerQuery(), b.costUsdPerQuery());
    if (c == 0) c = Integer.compare(a.layers(), b.layers());
    if (c == 0) c = Double.compare(a.callsPerQuery(), b.callsPerQuery());
    return c != 0 ? c : a.id.compareTo(b.id);
  }
}
