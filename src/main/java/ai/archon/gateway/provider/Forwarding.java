package ai.archon.gateway.provider;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.EventBytes;
import ai.archon.gateway.model.TokenEstimate;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * The pass-through capability ({@code model: "<model_type>/<model>"}): the client's own OpenAI body goes upstream with
 * only {@code model} replaced, and the reply comes back as the upstream wrote it. Providers that speak OpenAI's
 * protocol offer it ({@link ChatProvider#forwarding()}); the others are called through their mapping instead.
 */
public interface Forwarding {

  /**
   * One body to forward: {@code body} is the client's tree (not copied: the adapter writes {@code model} itself),
   * {@code model} the upstream model without its {@code <model_type>/} prefix, {@code tokens} the rate-limit estimate,
   * {@code bytes} the client's body size (a large body is written for the upstream off the event loop).
   */
  record Forward(ObjectNode body, String model, long tokens, long bytes) {

    /** Estimated from the client's body size, not by re-serializing the tree. */
    public static Forward of(ObjectNode body, String model, long bodyBytes, Integer maxTokens) {
      return new Forward(body, model, TokenEstimate.of(bodyBytes, maxTokens), bodyBytes);
    }
  }

  /** A non-streaming body ({@code stream} dropped); completes with the upstream JSON reply as is. */
  Future<Buffer> forward(Forward request, CallContext ctx);

  /**
   * A streaming body ({@code stream: true} forced, the client's {@code stream_options} kept): every upstream SSE
   * {@code data:} payload but {@code [DONE]} goes verbatim to {@code onData}, in order, as the bytes it came in (a
   * view valid during the call only: see {@link EventBytes}).
   */
  Future<Void> forwardStream(Forward request, CallContext ctx, Consumer<EventBytes> onData);
}
