package ai.archon.gateway.model;

import java.util.function.Consumer;

/**
 * The client-bound token stream of one request, and the one place that knows whether a token has left through it.
 * Once one has, a failure is final: neither a retry (the provider's guard) nor a fallback model (the pipeline) may
 * start the answer over, since the client already holds part of it. Used from the request's event loop.
 */
public final class Relay implements Consumer<String> {
  private final Consumer<String> target;
  private volatile boolean started;

  private Relay(Consumer<String> target) {
    this.target = target;
  }

  /** {@code target} as a relay (itself when it already is one, so every layer sees the same flag); null stays null. */
  public static Relay of(Consumer<String> target) {
    if (target == null) return null;
    return target instanceof Relay ? (Relay) target : new Relay(target);
  }

  @Override
  public void accept(String text) {
    started = true;
    target.accept(text);
  }

  /** True once a token went through (to the client, or on its way there). */
  public boolean started() {
    return started;
  }

  /** True when {@code relay} is non-null and a token went through it. */
  public static boolean started(Relay relay) {
    return relay != null && relay.started;
  }
}
