package ai.archon.gateway.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inputs for report tests, written by the test: score results in the shape {@code bench score --format json} prints
 * and answer files in bench's formats. The numbers are made up (plausible, distinct), not anyone's official results.
 */
final class ReportFixtures {
  /** A model name that would break the page if any place forgot to escape it. */
  static final String HOSTILE = "evil</script><img src=x onerror=alert(1)>";

  private ReportFixtures() { }

  static Path alpacaScores(Path dir) {
    return write(dir, "alpaca_scores.json", """
        {"benchmark": "alpaca_eval", "models": [
          {"model": "archon-70b", "win_rate": 44.2, "standard_error": 1.52, "n_wins": 352, "n_wins_base": 449,
           "n_draws": 4, "n_total": 805, "discrete_win_rate": 43.98, "avg_length": 2410,
           "length_controlled_winrate": 39.8, "lc_standard_error": 0.71},
          {"model": "gpt-4o", "win_rate": 51.3, "standard_error": 1.48, "n_wins": 410, "n_wins_base": 392,
           "n_draws": 3, "n_total": 805, "discrete_win_rate": 51.1, "avg_length": 1873,
           "length_controlled_winrate": 57.5, "lc_standard_error": 0.62},
          {"model": "%s", "win_rate": 12.5, "standard_error": 1.1, "n_wins": 100, "n_wins_base": 700,
           "n_draws": 5, "n_total": 805, "discrete_win_rate": 12.7, "avg_length": 980,
           "length_controlled_winrate": 18.2, "lc_standard_error": 0.9}]}
        """.formatted(HOSTILE.replace("\"", "\\\"")));
  }

  static Path arenaHardScores(Path dir) {
    return write(dir, "arena_scores.json", """
        {"benchmark": "arena_hard_v2.0", "models": [
          {"model": "o3-mini", "score": 50.0, "ci_lower": 48.1, "ci_upper": 51.9, "avg_tokens": 1021},
          {"model": "archon-70b", "score": 31.4, "ci_lower": 29.0, "ci_upper": 33.7, "avg_tokens": 1502},
          {"model": "gpt-4o", "score": 24.6, "ci_lower": 22.8, "ci_upper": 26.9, "avg_tokens": 702}]}
        """);
  }

  static Path mtBenchScores(Path dir) {
    return write(dir, "mt_scores.json", """
        {"benchmark": "mt_bench", "models": [
          {"model": "gpt-4o", "score": 9.1, "turn_1": 9.3, "turn_2": 8.9, "categories": {"writing": 9.6,
           "roleplay": 9.2, "reasoning": 8.1, "math": 8.8, "coding": 8.6, "extraction": 9.3, "stem": 9.7,
           "humanities": 9.9}},
          {"model": "archon-70b", "score": 8.6, "turn_1": 8.9, "turn_2": 8.3, "categories": {"writing": 9.4,
           "roleplay": 9.0, "reasoning": 7.2, "math": 7.1, "coding": 7.5, "extraction": 8.9, "stem": 9.6,
           "humanities": 9.8}}]}
        """);
  }

  /** bench's jsonl answers with usage and latency; {@code withCost} adds a {@code cost_usd} to every record. */
  static Path jsonlAnswers(Path dir, String model, int n, long baseLatencyMs, boolean withCost) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long completion = 80 + (i * 37) % 220;
      String cost = withCost ? String.format(Locale.ROOT, ", \"cost_usd\": %.6f", completion * 1e-5) : "";
      lines.add(String.format(Locale.ROOT, "{\"id\": %d, \"model\": \"%s\", \"output\": \"%s\", \"usage\": "
          + "{\"prompt_tokens\": 40, \"completion_tokens\": %d, \"total_tokens\": %d}, \"latency_ms\": %d%s}",
          i, model, "x".repeat(200 + 3 * i), completion, completion + 40, baseLatencyMs + (i * 611) % 1700, cost));
    }
    return write(dir, model + ".jsonl", String.join("\n", lines) + "\n");
  }

  /** Arena-Hard v2.0 answers in the official shape (token counts in {@code metadata.token_len}). */
  static Path arenaHardV2Answers(Path dir, String model, int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(String.format(Locale.ROOT, "{\"uid\": \"q%d\", \"ans_id\": \"a%d\", \"model\": \"%s\", \"messages\": "
          + "[{\"role\": \"user\", \"content\": \"question %d\"}, {\"role\": \"assistant\", \"content\": "
          + "{\"answer\": \"%s\"}}], \"tstamp\": 1733450000.5, \"metadata\": {\"token_len\": %d, \"header_count\": "
          + "{}, \"list_count\": {}, \"bold_count\": {}}}", i, i, model, i, "y".repeat(300 + 11 * i), 90 + 4 * i));
    }
    return write(dir, model + ".arena.jsonl", String.join("\n", lines) + "\n");
  }

  static Path write(Path dir, String name, String text) {
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
