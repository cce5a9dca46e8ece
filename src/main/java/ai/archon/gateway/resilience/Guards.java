package ai.archon.gateway.resilience;

import ai.archon.gateway.config.Governance;
import ai.archon.gateway.observe.GatewayEvents;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link Guard} per provider (model_type), made on first use from the settings and shared by the process. */
public final class Guards {
  private final Vertx vertx;
  private final Governance governance;
  private final GatewayEvents events;
  private final Map<String, Guard> byProvider = new ConcurrentHashMap<>();

  public Guards(Vertx vertx, Governance governance, GatewayEvents events) {
    this.vertx = vertx;
    this.governance = governance;
    this.events = events;
  }

  public Guard forProvider(String modelType) {
    return byProvider.computeIfAbsent(modelType, t -> {
      var policy = governance.policy(t);
      Limiter limiter = new LocalLimiter("provider", t, policy.rateLimit().rpm(), policy.rateLimit().tpm());
      return new Guard(vertx, t, policy, limiter, events);
    });
  }

  /** The guards made so far (providers that were called). */
  public Collection<Guard> all() {
    return byProvider.values();
  }
}
