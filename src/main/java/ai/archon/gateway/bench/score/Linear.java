package ai.archon.gateway.bench.score;

/** Solves a small dense linear system (Gaussian elimination with partial pivoting); the BT Newton step needs it. */
public final class Linear {
  private Linear() { }

  /** x with a x = b; a and b are not modified. a must be non-singular (the ridge guarantees it for BT). */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = java.util.Arrays.copyOf(a[i], n + 1);
      m[i][n] = b[i];
    }
    for (int col = 0; col < n; col++) {
      pivot(m, col);
      for (int row = col + 1; row < n; row++) {
        double f = m[row][col] / m[col][col];
        if (f == 0) continue;
        for (int k = col; k <= n; k++) m[row][k] -= f * m[col][k];
      }
    }
    double[] x = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double s = m[row][n];
      for (int k = row + 1; k < n; k++) s -= m[row][k] * x[k];
      x[row] = s / m[row][row];
    }
    return x;
  }

  /**
   * Partial pivoting: swaps into row {@code col} the row at or below it with the largest {@code |m[row][col]|} (the
   * first of equals), so elimination divides by the largest pivot there is.
   */
  public static void pivot(double[][] m, int col) {
    int pivot = col;
    for (int row = col + 1; row < m.length; row++) if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) pivot = row;
    double[] t = m[col];
    m[col] = m[pivot];
    m[pivot] = t;
  }
}
