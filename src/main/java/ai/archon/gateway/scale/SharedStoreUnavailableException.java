package ai.archon.gateway.scale;

/** Redis is down or too slow: the caller falls back to local state (or refuses, with {@code on_failure: reject}). */
public final class SharedStoreUnavailableException extends RuntimeException {
  public SharedStoreUnavailableException(String message) {
    super(message, null, false, false);
  }
}
