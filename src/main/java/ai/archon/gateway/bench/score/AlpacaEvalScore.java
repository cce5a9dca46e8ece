package ai.archon.gateway.bench.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AlpacaEval 2.0 leaderboard rows: the head-to-head columns ({@link AlpacaWinRate}) and the length-controlled win rate
 * ({@link LengthControl}), from the scorer's own GLM fit or, when a model's fitted weights are given (AlpacaEval's
 * weights CSV), from those weights minus the baseline's, as AlpacaEval's {@code predict_winrate} does.
 */
public final class AlpacaEvalScore {
  /** One model's row; the LC fields are null when no instruction difficulty is available. */
  public record Row(String model, AlpacaWinRate winRate, LengthControl.Result lengthControlled) { }

  private AlpacaEvalScore() { }

  /**
   * Scores every model. {@code difficulty} may be null (no LC); {@code weights}, keyed by model name, may be null or
   * lack a model (that model is refitted); {@code baseline}, when not null, must be every record's generator_1.
   */
  public static List<Row> score(Map<String, List<AlpacaRecord>> byModel, double[] difficulty,
      Map<String, GlmWeights> weights, String baseline) {
    List<Row> rows = new ArrayList<>();
    byModel.forEach((model, records) -> {
      String base = records.get(0).generator1();
      for (AlpacaRecord r : records) {
        if (!r.generator1().equals(baseline == null ? base : baseline)) {
          throw new IllegalArgumentException("the annotations of " + model + " compare against " + r.generator1()
              + ", not " + (baseline == null ? base : baseline) + " (generator_1 must be one baseline)");
        }
      }
      rows.add(new Row(model, AlpacaWinRate.of(records), lengthControlled(model, base, records, difficulty, weights)));
    });
    return rows;
  }

  private static LengthControl.Result lengthControlled(String model, String baseline, List<AlpacaRecord> records,
      double[] difficulty, Map<String, GlmWeights> weights) {
    if (difficulty == null) return null;
    if (weights != null && weights.containsKey(model)) {
      GlmWeights delta = weights.get(model).minus(weights.getOrDefault(baseline, GlmWeights.ZERO));
      return LengthControl.predict(delta, difficulty, records.size());
    }
    return LengthControl.refit(records, difficulty);
  }
}
