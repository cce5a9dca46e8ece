package ai.archon.gateway.bench.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.archon.gateway.support.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MT-Bench: a real FastChat judgment file scores what FastChat's show_result.py printed for it. */
class MtBenchScoreTest {
  static final String DIR = "benchmarks/judgments/mt-bench/format-fixture/";
  /** The official question set, for the categories (from the shared folder, never committed). */
  static final java.util.function.Supplier<Path> QUESTIONS = () -> SharedData.path("benchmarks/mt-bench/question.jsonl");

  @Test
  void realFormatFileScoresTheFixtureNumbers() {
    JsonNode expected = ScoreJson.readTree(SharedData.path(DIR + "fixture-scores.json"));
    List<MtBenchScore.Row> rows = MtBenchScore.score(List.of(SharedData.path(DIR + "gpt-4_single.jsonl")), QUESTIONS.get());
    assertEquals(1, rows.size());
    MtBenchScore.Row r = rows.get(0);
    assertEquals(expected.get("model").textValue(), r.model());
    JsonNode shown = expected.get("show_result_single");
    assertEquals(shown.get("first_turn").doubleValue(), r.turn1(), 1e-12);
    assertEquals(shown.get("second_turn").doubleValue(), r.turn2(), 1e-12);
    assertEquals(shown.get("average").doubleValue(), r.score(), 1e-12);
    JsonNode categories = expected.get("per_category_mean_all_turns_computed_here");
    assertEquals(categories.size(), r.categories().size());
    categories.fields().forEachRemaining(e ->
        assertEquals(e.getValue().doubleValue(), r.categories().get(e.getKey()), 1e-12, e.getKey()));
  }

  /** show_result.py drops unrated records (score -1) and averages records, not turn means. */
  @Test
  void unratedRecordsAreDroppedAndTheAverageIsOverRecords(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("gpt-4_single.jsonl");
    Files.writeString(file, String.join("\n",
        record(81, "m", 1, 9), record(82, "m", 1, 6), record(81, "m", 2, 3), record(82, "m", 2, -1),
        record(101, "other", 1, 5), ""));
    List<MtBenchScore.Row> rows = MtBenchScore.score(List.of(file), QUESTIONS.get());
    MtBenchScore.Row m = rows.get(0);
    assertEquals("m", m.model());
    assertEquals(7.5, m.turn1(), 1e-12);
    assertEquals(3.0, m.turn2(), 1e-12);
    assertEquals(6.0, m.score(), 1e-12);
    assertEquals(6.0, m.categories().get("writing"), 1e-12);
    MtBenchScore.Row other = rows.get(1);
    assertNull(other.turn2());
    assertEquals(5.0, other.categories().get("reasoning"), 1e-12);
  }

  static String record(int question, String model, int turn, double score) {
    return "{\"question_id\": " + question + ", \"model\": \"" + model + "\", \"judge\": [\"gpt-4\", \"single-v1\"],"
        + " \"user_prompt\": \"...\", \"judgment\": \"Rating: [[" + score + "]]\", \"score\": " + score + ", \"turn\": "
        + turn + ", \"tstamp\": 1700000000.0}";
  }
}
