package ai.archon.gateway.bench.score;

/**
 * L1-regularised logistic regression without intercept on soft targets, the problem scikit-learn's {@code liblinear}
 * solves for AlpacaEval's GLM: minimise {@code C * sum_i w_i * CE(y_i, sigmoid(beta . x_i)) + |beta|_1}, where CE is
 * the cross-entropy with a target probability y_i (liblinear sees each row twice, label 1 with weight y and label 0
 * with weight 1 - y, which is the same sum). Solved by cyclic coordinate descent: each coordinate takes the
 * soft-thresholded Newton step of its one-dimensional quadratic model, halved until the objective decreases (the
 * problem is convex, so this converges to the minimum; the feature count is tiny, so no cleverness is needed).
 */
final class L1Logistic {
  static final double TOLERANCE = 1e-10;
  static final int MAX_SWEEPS = 10_000;

  private final double[][] x;
  private final double[] y;
  private final double[] w;
  private final double c;
  private final double[] beta;
  /** The linear predictors beta . x_i, kept in step with beta. */
  private final double[] z;

  private L1Logistic(double[][] x, double[] y, double[] w, double c) {
    this.x = x;
    this.y = y;
    this.w = w;
    this.c = c;
    this.beta = new double[x[0].length];
    this.z = new double[x.length];
  }

  /** The fitted coefficients for rows {@code x} (n x d), targets {@code y} in [0, 1] and sample weights {@code w}. */
  static double[] fit(double[][] x, double[] y, double[] w, double c) {
    L1Logistic fit = new L1Logistic(x, y, w, c);
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double largest = 0;
      for (int j = 0; j < fit.beta.length; j++) largest = Math.max(largest, Math.abs(fit.step(j)));
      if (largest < TOLERANCE) break;
    }
    return fit.beta;
  }

  /** Updates coordinate j (and the linear predictors); returns the change. */
  private double step(int j) {
    double g = 0;
    double h = 0;
    for (int i = 0; i < x.length; i++) {
      double p = Stats.sigmoid(z[i]);
      g += w[i] * (p - y[i]) * x[i][j];
      h += w[i] * p * (1 - p) * x[i][j] * x[i][j];
    }
    g *= c;
    h = Math.max(c * h, 1e-12);
    double delta = softThreshold(beta[j] - g / h, 1 / h) - beta[j];
    double before = objective(j, 0);
    for (int halvings = 0; halvings < 60 && delta != 0; halvings++) {
      if (objective(j, delta) <= before) break;
      delta /= 2;
    }
    if (objective(j, delta) > before) delta = 0;
    beta[j] += delta;
    for (int i = 0; i < x.length; i++) z[i] += delta * x[i][j];
    return delta;
  }

  /** The objective after moving coordinate j by delta. */
  private double objective(int j, double delta) {
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      double zi = z[i] + delta * x[i][j];
      // log(1 + e^z) - y z, the soft-target cross-entropy, stable for large |z|
      loss += w[i] * (Math.max(zi, 0) + Math.log1p(Math.exp(-Math.abs(zi))) - y[i] * zi);
    }
    double l1 = 0;
    for (int k = 0; k < beta.length; k++) l1 += Math.abs(k == j ? beta[k] + delta : beta[k]);
    return c * loss + l1;
  }

  private static double softThreshold(double v, double t) {
    return Math.signum(v) * Math.max(Math.abs(v) - t, 0);
  }
}
