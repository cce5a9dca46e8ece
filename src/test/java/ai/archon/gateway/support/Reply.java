package ai.archon.gateway.support;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What {@link MockUpstream} answers to one request: a text (streamed or not), an error, a hang, a cut, raw bytes. */
// Immutable, every modifier returns a copy, so one instance may serve many concurrent requests.
public final class Reply {

  /** What kind of answer this is; the wire writers shape each per protocol. */
  enum Kind { TEXT, STATUS, HANG, RAW }

  final Kind kind;
  /** Null means the default text for the request's model, so scripted failures need not repeat it. */
  final String text;
  final List<String> chunks;
  final Integer promptTokens;
  final Integer completionTokens;
  final long delayMs;
  final long chunkDelayMs;
  /** Number of content chunks sent before the connection is cut; negative means the reply completes. */
  final int failAfterChunks;
  final String finishReason;
  final int status;
  final String message;
  final String errorType;
  final String contentType;
  final String rawBody;
  final Map<String, String> headers;

  private Reply(Kind kind, String text, List<String> chunks, Integer promptTokens, Integer completionTokens,
      long delayMs, long chunkDelayMs, int failAfterChunks, String finishReason, int status, String message,
      String errorType, String contentType, String rawBody, Map<String, String> headers) {
    this.kind = kind;
    this.text = text;
    this.chunks = chunks;
    this.promptTokens = promptTokens;
    this.completionTokens = completionTokens;
    this.delayMs = delayMs;
    this.chunkDelayMs = chunkDelayMs;
    this.failAfterChunks = failAfterChunks;
    this.finishReason = finishReason;
    this.status = status;
    this.message = message;
    this.errorType = errorType;
    this.contentType = contentType;
    this.rawBody = rawBody;
    this.headers = headers;
  }

  private static Reply of(Kind kind) {
    return new Reply(kind, null, null, null, null, 0, 0, -1, "stop", 200, null, null, null, null, Map.of());
  }

  /** A successful answer with this text. */
  public static Reply text(String text) {
    return of(Kind.TEXT).withText(Objects.requireNonNull(text, "text"));
  }

  /** The default successful answer, {@code "answer from <model>"}. */
  public static Reply defaultText() {
    return of(Kind.TEXT);
  }

  /** An error with this HTTP status and a protocol-shaped error body. */
  public static Reply status(int code) {
    if (code < 400 || code > 599) throw new IllegalArgumentException("error status expected, got " + code);
    Reply r = of(Kind.STATUS);
    return r.copy(r.text, r.chunks, r.promptTokens, r.completionTokens, r.delayMs, r.chunkDelayMs,
        r.failAfterChunks, r.finishReason, code, r.message, r.errorType, r.contentType, r.rawBody, r.headers);
  }

  /** Never answers: the request stays open until the client gives up (recorded as clientClosedEarly). */
  public static Reply hang() {
    return of(Kind.HANG);
  }

  /** The default text, but the connection is cut after {@code afterChunks} content chunks (or half the body). */
  public static Reply failMidStream(int afterChunks) {
    return defaultText().failAfterChunks(afterChunks);
  }

  /** Exactly these bytes with this status and content type, e.g. to test unreadable upstream answers. */
  public static Reply raw(int status, String contentType, String body) {
    Reply r = of(Kind.RAW);
    return r.copy(r.text, r.chunks, r.promptTokens, r.completionTokens, r.delayMs, r.chunkDelayMs,
        r.failAfterChunks, r.finishReason, status, r.message, r.errorType, contentType, body, r.headers);
  }

  /** The same reply with another text (keeps delays, failure point and usage). */
  public Reply withText(String newText) {
    return copy(newText, chunks, promptTokens, completionTokens, delayMs, chunkDelayMs, failAfterChunks,
        finishReason, status, message, errorType, contentType, rawBody, headers);
  }

  /** Reported token usage; by default prompt = words in the prompt text and completion = words in the reply. */
  public Reply usage(int prompt, int completion) {
    return copy(text, chunks, prompt, completion, delayMs, chunkDelayMs, failAfterChunks, finishReason, status,
        message, errorType, contentType, rawBody, headers);
  }

  /** Waits this long before sending headers. */
  public Reply delayMs(long ms) {
    return copy(text, chunks, promptTokens, completionTokens, ms, chunkDelayMs, failAfterChunks, finishReason,
        status, message, errorType, contentType, rawBody, headers);
  }

  /** Waits this long between streamed content chunks. */
  public Reply chunkDelayMs(long ms) {
    return copy(text, chunks, promptTokens, completionTokens, delayMs, ms, failAfterChunks, finishReason, status,
        message, errorType, contentType, rawBody, headers);
  }

