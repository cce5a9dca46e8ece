package ai.archon.gateway.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads answer records in the formats {@code bench} writes, recognised by their fields: AlpacaEval ({@code
 * instruction, output, generator}), MT-Bench and Arena-Hard v0.1 ({@code question_id, model_id, choices}; turns are
 * strings in MT-Bench, {@code {content, token_len}} in Arena-Hard), Arena-Hard v2.0 ({@code uid, model, messages,
 * metadata.token_len}) and custom JSONL ({@code id, model, output, usage, latency_ms}). An optional number {@code
 * cost_usd} on any record is read as that answer's cost; none of the official formats has one.
 */
final class AnswerRecords {
  private AnswerRecords() { }

  static List<AnswerPoint> read(List<JsonNode> records, String file) {
    List<AnswerPoint> out = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      AnswerPoint p = point(records.get(i));
      if (p == null) {
        throw new IllegalArgumentException("report input " + file + ": record " + (i + 1) + " is neither a score"
            + " result ({\"benchmark\", \"models\"}) nor an answer record of a format bench writes");
      }
      out.add(p);
    }
    return out;
  }

  /** The record's measures, or null when it is no answer format the report knows. */
  static AnswerPoint point(JsonNode r) {
    if (!r.isObject()) return null;
    Long latency = r.path("latency_ms").isNumber() ? r.get("latency_ms").longValue() : null;
    Double cost = r.path("cost_usd").isNumber() ? r.get("cost_usd").doubleValue() : null;
    if (text(r, "instruction") && text(r, "output") && text(r, "generator")) {
      return new AnswerPoint(r.get("generator").textValue(), Benchmarks.ALPACA_EVAL, chars(r.get("output")), null,
          latency, cost);
    }
    if (r.has("question_id") && text(r, "model_id") && r.path("choices").path(0).path("turns").isArray()) {
      return choices(r, latency, cost);
    }
    if (r.has("uid") && text(r, "model") && r.path("messages").isArray()) {
      return arenaHardV2(r, latency, cost);
    }
    if (r.has("id") && text(r, "model") && text(r, "output")) {
      JsonNode tokens = r.path("usage").path("completion_tokens");
      return new AnswerPoint(r.get("model").textValue(), Benchmarks.JSONL, chars(r.get("output")),
          tokens.isNumber() ? tokens.longValue() : null, latency, cost);
    }
    return null;
  }

  /** MT-Bench (turns are strings) or Arena-Hard v0.1 (turns are {@code {content, token_len}}). */
  private static AnswerPoint choices(JsonNode r, Long latency, Double cost) {
    JsonNode turns = r.get("choices").get(0).get("turns");
    int chars = 0;
    long tokens = 0;
    boolean arenaHard = false;
    for (JsonNode t : turns) {
      if (t.isTextual()) {
        chars += chars(t);
      } else {
        arenaHard = true;
        chars += chars(t.path("content"));
        tokens += t.path("token_len").asLong(0);
      }
    }
    String benchmark = arenaHard ? Benchmarks.ARENA_HARD_V01 : Benchmarks.MT_BENCH;
    return new AnswerPoint(r.get("model_id").textValue(), benchmark, chars, arenaHard ? tokens : null, latency, cost);
  }

  private static AnswerPoint arenaHardV2(JsonNode r, Long latency, Double cost) {
    int chars = 0;
    for (JsonNode m : r.get("messages")) {
      if ("assistant".equals(m.path("role").asText())) chars += chars(m.path("content").path("answer"));
    }
    JsonNode tokens = r.path("metadata").path("token_len");
    return new AnswerPoint(r.get("model").textValue(), Benchmarks.ARENA_HARD_V2, chars,
        tokens.isNumber() ? tokens.longValue() : null, latency, cost);
  }

  private static boolean text(JsonNode r, String field) {
    return r.path(field).isTextual();
  }

  /** Characters as Python's {@code len} counts them (code points), which AlpacaEval's {@code avg_length} uses. */
  private static int chars(JsonNode text) {
    String s = text.asText("");
    return s.codePointCount(0, s.length());
  }
}
