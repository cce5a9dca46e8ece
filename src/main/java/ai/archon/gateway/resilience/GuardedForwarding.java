package ai.archon.gateway.resilience;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.EventBytes;
import ai.archon.gateway.observe.GenAiSpans;
import ai.archon.gateway.provider.Forwarding;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/** Pass-through calls behind their provider's {@link Guard}, like every other call to it (limits, breaker, retries). */
record GuardedForwarding(Forwarding delegate, Guard guard) implements Forwarding {

  /** The relayed body's usage is not read back here, so the tpm reservation keeps its estimate (-1 = unknown). */
  @Override
  public Future<Buffer> forward(Forward request, CallContext ctx) {
    return guard.call(request.model(), ctx, request.tokens(), null,
        (c, sink) -> GenAiSpans.forward(c.trace(), request.body(), delegate.forward(request, c)), body -> -1L);
  }

  /**
   * The guard's sink carries no text here: each relayed event passes it an empty string, which is all it needs (the
   * attempt's idle watch, and "a token left, no retry"); the event's bytes go straight on to {@code onData}.
   */
  @Override
  public Future<Void> forwardStream(Forward request, CallContext ctx, Consumer<EventBytes> onData) {
    return guard.call(request.model(), ctx, request.tokens(), text -> { },
        (c, sink) -> GenAiSpans.forwardStream(c.trace(), request.body(), onData,
            relay -> delegate.forwardStream(request, c, event -> {
              sink.accept("");
              relay.accept(event);
            })), v -> -1L);
  }
}
