package ai.archon.gateway.bench.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.support.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AlpacaEval 2.0: the official annotations of the given models score the official leaderboard numbers (the data stays
 * in the shared folder; see its SOURCE.md for provenance and licence).
 */
class AlpacaEvalScoreTest {
  static final String DIR = "benchmarks/judgments/alpaca-eval-2.0/";

  @Test
  void headToHeadColumnsEqualTheLeaderboard() {
    JsonNode official = ScoreJson.readTree(SharedData.path(DIR + "given/given-scores.json")).get("models");
    official.fields().forEachRemaining(e -> {
      AlpacaWinRate w = AlpacaWinRate.of(records(e.getValue()));
      JsonNode o = e.getValue();
      String m = e.getKey();
      assertEquals(o.get("win_rate").doubleValue(), w.winRate(), 1e-6, m + " win_rate");
      assertEquals(o.get("standard_error").doubleValue(), w.standardError(), 1e-6, m + " standard_error");
      assertEquals(o.get("n_wins").longValue(), w.nWins(), m + " n_wins");
      assertEquals(o.get("n_wins_base").longValue(), w.nWinsBase(), m + " n_wins_base");
      assertEquals(o.get("n_draws").longValue(), w.nDraws(), m + " n_draws");
      assertEquals(o.get("n_total").longValue(), w.nTotal(), m + " n_total");
      assertEquals(o.get("discrete_win_rate").doubleValue(), w.discreteWinRate(), 1e-6, m + " discrete_win_rate");
      assertEquals(o.get("avg_length").longValue(), w.avgLength(), m + " avg_length");
    });
  }

  @Test
  void lengthControlledFromTheOfficialWeightsEqualsTheLeaderboard() {
    JsonNode official = ScoreJson.readTree(SharedData.path(DIR + "given/given-scores.json")).get("models");
    Map<String, GlmWeights> weights = GlmWeights.read(SharedData.path(DIR + "given/glm-weights-given.csv"));
    double[] difficulty = difficulty();
    official.fields().forEachRemaining(e -> {
      List<AlpacaRecord> rows = records(e.getValue());
      LengthControl.Result lc = LengthControl.predict(weights.get(e.getKey()).minus(weights.get("gpt4_1106_preview")),
          difficulty, rows.size());
      assertEquals(e.getValue().get("length_controlled_winrate").doubleValue(), lc.winRate(), 1e-4, e.getKey());
      JsonNode se = e.getValue().get("lc_standard_error");
      if (se.isNumber()) assertEquals(se.doubleValue(), lc.standardError(), 1e-4, e.getKey() + " lc_standard_error");
    });
  }

  @Test
  void lengthControlledFromTheScorersOwnFitIsWithinOnePointFive() {
    JsonNode official = ScoreJson.readTree(SharedData.path(DIR + "given/given-scores.json")).get("models");
    double[] difficulty = difficulty();
    official.fields().forEachRemaining(e -> {
      LengthControl.Result lc = LengthControl.refit(records(e.getValue()), difficulty);
      double expected = e.getValue().get("length_controlled_winrate").doubleValue();
      System.out.printf("%s: LC refit %.4f, official %.4f, weights %s%n", e.getKey(), lc.winRate(), expected,
          lc.weights());
      assertEquals(expected, lc.winRate(), 1.5, e.getKey());
    });
  }

  @Test
  void theBaselineAgainstItselfScoresFifty() {
    List<AlpacaRecord> rows = AlpacaAnnotations.readFile(SharedData.path(DIR
        + "given/gpt4_1106_preview/weighted_alpaca_eval_gpt4_turbo/annotations.json"));
    LengthControl.Result lc = LengthControl.refit(rows, difficulty());
    assertEquals(50.0, lc.winRate(), 1e-12);
    assertEquals(0.0, lc.standardError(), 1e-12);
  }

  static double[] difficulty() {
    return InstructionDifficulty.read(SharedData.path(DIR + "length-control/instruction_difficulty.csv"));
  }

  private static List<AlpacaRecord> records(JsonNode model) {
    Path file = SharedData.path(DIR + "given/" + model.get("annotations").textValue());
    return AlpacaAnnotations.readFile(file);
  }
}
