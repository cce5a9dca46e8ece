package ai.archon.gateway.bench.score;

/**
 * The 32-bit Mersenne Twister (Matsumoto and Nishimura, 1998), seeded and sampled the way NumPy's legacy global
 * generator is after {@code np.random.seed(s)}: {@code init_genrand(s)}, and {@code randint(0, n)} by masked
 * rejection (draw 32 bits, keep the bits below the smallest all-ones mask covering n - 1, retry while the value is
 * above n - 1). Arena-Hard's show_result.py resamples its battles with {@code np.random.seed(42)} then
 * {@code battles.sample(frac=1.0, replace=True)} (one {@code randint(0, n, size=n)} per round), so the same seed
 * draws the same resampled rows as the official script when the battles are in the same order.
 */
final class Mt19937 {
  private static final int N = 624;
  private static final int M = 397;
  private final int[] mt = new int[N];
  private int index = N;

  Mt19937(long seed) {
    mt[0] = (int) seed;
    for (int i = 1; i < N; i++) mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
  }

  /** The next 32 random bits (genrand_int32). */
  int next32() {
    if (index >= N) twist();
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  /** A uniform integer in [0, n) for 1 <= n <= 2^31 - 1, as NumPy's legacy {@code randint(0, n)}. */
  int below(int n) {
    int max = n - 1;
    if (max == 0) return 0;
    int mask = -1 >>> Integer.numberOfLeadingZeros(max);
    int v;
    do {
      v = next32() & mask;
    } while (Integer.compareUnsigned(v, max) > 0);
    return v;
  }

  private void twist() {
    for (int i = 0; i < N; i++) {
      int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : 0x9908b0df);
    }
    index = 0;
  }
}
