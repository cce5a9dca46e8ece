package ai.archon.gateway.bench;

import ai.archon.gateway.model.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one bench run did, updated as questions finish: answers, failures (by question, with the last error),
 * retries, per-question latencies, summed usage and upstream calls. Thread-safe.
 */
public final class RunStats {
  private final int total;
  private final int alreadyDone;
  private final long startNanos = System.nanoTime();
  private final List<Long> latencies = new ArrayList<>();
  private final Map<String, String> failures = new LinkedHashMap<>();
  private Usage usage = Usage.FREE; // priced: the sum keeps a cost while every answer has one
  private long upstreamCalls;
  private int retries;

  public RunStats(int total, int alreadyDone) {
    this.total = total;
    this.alreadyDone = alreadyDone;
  }

  synchronized void answered(Answered a) {
    answered(a.latencyMs(), a.usage(), a.upstreamCalls());
  }

  /** One more question done in {@code latencyMs}, with the usage and upstream calls of its calls. */
  public synchronized void answered(long latencyMs, Usage callUsage, long calls) {
    latencies.add(latencyMs);
    usage = usage.plus(callUsage);
    upstreamCalls += calls;
  }

  public synchronized void failed(String key, Throwable cause) {
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    failures.put(key, message);
  }

  public synchronized void retried() { retries++; }

  public int total() { return total; }

  public int alreadyDone() { return alreadyDone; }

  public synchronized int answered() { return latencies.size(); }

  public synchronized int failed() { return failures.size(); }

  public synchronized int retries() { return retries; }

  public synchronized Map<String, String> failures() { return new LinkedHashMap<>(failures); }

  public synchronized Usage usage() { return usage; }

  public synchronized long upstreamCalls() { return upstreamCalls; }

  public long elapsedMs() { return (System.nanoTime() - startNanos) / 1_000_000; }

  /** The nearest-rank percentile (0–100) of per-question latency in ms, or -1 with no answers. */
  public synchronized long latencyPercentile(double p) {
    if (latencies.isEmpty()) return -1;
    List<Long> sorted = new ArrayList<>(latencies);
    sorted.sort(null);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
