package ai.archon.gateway.bench.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The resampling generator draws what NumPy's legacy global generator draws for the same seed. */
class Mt19937Test {
  /** Values printed by NumPy 1.24: {@code np.random.seed(s); np.random.randint(0, n, size=k)}. */
  @Test
  void drawsNumpysRandintSequence() {
    assertArrayEquals(new int[] {102, 435, 860, 270, 106, 71, 700, 20}, draws(42, 1000, 8));
    assertArrayEquals(new int[] {121958, 671155, 131932, 365838}, draws(42, 1_000_000, 4));
    assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 2}, draws(7, 3, 10));
  }

  /** pandas {@code DataFrame(range(37)).sample(frac=1.0, replace=True)} after {@code np.random.seed(42)}. */
  @Test
  void drawsPandasSampleRows() {
    assertArrayEquals(new int[] {28, 14, 7, 20, 18, 22, 10, 10, 23, 35}, draws(42, 37, 10));
  }

  private static int[] draws(long seed, int n, int k) {
    Mt19937 rng = new Mt19937(seed);
    int[] out = new int[k];
    for (int i = 0; i < k; i++) out[i] = rng.below(n);
    return out;
  }
}