  /** Streams exactly these pieces; the text becomes their concatenation. */
  public Reply chunks(List<String> pieces) {
    List<String> copy = List.copyOf(pieces);
    return copy(String.join("", copy), copy, promptTokens, completionTokens, delayMs, chunkDelayMs,
        failAfterChunks, finishReason, status, message, errorType, contentType, rawBody, headers);
  }

  /** Streams exactly these pieces; the text becomes their concatenation. */
  public Reply chunks(String... pieces) {
    return chunks(Arrays.asList(pieces));
  }

  /** Cuts the connection after this many content chunks (non-streamed: after half the body). */
  public Reply failAfterChunks(int afterChunks) {
    if (afterChunks < 0) throw new IllegalArgumentException("afterChunks must be >= 0");
    return copy(text, chunks, promptTokens, completionTokens, delayMs, chunkDelayMs, afterChunks, finishReason,
        status, message, errorType, contentType, rawBody, headers);
  }

  /**
   * The finish reason in OpenAI terms ({@code stop}, {@code length}, {@code content_filter}); the Anthropic and
   * Gemini writers map it to {@code end_turn}/{@code max_tokens}/{@code refusal} and {@code STOP}/{@code
   * MAX_TOKENS}/{@code SAFETY}.
   */
  public Reply finishReason(String reason) {
    return copy(text, chunks, promptTokens, completionTokens, delayMs, chunkDelayMs, failAfterChunks, reason,
        status, message, errorType, contentType, rawBody, headers);
  }

  /** The error message in a status reply's body. */
  public Reply message(String errorMessage) {
    return copy(text, chunks, promptTokens, completionTokens, delayMs, chunkDelayMs, failAfterChunks,
        finishReason, status, errorMessage, errorType, contentType, rawBody, headers);
  }

  /** Overrides the protocol's error type/status word (OpenAI {@code type}, Anthropic {@code error.type}, Gemini
   * {@code status}). */
  public Reply errorType(String type) {
    return copy(text, chunks, promptTokens, completionTokens, delayMs, chunkDelayMs, failAfterChunks,
        finishReason, status, message, type, contentType, rawBody, headers);
  }

  /** Adds a response header, e.g. {@code Retry-After}. */
  public Reply header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return copy(text, chunks, promptTokens, completionTokens, delayMs, chunkDelayMs, failAfterChunks,
        finishReason, status, message, errorType, contentType, rawBody, Collections.unmodifiableMap(h));
  }

  /** Shorthand for {@code header("Retry-After", seconds)}. */
  public Reply retryAfter(long seconds) {
    return header("Retry-After", Long.toString(seconds));
  }

  private Reply copy(String text, List<String> chunks, Integer promptTokens, Integer completionTokens, long delayMs,
      long chunkDelayMs, int failAfterChunks, String finishReason, int status, String message, String errorType,
      String contentType, String rawBody, Map<String, String> headers) {
    // Changing the text drops chunks that no longer add up to it.
    List<String> keptChunks = chunks != null && text != null && String.join("", chunks).equals(text) ? chunks : null;
    return new Reply(kind, text, keptChunks, promptTokens, completionTokens, delayMs, chunkDelayMs, failAfterChunks,
        finishReason, status, message, errorType, contentType, rawBody, headers);
  }

  /** The text this reply sends for a request to {@code model}. */
  String textFor(String model) {
    return text != null ? text : defaultTextFor(model);
  }

  /** Deterministic per model (not per call), so concurrent runs give the same answers. */
  static String defaultTextFor(String model) {
    return "answer from " + model;
  }

  /** The streamed pieces: the scripted ones, or the text split after whitespace so they concatenate back exactly. */
  List<String> chunksFor(String model) {
    if (chunks != null && !chunks.isEmpty()) return chunks;
    String t = textFor(model);
    if (t.isEmpty()) return List.of("");
    return List.of(t.split("(?<=\\s)(?=\\S)"));
  }

  /** Whitespace-separated words: the mock's stand-in for tokens. */
  static int words(String s) {
    if (s == null) return 0;
    String t = s.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  @Override
  public String toString() {
    switch (kind) {
      case STATUS: return "Reply.status(" + status + ")";
      case HANG: return "Reply.hang()";
      case RAW: return "Reply.raw(" + status + ")";
      default:
        return "Reply.text(" + (text == null ? "<default>" : '"' + text + '"') + ")"
            + (failAfterChunks >= 0 ? ".failAfterChunks(" + failAfterChunks + ")" : "");
    }
  }
}
