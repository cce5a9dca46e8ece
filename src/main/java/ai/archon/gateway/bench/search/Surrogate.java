package ai.archon.gateway.bench.search;

import ai.archon.gateway.bench.score.Linear;
import java.util.List;

/**
 * Bayesian linear regression (ridge) of a score on architecture features, and the upper confidence bound that picks
 * the next architecture to try: the predicted score plus {@link #KAPPA} standard deviations of the prediction. With
 * few observations the bound favours architectures whose features are still unexplored; as evidence accrues it
 * favours those predicted best. Scores are centred on their mean, so an architecture like none seen is predicted
 * average, and the spread is the observed scores' standard deviation (1 before there are two).
 */
final class Surrogate {
  static final double LAMBDA = 1.0;
  static final double KAPPA = 1.0;

  private final double[][] precisionInverse;
  private final double[] weights;
  private final double mean;
  private final double noise;

  private Surrogate(double[][] precisionInverse, double[] weights, double mean, double noise) {
    this.precisionInverse = precisionInverse;
    this.weights = weights;
    this.mean = mean;
    this.noise = noise;
  }

  /** Fits {@code ys} on {@code xs} (all of dimension {@code dim}); no observations give the prior. */
  static Surrogate fit(List<double[]> xs, List<Double> ys, int dim) {
    double mean = ys.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double ss = ys.stream().mapToDouble(y -> (y - mean) * (y - mean)).sum();
    double noise = ys.size() < 2 || ss == 0 ? 1 : Math.sqrt(ss / (ys.size() - 1));
    double[][] a = new double[dim][dim];
    double[] b = new double[dim];
    for (int i = 0; i < dim; i++) a[i][i] = LAMBDA;
    for (int k = 0; k < xs.size(); k++) {
      double[] x = xs.get(k);
      double y = ys.get(k) - mean;
      for (int i = 0; i < dim; i++) {
        b[i] += x[i] * y;
        for (int j = 0; j < dim; j++) a[i][j] += x[i] * x[j];
      }
    }
    double[][] inv = invert(a);
    return new Surrogate(inv, multiply(inv, b), mean, noise);
  }

  double predict(double[] x) {
    double s = mean;
    for (int i = 0; i < x.length; i++) s += weights[i] * x[i];
    return s;
  }

  /** The prediction's standard deviation: noise times sqrt(x' A^-1 x). */
  double deviation(double[] x) {
    double q = 0;
    for (int i = 0; i < x.length; i++) {
      double row = 0;
      for (int j = 0; j < x.length; j++) row += precisionInverse[i][j] * x[j];
      q += x[i] * row;
    }
    return noise * Math.sqrt(Math.max(0, q));
  }

  double upperBound(double[] x) {
    return predict(x) + KAPPA * deviation(x);
  }

  double lowerBound(double[] x) {
    return predict(x) - KAPPA * deviation(x);
  }

  private static double[] multiply(double[][] m, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v.length; j++) out[i] += m[i][j] * v[j];
    }
    return out;
  }

  /** Gauss-Jordan elimination with partial pivoting; {@code a} is symmetric positive definite (ridge). */
  static double[][] invert(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n + i] = 1;
    }
    for (int col = 0; col < n; col++) {
      Linear.pivot(m, col);
      double p = m[col][col];
      for (int c = 0; c < 2 * n; c++) m[col][c] /= p;
      for (int r = 0; r < n; r++) {
        if (r == col || m[r][col] == 0) continue;
        double f = m[r][col];
        for (int c = 0; c < 2 * n; c++) m[r][c] -= f * m[col][c];
      }
    }
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) System.arraycopy(m[i], n, inv[i], 0, n);
    return inv;
  }
}
