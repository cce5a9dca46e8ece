package ai.archon.gateway.resilience;

import ai.archon.gateway.config.Governance;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.observe.ModelLabels;
import io.vertx.core.Vertx;
import ai.archon.gateway.model.Usage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Collection;
import java.util.function.BiConsumer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link Guard} per provider (model_type), made on first use from the settings and shared by the process. */
public final class Guards {
  private final Vertx vertx;
  private final Governance governance;
  private final GatewayEvents events;
  private final Limiters limiters;
  private final Map<String, Guard> byProvider = new ConcurrentHashMap<>();
  private static final ThreadLocal<Boolean> APPLYING = new ThreadLocal<>();
  private volatile BiConsumer<String, String> publisher;
  private volatile ModelLabels labels = ModelLabels.NONE;

  public Guards(Vertx vertx, Governance governance, GatewayEvents events) {
    this(vertx, governance, events, Limiters.LOCAL);
  }

  public Guards(Vertx vertx, Governance governance, GatewayEvents events, Limiters limiters) {
    this.vertx = vertx;
    this.governance = governance;
    this.events = events;
    this.limiters = limiters;
  }

  public Guard forProvider(String modelType) {
    return byProvider.computeIfAbsent(modelType, t -> {
      var policy = governance.policy(t);
      Limiter limiter = limiters.create("provider", t, policy.rateLimit().rpm(), policy.rateLimit().tpm());
      GatewayEvents guardEvents = policy.breaker().shared() ? new SharingEvents(events) : events;
      Guard guard = new Guard(vertx, t, policy, limiter, guardEvents, () -> labels);
      events.providerGuarded(t, () -> guard.gate().inFlight(), guard::queued);
      return guard;
    });
  }

  /**
   * Sends this process's breaker transitions to OPEN and CLOSED (of providers with {@code circuit_breaker.shared})
   * to {@code publisher}, e.g. a Redis channel the other replicas listen on.
   */
  public void publishBreakers(BiConsumer<String, String> publisher) {
    this.publisher = publisher;
  }

  /**
   * Applies another replica's transition of breaker {@code name} (provider or provider/model) to OPEN or CLOSED,
   * when that provider shares its breaker; HALF_OPEN is left to each replica's own probes.
   */
  public void applyShared(String name, String state) {
    int slash = name.indexOf('/');
    String provider = slash < 0 ? name : name.substring(0, slash);
    if (!governance.policy(provider).breaker().shared()) return;
    CircuitBreaker cb = forProvider(provider).breaker(slash < 0 ? "" : name.substring(slash + 1));
    if (cb.getState().name().equals(state)) return;
    APPLYING.set(true); // the transition this causes is not ours to publish again
    try {
      if ("OPEN".equals(state)) cb.transitionToOpenState();
      else if ("CLOSED".equals(state)) cb.transitionToClosedState();
    } catch (RuntimeException illegalFromHere) {
      // e.g. a breaker that is disabled or forced: leave it as it is
    } finally {
      APPLYING.remove();
    }
  }

  /** Passes every event on, and publishes the breaker's own OPEN/CLOSED transitions. */
  private final class SharingEvents implements GatewayEvents {
    private final GatewayEvents next;

    SharingEvents(GatewayEvents next) {
      this.next = next;
    }

    @Override
    public void breakerCreated(String provider) {
      next.breakerCreated(provider);
    }

    @Override
    public void breakerTransition(String provider, String from, String to) {
      next.breakerTransition(provider, from, to);
      BiConsumer<String, String> p = publisher;
      if (p != null && !Boolean.TRUE.equals(APPLYING.get()) && ("OPEN".equals(to) || "CLOSED".equals(to))) {
        p.accept(provider, to);
      }
    }

    @Override
    public void upstreamAttempt(String provider, String model, String outcome, int status, long durationNanos) {
      next.upstreamAttempt(provider, model, outcome, status, durationNanos);
    }

    @Override
    public void upstreamTokens(String provider, String model, Usage usage) {
      next.upstreamTokens(provider, model, usage);
    }

    @Override
    public void upstreamRetry(String provider, String model, long delayMs) {
      next.upstreamRetry(provider, model, delayMs);
    }

    @Override
    public void rateLimitWait(String scope, String name, long waitNanos) {
      next.rateLimitWait(scope, name, waitNanos);
    }

    @Override
    public void rateLimitRejected(String scope, String name) {
      next.rateLimitRejected(scope, name);
    }
  }

  /** The models that get a breaker of their own with {@code circuit_breaker.scope: model}; others share "other". */
  public void modelsKnown(ModelLabels known) {
    labels = known;
  }

  /** How long the named breaker stays open, for a client's Retry-After; -1 when no guard has it. */
  public long remainingOpenMs(String breakerName) {
    for (Guard g : byProvider.values()) {
      long ms = g.remainingOpenMs(breakerName);
      if (ms >= 0) return ms;
    }
    return -1;
  }

  /** The guards made so far (providers that were called). */
  public Collection<Guard> all() {
    return byProvider.values();
  }
}
