package ai.archon.gateway.bench.search;

/**
 * What one command's calls would cost a deployed architecture: every call, replies from the cache included (what
 * went upstream, and so was spent from the budget, the {@link CallCache} counts).
 */
final class CallMeter {
  private long calls;
  private double usd;

  synchronized void record(double cost) {
    calls++;
    usd += cost;
  }

  synchronized long calls() { return calls; }

  synchronized double usd() { return usd; }
}
