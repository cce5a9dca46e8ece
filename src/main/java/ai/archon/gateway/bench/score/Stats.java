package ai.archon.gateway.bench.score;

/** The few statistics the scorers share, with pandas' and NumPy's conventions where the official scripts use them. */
final class Stats {
  private Stats() { }

  static double mean(double[] x) {
    double sum = 0;
    for (double v : x) sum += v;
    return sum / x.length;
  }

  /** pandas {@code Series.sem()}: the sample standard deviation (ddof = 1) over sqrt(n); NaN for fewer than 2 values. */
  static double sem(double[] x) {
    return Math.sqrt(variance(x) / x.length);
  }

  /** Sample variance (ddof = 1), two-pass as pandas computes it. */
  static double variance(double[] x) {
    if (x.length < 2) return Double.NaN;
    double m = mean(x);
    double ss = 0;
    for (double v : x) ss += (v - m) * (v - m);
    return ss / (x.length - 1);
  }

  /** NumPy's default {@code percentile} (linear interpolation between closest ranks) of sorted values, q in 0..100. */
  static double percentile(double[] sorted, double q) {
    double pos = q / 100.0 * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  /** The logistic function, written so that neither tail overflows. */
  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }
}
