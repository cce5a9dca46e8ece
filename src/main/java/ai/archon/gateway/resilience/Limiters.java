package ai.archon.gateway.resilience;

/**
 * Makes the {@link Limiter} for one provider or gateway key: {@link #LOCAL} counts in this process; the scale-out
 * work supplies one that shares the limit across replicas through Redis.
 */
@FunctionalInterface
public interface Limiters {
  Limiters LOCAL = LocalLimiter::new;

  /** A limiter of {@code rpm} requests and {@code tpm} tokens per minute (0 = unlimited) for {@code scope/name}. */
  Limiter create(String scope, String name, long rpm, long tpm);
}
