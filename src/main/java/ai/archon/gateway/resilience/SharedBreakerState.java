package ai.archon.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The breaker states replicas share ({@code circuit_breaker.shared}): only opening and closing travel; HALF_OPEN (and
 * the disabled or forced states) stay with each replica, whose own probes decide them.
 */
public enum SharedBreakerState {
  OPEN,
  CLOSED;

  /** The shared state a transition to {@code to} announces, or null when it is not shared. */
  static SharedBreakerState of(CircuitBreaker.State to) {
    if (to == CircuitBreaker.State.OPEN) return OPEN;
    if (to == CircuitBreaker.State.CLOSED) return CLOSED;
    return null;
  }

  /** The state named {@code name} on the wire, or null when it is none of these. */
  public static SharedBreakerState parse(String name) {
    for (SharedBreakerState s : values()) {
      if (s.name().equals(name)) return s;
    }
    return null;
  }

  /** Moves {@code breaker} to this state. */
  void applyTo(CircuitBreaker breaker) {
    if (this == OPEN) breaker.transitionToOpenState();
    else breaker.transitionToClosedState();
  }
}
