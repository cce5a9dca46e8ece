package ai.archon.gateway.bench.score;

import java.util.ArrayList;
import java.util.List;

/**
 * AlpacaEval 2.0's length-controlled win rate ({@code glm_winrate.py}, GLM {@code length_controlled_v1}): a logistic
 * GLM of the model's preference on {@code tanh(std_delta_len) + instruction_difficulty + not_gamed_baseline} (no
 * intercept), then the prediction for every instruction with no length difference:
 * {@code length_controlled_winrate} = 100 mean_i sigmoid(b + c d_i) and {@code lc_standard_error} = 100 sem of those,
 * where b is the not-gamed-baseline and c the difficulty coefficient and d_i the difficulty of the i-th record.
 *
 * <p>The refit is {@code LogisticRegressionCV(penalty="l1", solver="liblinear", fit_intercept=False, cv=GroupKFold(5))}
 * on the default grid of 10 C values (1e-4 .. 1e4), scored by the held-out soft-target log-loss, then refit on all rows
 * with the best C. Upstream the training set also holds the rows of two deliberately verbose/concise versions of the
 * baseline ({@code df_gamed.csv}, weight 0.2/2, {@code not_gamed_baseline = false}), which pull the fit towards the
 * baseline's own length behaviour; that file exists only on Hugging Face, so a refit here uses the model's rows alone
 * (AlpacaEval's {@code length_controlled_noreg}), which lands within about a point of the official number.
 */
public final class LengthControl {
  static final int FOLDS = 5;
  static final double[] CS = logspace(-4, 4, 10);

  /** The LC win rate, its standard error, and the weights it came from. */
  public record Result(double winRate, double standardError, GlmWeights weights) { }

  private LengthControl() { }

  /** LC from known weights (the model's minus the baseline's) over the first {@code n} instructions. */
  public static Result predict(GlmWeights w, double[] difficulty, int n) {
    if (n > difficulty.length) {
      throw new IllegalArgumentException(n + " annotations but only " + difficulty.length + " instruction difficulties");
    }
    double[] p = new double[n];
    for (int i = 0; i < n; i++) p[i] = 100 * Stats.sigmoid(w.notGamedBaseline() + w.difficulty() * difficulty[i]);
    return new Result(Stats.mean(p), Stats.sem(p), w);
  }

  /** LC from the scorer's own GLM fit of one model's annotations (in file order); the baseline itself scores 50. */
  public static Result refit(List<AlpacaRecord> rows, double[] difficulty) {
    if (rows.stream().allMatch(r -> r.generator1().equals(r.generator2()))) return predict(GlmWeights.ZERO, difficulty,
        rows.size());
    if (rows.size() > difficulty.length) {
      throw new IllegalArgumentException(rows.size() + " annotations but only " + difficulty.length
          + " instruction difficulties");
    }
    double[] delta = rows.stream().mapToDouble(r -> r.length1() - r.length2()).toArray();
    double sd = Math.sqrt(Stats.variance(delta));
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      double p = rows.get(i).preference();
      if (Double.isNaN(p)) continue;
      // the standardised length difference uses every row's std (pandas std, ddof = 1), NaN preferences included
      double lengthTerm = sd > 0 ? Math.tanh(delta[i] / sd) : 0;
      x.add(new double[] {lengthTerm, difficulty[i], 1.0});
      y.add((p == 0 ? 1.5 : p) - 1);
    }
    double[][] xs = x.toArray(double[][]::new);
    double[] ys = y.stream().mapToDouble(Double::doubleValue).toArray();
    double[] beta = L1Logistic.fit(xs, ys, ones(ys.length), bestC(xs, ys));
    return predict(new GlmWeights(beta[0], beta[1], beta[2]), difficulty, rows.size());
  }

  /** The C with the best summed held-out score (first one on ties, as NumPy's argmax). */
  static double bestC(double[][] x, double[] y) {
    int[] fold = folds(x.length);
    double best = Double.NEGATIVE_INFINITY;
    double bestC = CS[0];
    for (double c : CS) {
      double score = 0;
      for (int k = 0; k < FOLDS; k++) score -= heldOutLoss(x, y, fold, k, c);
      if (score > best) {
        best = score;
        bestC = c;
      }
    }
    return bestC;
  }

  /**
   * GroupKFold's assignment when every group has the same size (each row and its label-0 twin form one group): groups
   * are taken largest first, each into the currently lightest fold, which deals them out in turn from the last row.
   */
  static int[] folds(int n) {
    int[] fold = new int[n];
    for (int i = 0; i < n; i++) fold[i] = (n - 1 - i) % FOLDS;
    return fold;
  }

  /** AlpacaEval's {@code logloss_continuous}: the mean soft-target log-loss on fold k, predictions clipped to 1e-15. */
  private static double heldOutLoss(double[][] x, double[] y, int[] fold, int k, double c) {
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (int i = 0; i < x.length; i++) (fold[i] == k ? test : train).add(i);
    double[][] tx = train.stream().map(i -> x[i]).toArray(double[][]::new);
    double[] ty = train.stream().mapToDouble(i -> y[i]).toArray();
    double[] beta = L1Logistic.fit(tx, ty, ones(ty.length), c);
    double loss = 0;
    for (int i : test) {
      double z = 0;
      for (int j = 0; j < beta.length; j++) z += beta[j] * x[i][j];
      double p = Math.min(Math.max(Stats.sigmoid(z), 1e-15), 1 - 1e-15);
      loss -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
    }
    return loss / test.size();
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1.0);
    return w;
  }

  private static double[] logspace(double from, double to, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) out[i] = Math.pow(10, from + (to - from) * i / (n - 1));
    return out;
  }
}
