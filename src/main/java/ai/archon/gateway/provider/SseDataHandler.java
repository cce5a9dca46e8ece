package ai.archon.gateway.provider;

import ai.archon.gateway.model.EventBytes;

/**
 * Consumes the data of a streaming upstream response's SSE events as bytes (see {@link HttpCalls#streamData}), for
 * relays that pass them on unchanged. Called on the response's event loop, in order; throwing fails the call as for
 * {@link SseHandler}.
 */
public interface SseDataHandler {

  /** Handles one event's data (a view valid during this call only); returns true at the logical end of the stream. */
  boolean onData(EventBytes data);

  /** The body ended without {@link #onData} having returned true; throw if that means the reply was cut. */
  default void onEnd() { }
}
