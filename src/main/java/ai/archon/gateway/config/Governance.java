package ai.archon.gateway.config;

import java.util.List;
import java.util.Map;

/**
 * The resilience and governance part of the settings: per-provider policies (a provider without an entry gets
 * {@link ProviderPolicy#DEFAULT}), the client keys from {@code keys}, and the {@code defaults} section.
 *
 * @param defaults the {@code defaults} section (see {@link Defaults})
 * @param spend the {@code spend} section: budgets per virtual model and where spend is kept without Redis
 */
public record Governance(Map<String, ProviderPolicy> providers, List<ClientKeySpec> keys, Defaults defaults,
    SpendSettings spend) {
  /** 0 = each layer's share is the remaining deadline split evenly over the layers left. */
  public static final int EVEN_SHARE = 0;
  public static final long DEFAULT_STRAGGLER_GRACE_MS = 1000;
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 300_000;
  public static final Governance DEFAULT = new Governance(Map.of(), List.of(), DEFAULT_REQUEST_TIMEOUT_MS, 1);

  public Governance {
    providers = Map.copyOf(providers);
    keys = List.copyOf(keys);
    spend = spend == null ? SpendSettings.NONE : spend;
  }

  /**
   * The {@code defaults} section.
   *
   * @param requestTimeoutMs bound on one whole request (header {@code x-archon-timeout-ms} may lower it)
   * @param minCandidates fewest candidates a candidate-writing layer may yield before the request fails
   * @param layerDeadlinePercent a layer's share of the remaining deadline, in percent (0 = even over the layers left)
   * @param stragglerGraceMs the least a layer waits for all its components before it may cut stragglers
   */
  public record Defaults(long requestTimeoutMs, int minCandidates, int layerDeadlinePercent, long stragglerGraceMs) { }

  public long requestTimeoutMs() { return defaults.requestTimeoutMs(); }

  public int minCandidates() { return defaults.minCandidates(); }

  public int layerDeadlinePercent() { return defaults.layerDeadlinePercent(); }

  public long stragglerGraceMs() { return defaults.stragglerGraceMs(); }

  /** True when a key or a virtual model has a spend budget. */
  public boolean budgeted() {
    return !spend.budgets().isEmpty() || keys.stream().anyMatch(k -> k.budget() != null);
  }

  public Governance(Map<String, ProviderPolicy> providers, List<ClientKeySpec> keys, long requestTimeoutMs,
      int minCandidates) {
    this(providers, keys, new Defaults(requestTimeoutMs, minCandidates, EVEN_SHARE, DEFAULT_STRAGGLER_GRACE_MS), null);
  }

  public ProviderPolicy policy(String modelType) {
    return providers.getOrDefault(modelType, ProviderPolicy.DEFAULT);
  }
}
