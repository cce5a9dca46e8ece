package ai.archon.gateway.provider;

import ai.archon.gateway.model.UpstreamException;

/**
 * Consumes the SSE events of one streaming upstream response (see {@link HttpCalls#stream}). Called on the
 * response's event loop, in order. Throwing fails the call: throw {@link UpstreamException} for an error the
 * upstream reported inside the stream; anything else is reported as an unreadable reply.
 */
public interface SseHandler {

  /** Handles one event; returns true when it was the logical end of the stream (e.g. {@code [DONE]}). */
  boolean onEvent(SseDecoder.Event event);

  /** The body ended without {@link #onEvent} having returned true; throw if that means the reply was cut. */
  default void onEnd() { }
}
