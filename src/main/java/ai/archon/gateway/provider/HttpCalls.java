package ai.archon.gateway.provider;

import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.MemoryBudget;
import ai.archon.gateway.model.CoarseTimer;
import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.model.CallContext;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.util.Timeout;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The HTTP plumbing the provider adapters share: POST a JSON body, read a JSON reply or an SSE stream, turn non-2xx
 * answers and I/O failures into {@link UpstreamException}, apply the {@link Timeouts}, and tie every exchange to its
 * {@link CallContext} so that cancelling the context resets the upstream request.
 *
 * <p>Timeouts: {@link Timeouts#connectMillis()} bounds the connection; {@link Timeouts#idleMillis()} bounds every
 * silence of the exchange, first until the response head (which for a non-streaming call spans the whole generation)
 * and then between body chunks. One watchdog of ours on a {@link CoarseTimer} covers both, instead of Vert.x's
 * request idle timeout plus a second timer for the body.
 *
 * <p>Failures: a non-2xx answer fails with its status and the error body's message field (see {@link
 * #errorDetail(Buffer)}); I/O errors and timeouts fail with status 0; a 2xx reply that cannot be read fails with
 * the reply's status and code {@code bad_response} (not retryable); a cancelled call fails with status 0 and code
 * {@code cancelled} (not retryable). Messages never carry the raw body, and the API key is masked should an
 * upstream echo it.
 */
public final class HttpCalls {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpCalls.class);
  /** Longest error detail kept from an upstream error body. */
  public static final int MAX_DETAIL = 200;
  /** Largest non-streaming reply accepted. */
  public static final int MAX_REPLY_BYTES = 64 * 1024 * 1024;
  /** How much of an error body is kept to look for its message. */
  static final int MAX_ERROR_BYTES = 64 * 1024;

  private static final Runnable NOTHING = () -> { };
  private static final CharSequence JSON_TYPE = HttpHeaders.createOptimized("application/json");
  private static final CharSequence SSE_TYPE = HttpHeaders.createOptimized("text/event-stream");

  /** Parsed endpoints kept per instance; a bound, since pass-through model names (Gemini puts them in the path) come from clients. */
  private static final int MAX_TARGETS = 256;

  private final Map<String, Target> targets = new ConcurrentHashMap<>();
  private final Vertx vertx;
  private final HttpClientAgent http;
  private final String provider;
  private final Timeouts timeouts;
  private final String secret;

  /**
   * @param provider the provider name used in failures (the model_type)
   * @param secret the API key, masked in any text taken from upstream; may be null
   */
  public HttpCalls(Vertx vertx, HttpClientAgent http, String provider, Timeouts timeouts, String secret) {
    this.vertx = vertx;
    this.http = http;
    this.provider = provider;
    this.timeouts = timeouts == null ? Timeouts.DEFAULT : timeouts;
    this.secret = secret == null || secret.isEmpty() ? null : secret;
  }

  public String provider() { return provider; }

  public Timeouts timeouts() { return timeouts; }

  /** Options for a JSON POST to {@code url} with the timeouts set; {@code sse} asks for an event stream. */
  public RequestOptions post(String url, boolean sse) {
    Target t = targets.get(url);
    if (t == null) {
      t = Target.of(url);
      if (targets.size() < MAX_TARGETS) targets.put(url, t);
    }
    return new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setHost(t.host)
        .setPort(t.port)
        .setSsl(t.ssl)
        .setURI(t.uri)
        .setConnectTimeout(timeouts.connectMillis())
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE)
        .putHeader(HttpHeaders.ACCEPT, sse ? SSE_TYPE : JSON_TYPE);
  }

  /** Sends {@code body}; on 2xx reads the whole reply and maps it with {@code parse} (which may throw). */
  public <T> Future<T> send(RequestOptions options, Buffer body, String model, CallContext ctx, Function<Buffer, T> parse) {
    return exchange(options, body, model, ctx, (resp, ex) -> {
      WholeReply whole = new WholeReply(ctx.memory(), provider + " (" + model + ")");
      return read(resp, ex, model, whole, false).compose(v -> {
        try {
          return Future.succeededFuture(parse.apply(whole.body()));
        } catch (Throwable t) {
          return Future.failedFuture(unreadable(t, model, resp.statusCode()));
        }
      }).andThen(ar -> whole.release());
    });
  }

  /**
   * Sends {@code body} and feeds the 2xx reply, decoded as SSE, to {@code handler}. The future completes when the
   * handler reports the end of the stream or the body ends, and fails when the handler throws, the connection breaks,
   * no data arrives for the idle timeout or the call is cancelled (the upstream request is then reset).
   */
  public Future<Void> stream(RequestOptions options, Buffer body, String model, CallContext ctx, SseHandler handler) {
    boolean[] finished = {false};
    SseDecoder decoder = new SseDecoder(event -> {
      if (!finished[0] && handler.onEvent(event)) finished[0] = true;
    });
    return streamChunks(options, body, model, ctx, new Chunks() {
      @Override
      public boolean onChunk(Buffer chunk) {
        decoder.handle(chunk);
        return finished[0];
      }

      @Override
      public void onEnd() {
        decoder.end();
        if (!finished[0]) handler.onEnd();
      }
    });
  }

  /**
   * Sends {@code body} and feeds the raw 2xx reply to {@code chunks} as it arrives (for framings other than SSE, e.g.
   * Bedrock's event stream), with the same timeouts, cancellation and error mapping as {@link #stream}.
   */
  public Future<Void> streamChunks(RequestOptions options, Buffer body, String model, CallContext ctx, Chunks chunks) {
    return exchange(options, body, model, ctx, (resp, ex) -> read(resp, ex, model, chunks, true));
  }

  /**
   * One exchange: sends {@code body} unless the call is already cancelled, turns a non-2xx answer into its
   * {@link UpstreamException}, hands a 2xx response to {@code onSuccess}, and maps every failure (see the class
   * comment) once the exchange is over.
   */
  private <T> Future<T> exchange(RequestOptions options, Buffer body, String model, CallContext ctx,
      BiFunction<HttpClientResponse, Exchange, Future<T>> onSuccess) {
    if (ctx.cancelled()) return Future.failedFuture(cancelled(model));
    if (!writable(options.getURI())) {
      // Refused before a connection is taken: a URI the codec rejects mid-write closes the pooled connection without
      // releasing its slot in Vert.x 5's pool, and enough of them leave no connection for the calls behind them.
      return Future.failedFuture(new UpstreamException(provider, 400, "invalid_request", false,
          provider + " (" + model + ") request path has characters no HTTP request line may carry"));
    }
    Exchange ex = new Exchange(ctx, model);
    Future<T> result;
    try {
      result = ex.start(options, body).compose(resp -> {
        int status = resp.statusCode();
        if (status < 200 || status > 299) return errorReply(resp, ex, model);
        return onSuccess.apply(resp, ex);
      });
    } catch (Throwable t) {
      result = Future.failedFuture(t);
    }
    return result.transform(ar -> {
      ex.finish();
      return ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.failedFuture(translate(ar.cause(), model, ctx));
    });
  }

  /** Receives the body of one response chunk by chunk. */
  public interface Chunks {
    /** Takes one chunk; returns true when the reply is complete before the body ends. May throw. */
    boolean onChunk(Buffer chunk);

    /** The body ended. May throw. */
    default void onEnd() { }
  }

  /**
   * Pumps the body of {@code resp} into {@code chunks}; every chunk feeds the exchange's watchdog, which fails the read
   * and resets the request after {@link Timeouts#idleMillis()} without data. A chunk handler that throws also resets
   * it, so a half-read body never goes back to the pool. A {@code relayed} body (a stream whose text goes on to the
   * client) stops being read while the call's {@link CallContext.Outlet} is full, so a client that does not read
   * holds the upstream back instead of the gateway's memory.
   */
  private Future<Void> read(HttpClientResponse resp, Exchange ex, String model, Chunks chunks, boolean relayed) {
    Promise<Void> done = Promise.promise();
    Future<Void> future = done.future();
    HttpClientRequest req = resp.request();
    int status = resp.statusCode();
    ex.whileReading(done);
    resp.exceptionHandler(done::tryFail);
    resp.handler(chunk -> {
      if (future.isComplete()) return;
      ex.touch();
      try {
        if (chunks.onChunk(chunk)) done.tryComplete();
        else if (relayed) ex.holdBack(resp);
      } catch (MemoryBudget.ExhaustedException e) {
        if (done.tryFail(e)) req.reset();
      } catch (Throwable t) {
        if (done.tryFail(unreadable(t, model, status))) req.reset();
      }
    });
    resp.endHandler(v -> {
      if (future.isComplete()) return;
      try {
        chunks.onEnd();
        done.tryComplete();
      } catch (Throwable t) {
        done.tryFail(unreadable(t, model, status));
      }
    });
    return future;
  }

  private <T> Future<T> errorReply(HttpClientResponse resp, Exchange ex, String model) {
    int status = resp.statusCode();
    long retryAfter = RetryAfter.millis(resp.getHeader("retry-after-ms"), resp.getHeader("retry-after"),
        System.currentTimeMillis());
    Buffer head = Buffer.buffer();
    return read(resp, ex, model, new Chunks() {
      @Override
      public boolean onChunk(Buffer chunk) {
        int room = MAX_ERROR_BYTES - head.length();
        if (room > 0) head.appendBuffer(chunk.length() <= room ? chunk : chunk.slice(0, room));
        return false;
      }
    }, false).transform(ar -> Future.failedFuture(UpstreamException.of(provider, model, status,
        ar.succeeded() ? mask(errorDetail(head)) : null).withRetryAfter(retryAfter)));
  }

  /** The failure for a call cancelled through its {@link CallContext}: status 0, code {@code cancelled}, not retryable. */
  public UpstreamException cancelled(String model) {
    return new UpstreamException(provider, 0, "cancelled", false, provider + " (" + model + ") call cancelled");
  }

  /** The failure for a 2xx reply that could not be understood; keeps an {@link UpstreamException} as it is. */
  public UpstreamException unreadable(Throwable t, String model, int status) {
    if (t instanceof UpstreamException) return (UpstreamException) t;
    return new UpstreamException(provider, status, "bad_response", false,
        provider + " (" + model + ") sent a reply that could not be read (" + t.getClass().getSimpleName() + ")");
  }

  private Throwable translate(Throwable t, String model, CallContext ctx) {
    if (t instanceof UpstreamException || t instanceof MemoryBudget.ExhaustedException) return t;
    if (ctx.cancelled()) return cancelled(model);
    LOG.debug("{} ({}) call failed", provider, model, t);
    UpstreamException e = UpstreamException.of(provider, model, 0, IoFailures.describe(t));
    e.initCause(t);
    return e;
  }

  private String mask(String text) {
    if (text == null || secret == null) return text;
    return text.replace(secret, "***");
  }

  /**
   * The human message of a JSON error body, trimmed to {@link #MAX_DETAIL} characters on one line, or null. Knows
   * {@code {"error":{"message":..}}} (OpenAI, Anthropic, Gemini, Groq, Together), {@code {"error":".."}} (TGI),
   * {@code {"message":..}} (vLLM) and {@code {"detail":".."}} (FastAPI servers); a top-level array is looked into
   * at its first element. Anything else (HTML, plain text) gives null: raw bodies are never echoed.
   */
  public static String errorDetail(Buffer body) {
    if (body == null || body.length() == 0) return null;
    JsonNode root;
    try {
      root = JsonIo.MAPPER.readTree(body.getBytes());
    } catch (Exception e) {
      return null;
    }
    return errorDetail(root);
  }

  /** As {@link #errorDetail(Buffer)}, for an already parsed body or stream event. */
  public static String errorDetail(JsonNode root) {
    if (root == null) return null;
    if (root.isArray() && root.size() > 0) root = root.get(0);
    if (!root.isObject()) return null;
    JsonNode error = root.get("error");
    String text = null;
    if (error != null && error.isObject() && error.path("message").isTextual()) {
      text = error.get("message").asText();
    } else if (error != null && error.isTextual()) {
      text = error.asText();
    } else if (root.path("message").isTextual()) {
      text = root.get("message").asText();
    } else if (root.path("detail").isTextual()) {
      text = root.get("detail").asText();
    }
    return text == null || text.isBlank() ? null : oneLine(text, MAX_DETAIL);
  }

  /** True when {@code uri} holds only visible ASCII, the characters a request line may carry unencoded. */
  static boolean writable(String uri) {
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c <= 0x20 || c >= 0x7f) return false;
    }
    return true;
  }

  /** {@code url} without trailing slashes. */
  public static String trimSlash(String url) {
    int end = url.length();
    while (end > 0 && url.charAt(end - 1) == '/') end--;
    return url.substring(0, end);
  }

  /** Collapses whitespace runs to one space and cuts to {@code max} characters (with an ellipsis). */
  static String oneLine(String text, int max) {
    StringBuilder sb = new StringBuilder(Math.min(text.length(), max + 1));
    boolean space = false;
    for (int i = 0; i < text.length() && sb.length() <= max; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        space = sb.length() > 0;
      } else {
        if (space) sb.append(' ');
        space = false;
        sb.append(c);
      }
    }
    if (sb.length() > max) {
      sb.setLength(max - 1);
      sb.append('…');
    }
    return sb.toString();
  }

  /** An absolute URL taken apart once: Vert.x would parse it through java.net.URL on every request. */
  private record Target(String host, int port, boolean ssl, String uri) {
    static Target of(String url) {
      RequestOptions o = new RequestOptions().setAbsoluteURI(url);
      return new Target(o.getHost(), o.getPort(), o.isSsl(), o.getURI());
    }
  }

  /**
   * One upstream exchange: remembers its request so that cancelling the context resets it, and watches it for
   * silence from the moment it is sent: until the response head the silence fails the head, then the body read.
   * Re-armed lazily, so a chunk costs no timer work. Used from the exchange's event loop.
   */
  private final class Exchange {
    private final CallContext ctx;
    private final String model;
    private final Promise<HttpClientResponse> head = Promise.promise();
    private Promise<Void> reading;
    private HttpClientRequest req;
    private Runnable forget = NOTHING;
    private long lastData;
    private boolean paused;
    private Timeout timer;
    private boolean over;

    Exchange(CallContext ctx, String model) {
      this.ctx = ctx;
      this.model = model;
    }

    Future<HttpClientResponse> start(RequestOptions options, Buffer body) {
      return http.request(options).compose(r -> {
        req = r;
        forget = ctx.onCancel(() -> r.reset());
        touch();
        timer = CoarseTimer.schedule(vertx, timeouts.idleMillis(), this::check);
        r.response().onComplete(resp -> {
          touch(); // the head is data: its reader starts within this tick, the silence counts from here
          head.tryComplete(resp);
        }, head::tryFail);
        // A request the codec refuses (an illegal character in the URI) left its pooled connection half used, to be
        // handed to the next call: fail this call at once and close that connection so the pool makes a new one.
        r.exceptionHandler(this::writeFailed);
        r.end(body).onFailure(this::writeFailed);
        return head.future();
      });
    }

    private void writeFailed(Throwable t) {
      if (!head.tryFail(t)) return;
      req.reset();
      req.connection().close();
    }

    void touch() {
      lastData = System.currentTimeMillis();
    }

    /** The head has come: from now on silence fails {@code read}. */
    void whileReading(Promise<Void> read) {
      touch();
      reading = read;
    }

    /** Pauses the body while the client's side is full; reading (and the silence watch) resumes once it drained. */
    void holdBack(HttpClientResponse resp) {
      if (paused || over || !ctx.outlet().full()) return;
      paused = true;
      resp.pause();
      ctx.outlet().whenDrained(() -> {
        if (!paused) return;
        paused = false;
        touch();
        if (!over) resp.resume();
      });
    }

    private void check() {
      if (over) return;
      if (paused) touch(); // our own pause is not the upstream's silence
      long quiet = System.currentTimeMillis() - lastData;
      if (quiet < timeouts.idleMillis()) {
        timer = CoarseTimer.schedule(vertx, timeouts.idleMillis() - quiet, this::check);
        return;
      }
      timer = null;
      UpstreamException idle = UpstreamException.of(provider, model, 0, "no data for " + timeouts.idleMillis() + " ms");
      boolean failed = reading != null ? reading.tryFail(idle) : head.tryFail(idle);
      if (failed) req.reset();
    }

    void finish() {
      over = true;
      if (timer != null) timer.cancel();
      timer = null;
      forget.run();
      forget = NOTHING;
    }
  }
}
