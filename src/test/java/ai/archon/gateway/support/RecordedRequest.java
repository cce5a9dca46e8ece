package ai.archon.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;

/**
 * One request {@link MockUpstream} received, with how its exchange ended.
 *
 * @param protocol the wire protocol its route speaks
 * @param method the HTTP method, e.g. {@code POST}
 * @param uri path plus query string as sent, e.g. {@code /v1beta/models/g:streamGenerateContent?alt=sse}
 * @param path the path without the query string
 * @param headers all request headers; lookups ignore case
 * @param rawBody the body as sent
 * @param body the body as JSON; a {@code MissingNode} when it was not JSON
 * @param model the model: the body's {@code model} field, or Gemini's path segment
 * @param streamed whether the client asked for a stream ({@code stream: true}, or Gemini's
 *     {@code :streamGenerateContent})
 * @param arrivalNanos {@link System#nanoTime()} when the request arrived
 * @param callNumber 1-based position of this request among those for the same model since the last clear
 * @param promptText every message's text, system included, in order, joined by newlines
 * @param lastUserText the text of the last user message, or "" when there is none
 * @param ending how and when the exchange ended, set once by the mock
 */
// Immutable except for the ending, which the mock's event loop sets once, so it is safe to read from any thread.
public record RecordedRequest(Protocol protocol, String method, String uri, String path, MultiMap headers,
    String rawBody, JsonNode body, String model, boolean streamed, long arrivalNanos, int callNumber,
    String promptText, String lastUserText, Ending ending) {

  /** How the exchange ended. */
  public enum Outcome {
    /** The whole reply was sent. */
    COMPLETED,
    /** The client closed or reset the connection before the reply finished (cancellation, timeout). */
    CLIENT_CLOSED,
    /** The mock cut the connection on purpose ({@link Reply#failAfterChunks}) or was closed itself. */
    SERVER_CUT
  }

  /** The end of an exchange: its outcome and when it came, recorded once. */
  public static final class Ending {
    private final Promise<Outcome> outcome = Promise.promise();
    private volatile long endNanos;
  }

  /** One header value (case-insensitive name), or null. */
  public String header(String name) { return headers.get(name); }

  /** {@link System#nanoTime()} when the exchange ended, or 0 while it is still open. */
  public long endNanos() { return ending.endNanos; }

  /** Completes when the exchange ends; never fails. */
  public Future<Outcome> outcome() { return ending.outcome.future(); }

  /** True once the client closed the connection before the reply finished. */
  public boolean clientClosedEarly() {
    return outcome().isComplete() && outcome().result() == Outcome.CLIENT_CLOSED;
  }

  /** True once the whole reply was sent. */
  public boolean completed() {
    return outcome().isComplete() && outcome().result() == Outcome.COMPLETED;
  }

  /** Records the end once; later calls are ignored, so the first cause wins. */
  void end(Outcome how) {
    if (outcome().isComplete()) return;
    ending.endNanos = System.nanoTime();
    ending.outcome.tryComplete(how);
  }

  @Override
  public String toString() {
    return protocol + " " + method + " " + uri + " model=" + model + (streamed ? " (stream)" : "")
        + " #" + callNumber;
  }
}
