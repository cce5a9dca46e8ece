package ai.archon.gateway.server;

/**
 * A stand-in for an unexpected exception in a WARN log: its class and stack, causes included, without messages,
 * which may quote request bodies (prompts never go above DEBUG).
 */
final class Redacted extends RuntimeException {
  private Redacted(Throwable t, Throwable cause) {
    super(t.getClass().getName() + " (message logged at DEBUG)", cause, false, true);
    setStackTrace(t.getStackTrace());
  }

  static Redacted of(Throwable t) {
    Throwable cause = t.getCause() == null || t.getCause() == t ? null : of(t.getCause());
    return new Redacted(t, cause);
  }
}
