package ai.archon.gateway.bench.score;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Arena-Hard's leaderboard numbers from battles, as show_result.py computes them: {@code score} = the win rate against
 * the baseline, 100 / (1 + 10^((R_base - R_model) / 400)), from the Bradley-Terry fit of all battles; the 95% interval
 * from {@code bootstrap} refits on resampled battles (all rows drawn with replacement, NumPy's generator seeded with
 * {@code seed}), its bounds the 2.5th and 97.5th percentiles of each model's rating, converted the same way. When
 * every battle involves the baseline (the official set-up) the score is exactly 100 (W + T/2) / N over the model's
 * weighted games; the interval matches the official one when the same judgment files are read in the same order.
 */
final class ArenaHardScore {
  /** One model's numbers (win rates in percent). */
  record Row(String model, double score, double ciLower, double ciUpper) { }

  private ArenaHardScore() { }

  static List<Row> score(Battles battles, String baseline, int rounds, long seed) {
    List<String> models = battles.models();
    int anchor = models.indexOf(baseline);
    Pairs pairs = Pairs.of(battles);
    double[] full = pairs.fit(models.size(), null, anchor);
    double[][] boot = new double[models.size()][rounds];
    Mt19937 rng = new Mt19937(seed);
    int n = battles.size();
    int[] sample = new int[n];
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < n; i++) sample[i] = rng.below(n);
      double[] r = pairs.fit(models.size(), sample, anchor);
      for (int m = 0; m < models.size(); m++) boot[m][round] = r[m];
    }
    List<Row> rows = new ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      double[] sorted = boot[m].clone();
      java.util.Arrays.sort(sorted);
      rows.add(new Row(models.get(m), winRate(full[m] - full[anchor]), winRate(Stats.percentile(sorted, 2.5)),
          winRate(Stats.percentile(sorted, 97.5))));
    }
    return rows;
  }

  /** Percent win rate of a strength difference (natural-log odds) against the anchored baseline. */
  static double winRate(double strength) {
    return 100 * Stats.sigmoid(strength);
  }

  /** The battles grouped by (A, B) pair, so each fit only sums counts. */
  private record Pairs(int[] pairOf, int[] pa, int[] pb, int[] outcome) {
    static Pairs of(Battles battles) {
      Map<Long, Integer> index = new HashMap<>();
      List<int[]> list = new ArrayList<>();
      int[] pairOf = new int[battles.size()];
      int[] outcome = new int[battles.size()];
      for (int i = 0; i < battles.size(); i++) {
        long key = ((long) battles.a(i) << 32) | battles.b(i);
        final int row = i;
        pairOf[i] = index.computeIfAbsent(key, k -> {
          list.add(new int[] {battles.a(row), battles.b(row)});
          return list.size() - 1;
        });
        outcome[i] = battles.outcome(i);
      }
      return new Pairs(pairOf, list.stream().mapToInt(p -> p[0]).toArray(), list.stream().mapToInt(p -> p[1]).toArray(),
          outcome);
    }

    /** Fits the rows listed in {@code sample} (with repeats), or all rows when it is null. */
    double[] fit(int models, int[] sample, int anchor) {
      double[] games = new double[pa.length];
      double[] aWins = new double[pa.length];
      int n = sample == null ? pairOf.length : sample.length;
      for (int k = 0; k < n; k++) {
        int i = sample == null ? k : sample[k];
        games[pairOf[i]] += 1;
        aWins[pairOf[i]] += outcome[i] == Battles.A_WINS ? 1 : outcome[i] == Battles.TIE ? 0.5 : 0;
      }
      return BradleyTerry.fit(models, pa, pb, games, aWins, anchor);
    }
  }
}
