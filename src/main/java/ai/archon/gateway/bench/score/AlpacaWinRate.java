package ai.archon.gateway.bench.score;

import java.util.List;

/**
 * AlpacaEval's head-to-head columns, as {@code alpaca_eval.metrics.get_winrate} computes them: a preference p in [1, 2]
 * (0 is a legacy draw and becomes 1.5; NaN or anything outside [1, 2] is dropped) scores x = p - 1 for the model.
 * {@code win_rate} = 100 mean(x) and {@code standard_error} = 100 sem(x) ({@code AbsoluteScoringRule});
 * {@code discrete_win_rate} rounds each preference to a win, loss or draw first ({@code ZeroOneScoringRule}).
 */
public record AlpacaWinRate(double winRate, double standardError, Counts counts, double discreteWinRate,
    long avgLength) {

  /** The kept preferences: the model's wins, the baseline's wins, the draws, and all of them. */
  public record Counts(long wins, long winsBase, long draws, long total) { }

  public long nWins() { return counts.wins(); }

  public long nWinsBase() { return counts.winsBase(); }

  public long nDraws() { return counts.draws(); }

  public long nTotal() { return counts.total(); }

  public static AlpacaWinRate of(List<AlpacaRecord> rows) {
    double[] prefs = rows.stream().mapToDouble(AlpacaRecord::preference).toArray();
    double[] x = kept(prefs, false);
    long draws = java.util.Arrays.stream(prefs).filter(p -> p == 1.5 || p == 0).count();
    long wins = java.util.Arrays.stream(x).filter(v -> v > 0.5).count();
    long losses = java.util.Arrays.stream(x).filter(v -> v < 0.5).count();
    double discrete = 100 * Stats.mean(kept(prefs, true));
    // avg_length is int(mean(len(output_2))): truncated, in code points
    long avgLength = (long) rows.stream().mapToInt(AlpacaRecord::length2).average().orElse(0);
    return new AlpacaWinRate(100 * Stats.mean(x), 100 * Stats.sem(x), new Counts(wins, losses, draws, x.length),
        discrete, avgLength);
  }

  /** The model's scores x = p - 1 of the valid preferences; {@code discrete}: 1.5 is a draw, others round to 1 or 2. */
  private static double[] kept(double[] prefs, boolean discrete) {
    return java.util.Arrays.stream(prefs).map(p -> {
      double v = p == 0 ? 1.5 : p;
      // ZeroOneScoringRule maps 1.5 to 0 (a draw) before rounding; NumPy rounds half to even, as rint does
      if (discrete && !Double.isNaN(v)) v = v == 1.5 ? 1.5 : Math.rint(v) == 0 ? 1.5 : Math.rint(v);
      return v;
    }).filter(v -> v >= 1 && v <= 2).map(v -> v - 1).toArray();
  }
}
