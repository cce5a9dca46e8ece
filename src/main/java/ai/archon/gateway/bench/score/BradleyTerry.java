package ai.archon.gateway.bench.score;

/**
 * The Bradley-Terry fit of show_result.py's {@code compute_mle_elo}: an unregularised logistic regression without
 * intercept on +-ln 10 features, every battle counted twice with a tie as one A win and one B win. That is the
 * maximum-likelihood BT model with a tie worth half a win, solved here by Newton's method on the per-pair counts.
 * Strengths are natural-log odds (Elo rating = 1000 + 400 r / ln 10), anchored at 0 for the baseline; a ridge of
 * 1e-12 keeps them finite when a model wins or loses every game (its win rate is then 100 or 0 to within 1e-9), where
 * the official solver stops at a large finite value.
 */
final class BradleyTerry {
  static final double RIDGE = 1e-12;
  static final int MAX_ITERATIONS = 200;

  private BradleyTerry() { }

  /**
   * Strengths of {@code models} models from per-pair totals: pair p between {@code pa[p]} (A) and {@code pb[p]} (B)
   * has {@code games[p]} games of which A won {@code aWins[p]} (ties count a half). Model {@code anchor} stays at 0.
   */
  static double[] fit(int models, int[] pa, int[] pb, double[] games, double[] aWins, int anchor) {
    double[] r = new double[models];
    double current = logLikelihood(r, pa, pb, games, aWins);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double[] g = new double[models];
      double[][] h = new double[models][models];
      for (int p = 0; p < pa.length; p++) {
        if (games[p] == 0) continue;
        double prob = Stats.sigmoid(r[pa[p]] - r[pb[p]]);
        double resid = aWins[p] - games[p] * prob;
        double curv = games[p] * prob * (1 - prob);
        g[pa[p]] += resid;
        g[pb[p]] -= resid;
        h[pa[p]][pa[p]] += curv;
        h[pb[p]][pb[p]] += curv;
        h[pa[p]][pb[p]] -= curv;
        h[pb[p]][pa[p]] -= curv;
      }
      for (int i = 0; i < models; i++) {
        g[i] -= RIDGE * r[i];
        h[i][i] += RIDGE;
      }
      // the anchor is fixed: its row and column leave the system
      g[anchor] = 0;
      for (int i = 0; i < models; i++) h[anchor][i] = h[i][anchor] = 0;
      h[anchor][anchor] = 1;
      double[] step = Linear.solve(h, g);
      double next = Double.NEGATIVE_INFINITY;
      double scale = 1;
      double[] tried = r;
      for (int k = 0; k < 50; k++, scale /= 2) {
        tried = r.clone();
        for (int i = 0; i < models; i++) tried[i] += scale * step[i];
        next = logLikelihood(tried, pa, pb, games, aWins);
        if (next >= current) break;
      }
      double largest = 0;
      for (double s : step) largest = Math.max(largest, Math.abs(scale * s));
      if (next < current) break;
      r = tried;
      current = next;
      if (largest < 1e-12) break;
    }
    return r;
  }

  /** The penalised log-likelihood. */
  private static double logLikelihood(double[] r, int[] pa, int[] pb, double[] games, double[] aWins) {
    double ll = 0;
    for (int p = 0; p < pa.length; p++) {
      double d = r[pa[p]] - r[pb[p]];
      ll += aWins[p] * logSigmoid(d) + (games[p] - aWins[p]) * logSigmoid(-d);
    }
    for (double v : r) ll -= RIDGE / 2 * v * v;
    return ll;
  }

  private static double logSigmoid(double z) {
    return -(Math.max(-z, 0) + Math.log1p(Math.exp(-Math.abs(z))));
  }
}
