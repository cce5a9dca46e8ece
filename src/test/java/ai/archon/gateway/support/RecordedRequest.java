package ai.archon.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;

/** One request {@link MockUpstream} received, with how its exchange ended. */
// Immutable except for the outcome, which the mock's event loop sets once, so it is safe to read from any thread.
public final class RecordedRequest {

  /** How the exchange ended. */
  public enum Outcome {
    /** The whole reply was sent. */
    COMPLETED,
    /** The client closed or reset the connection before the reply finished (cancellation, timeout). */
    CLIENT_CLOSED,
    /** The mock cut the connection on purpose ({@link Reply#failAfterChunks}) or was closed itself. */
    SERVER_CUT
  }

  private final Protocol protocol;
  private final String method;
  private final String uri;
  private final String path;
  private final MultiMap headers;
  private final String rawBody;
  private final JsonNode body;
  private final String model;
  private final boolean streamed;
  private final long arrivalNanos;
  private final int callNumber;
  private final String promptText;
  private final String lastUserText;
  private final Promise<Outcome> outcome = Promise.promise();
  private volatile long endNanos;

  RecordedRequest(Protocol protocol, String method, String uri, String path, MultiMap headers, String rawBody,
      JsonNode body, String model, boolean streamed, long arrivalNanos, int callNumber, String promptText,
      String lastUserText) {
    this.protocol = protocol;
    this.method = method;
    this.uri = uri;
    this.path = path;
    this.headers = headers;
    this.rawBody = rawBody;
    this.body = body;
    this.model = model;
    this.streamed = streamed;
    this.arrivalNanos = arrivalNanos;
    this.callNumber = callNumber;
    this.promptText = promptText;
    this.lastUserText = lastUserText;
  }

  public Protocol protocol() { return protocol; }

  /** The HTTP method, e.g. {@code POST}. */
  public String method() { return method; }

  /** Path plus query string as sent, e.g. {@code /v1beta/models/g:streamGenerateContent?alt=sse}. */
  public String uri() { return uri; }

  /** The path without the query string. */
  public String path() { return path; }

  /** All request headers; lookups ignore case. */
  public MultiMap headers() { return headers; }

  /** One header value (case-insensitive name), or null. */
  public String header(String name) { return headers.get(name); }

  /** The body as sent. */
  public String rawBody() { return rawBody; }

  /** The body as JSON; a {@code MissingNode} when it was not JSON. */
  public JsonNode body() { return body; }

  /** The model: the body's {@code model} field, or Gemini's path segment. */
  public String model() { return model; }

  /** Whether the client asked for a stream ({@code stream: true}, or Gemini's {@code :streamGenerateContent}). */
  public boolean streamed() { return streamed; }

  /** {@link System#nanoTime()} when the request arrived. */
  public long arrivalNanos() { return arrivalNanos; }

  /** {@link System#nanoTime()} when the exchange ended, or 0 while it is still open. */
  public long endNanos() { return endNanos; }

  /** 1-based position of this request among those for the same model since the last clear. */
  public int callNumber() { return callNumber; }

  /** Every message's text, system included, in order, joined by newlines. */
  public String promptText() { return promptText; }

  /** The text of the last user message, or "" when there is none. */
  public String lastUserText() { return lastUserText; }

  /** Completes when the exchange ends; never fails. */
  public Future<Outcome> outcome() { return outcome.future(); }

  /** True once the client closed the connection before the reply finished. */
  public boolean clientClosedEarly() {
    return outcome.future().isComplete() && outcome.future().result() == Outcome.CLIENT_CLOSED;
  }

  /** True once the whole reply was sent. */
  public boolean completed() {
    return outcome.future().isComplete() && outcome.future().result() == Outcome.COMPLETED;
  }

  /** Records the end once; later calls are ignored, so the first cause wins. */
  void end(Outcome how) {
    if (outcome.future().isComplete()) return;
    endNanos = System.nanoTime();
    outcome.tryComplete(how);
  }

  @Override
  public String toString() {
    return protocol + " " + method + " " + uri + " model=" + model + (streamed ? " (stream)" : "")
        + " #" + callNumber;
  }
}
