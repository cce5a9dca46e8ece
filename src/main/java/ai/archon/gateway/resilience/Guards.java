package ai.archon.gateway.resilience;

import ai.archon.gateway.config.Governance;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.observe.ModelLabels;
import io.vertx.core.Vertx;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Collection;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
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
  private volatile BiConsumer<String, SharedBreakerState> publisher;
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
      Consumer<CircuitBreaker> onBreaker = policy.breaker().shared() ? this::share : cb -> { };
      Guard guard = new Guard(vertx, t, policy, limiter, events, new Guard.Breakers(() -> labels, onBreaker));
      events.providerGuarded(t, () -> guard.gate().inFlight(), guard::queued);
      return guard;
    });
  }

  /**
   * Sends this process's breaker transitions to OPEN and CLOSED (of providers with {@code circuit_breaker.shared})
   * to {@code publisher}, e.g. a Redis channel the other replicas listen on.
   */
  public void publishBreakers(BiConsumer<String, SharedBreakerState> publisher) {
    this.publisher = publisher;
  }

  /** Subscribes to a shared breaker's own transitions, to publish its opening and closing. */
  private void share(CircuitBreaker cb) {
    cb.getEventPublisher().onStateTransition(e -> {
      SharedBreakerState to = SharedBreakerState.of(e.getStateTransition().getToState());
      BiConsumer<String, SharedBreakerState> p = publisher;
      if (to != null && p != null && !Boolean.TRUE.equals(APPLYING.get())) p.accept(cb.getName(), to);
    });
  }

  /**
   * Applies another replica's transition of breaker {@code name} (provider or provider/model) to OPEN or CLOSED,
   * when that provider shares its breaker; HALF_OPEN is left to each replica's own probes.
   */
  public void applyShared(String name, SharedBreakerState state) {
    int slash = name.indexOf('/');
    String provider = slash < 0 ? name : name.substring(0, slash);
    if (!governance.policy(provider).breaker().shared()) return;
    CircuitBreaker cb = forProvider(provider).breaker(slash < 0 ? "" : name.substring(slash + 1));
    if (state == null || cb.getState().name().equals(state.name())) return;
    APPLYING.set(true); // the transition this causes is not ours to publish again
    try {
      state.applyTo(cb);
    } catch (RuntimeException illegalFromHere) {
      // e.g. a breaker that is disabled or forced: leave it as it is
    } finally {
      APPLYING.remove();
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
