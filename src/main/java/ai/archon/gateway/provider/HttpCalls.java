package ai.archon.gateway.provider;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.OffLoop;
import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.observe.Spans;

import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The HTTP plumbing the provider adapters share: POST a JSON body, read a JSON reply or an SSE stream, turn non-2xx
 * answers and I/O failures into {@link UpstreamException} (see {@link CallFailures}), apply the {@link Timeouts}, and
 * tie every exchange to its {@link CallContext} so that cancelling the context resets the upstream request.
 *
 * <p>Timeouts: {@link Timeouts#connectMillis()} bounds the connection; {@link Timeouts#idleMillis()} bounds every
 * silence of the exchange, first until the response head (which for a non-streaming call spans the whole generation)
 * and then between body chunks. One watchdog of ours ({@link UpstreamExchange}) covers both, instead of Vert.x's
 * request idle timeout plus a second timer for the body.
 */
public final class HttpCalls {
  private static final CharSequence JSON_TYPE = HttpHeaders.createOptimized("application/json");
  private static final CharSequence SSE_TYPE = HttpHeaders.createOptimized("text/event-stream");
  /** The worker pool every adapter shares (by name) to write large request bodies: one thread. */
  static final String WRITER_POOL = "archon-body-writer";

  private final Urls urls = new Urls();
  private final Vertx vertx;
  private final HttpClientAgent http;
  /** {@link #http} when it spreads calls over pools, which it sizes by the calls in flight this reports; else null. */
  private final StripedClient striped;
  private final Timeouts timeouts;
  private final CallFailures failures;
  private final String provider;
  private final OffLoop writer;

  /**
   * @param provider the provider name used in failures (the model_type)
   * @param secret the API key, masked in any text taken from upstream; may be null
   */
  public HttpCalls(Vertx vertx, HttpClientAgent http, String provider, Timeouts timeouts, String secret) {
    this.vertx = vertx;
    this.http = http;
    this.striped = http instanceof StripedClient s ? s : null;
    this.timeouts = timeouts == null ? Timeouts.DEFAULT : timeouts;
    this.failures = new CallFailures(provider, secret);
    this.provider = provider;
    this.writer = new OffLoop(vertx, WRITER_POOL, OffLoop.LARGE_BYTES);
  }

  /**
   * A request body (or whatever an adapter derives from it, such as a signed request) made by {@code write}: here and
   * now when the prompt is small, on the shared writer thread when {@code sizeHint} (about the body's bytes, e.g.
   * {@link ai.archon.gateway.model.ChatRequest#bodySizeHint}) is at least {@link OffLoop#LARGE_BYTES}, so that writing
   * a 9.5 MB prompt does not hold the event loop (about 270 ms of it, measured). What {@code write} throws fails the
   * future; the result comes back on the caller's event loop.
   */
  public <T> Future<T> written(long sizeHint, Callable<T> write) {
    return writer.run(sizeHint, write);
  }

  /**
   * Options for a JSON POST to {@code url} with the timeouts set; {@code sse} asks for an event stream. The calls here
   * never change the options they are given, so an adapter may build them once and send them with every call.
   */
  public RequestOptions post(String url, boolean sse) {
    Urls.Target t = urls.target(url);
    return new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setServer(t.server())
        .setHost(t.host())
        .setPort(t.port())
        .setSsl(t.ssl())
        .setURI(t.uri())
        .setConnectTimeout(timeouts.connectMillis())
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE)
        .putHeader(HttpHeaders.ACCEPT, sse ? SSE_TYPE : JSON_TYPE);
  }

  /** Sends {@code body}; on 2xx reads the whole reply and maps it with {@code parse} (which may throw). */
  public <T> Future<T> send(RequestOptions options, Buffer body, String model, CallContext ctx, Function<Buffer, T> parse) {
    return exchange(options, body, model, ctx, (resp, ex) -> {
      WholeReply whole = new WholeReply(ctx.memory(), provider, model);
      // One stage for the read's end: the parse, then the reply's bytes released (parsed or not).
      return ex.read(resp, whole, false).transform(ar -> {
        try {
          if (ar.failed()) return Future.failedFuture(ar.cause());
          return Future.succeededFuture(parse.apply(whole.body()));
        } catch (Throwable t) {
          return Future.failedFuture(failures.unreadable(t, model, resp.statusCode()));
        } finally {
          whole.release();
        }
      });
    });
  }

  /**
   * Sends {@code body} and feeds the 2xx reply, decoded as SSE, to {@code handler}. The future completes when the
   * handler reports the end of the stream or the body ends, and fails when the handler throws, the connection breaks,
   * no data arrives for the idle timeout or the call is cancelled (the upstream request is then reset).
   */
  public Future<Void> stream(RequestOptions options, Buffer body, String model, CallContext ctx, SseHandler handler) {
    Decoding d = new Decoding();
    d.decoder = new SseDecoder(event -> {
      if (!d.finished) d.finished = handler.onEvent(event);
    });
    return decoded(options, body, model, ctx, d, handler::onEnd);
  }

  /** As {@link #stream}, handing {@code handler} each event's data as bytes (a relay's form: nothing decoded). */
  public Future<Void> streamData(RequestOptions options, Buffer body, String model, CallContext ctx,
      SseDataHandler handler) {
    Decoding d = new Decoding();
    d.decoder = SseDecoder.ofData(data -> {
      if (!d.finished) d.finished = handler.onData(data);
    });
    return decoded(options, body, model, ctx, d, handler::onEnd);
  }

  /** A stream's decoder and whether its handler reported the logical end (no event is handed on after that). */
  private static final class Decoding {
    SseDecoder decoder;
    boolean finished;
  }

  private Future<Void> decoded(RequestOptions options, Buffer body, String model, CallContext ctx, Decoding d,
      Runnable onEnd) {
    return streamChunks(options, body, model, ctx, new Chunks() {
      @Override
      public boolean onChunk(Buffer chunk) {
        d.decoder.handle(chunk);
        return d.finished;
      }

      @Override
      public void onEnd() {
        d.decoder.end();
        if (!d.finished) onEnd.run();
      }
    });
  }

  /**
   * Sends {@code body} and feeds the raw 2xx reply to {@code chunks} as it arrives (for framings other than SSE, e.g.
   * Bedrock's event stream), with the same timeouts, cancellation and error mapping as {@link #stream}.
   */
  public Future<Void> streamChunks(RequestOptions options, Buffer body, String model, CallContext ctx, Chunks chunks) {
    return exchange(options, body, model, ctx, (resp, ex) -> ex.read(resp, chunks, true));
  }

  /**
   * One exchange: sends {@code body} unless the call is already cancelled, turns a non-2xx answer into its
   * {@link UpstreamException}, hands a 2xx response to {@code onSuccess}, and maps every failure once the exchange is
   * over.
   */
  private <T> Future<T> exchange(RequestOptions options, Buffer body, String model, CallContext ctx,
      BiFunction<HttpClientResponse, UpstreamExchange, Future<T>> onSuccess) {
    if (ctx.cancelled()) return Future.failedFuture(failures.cancelled(model));
    if (!Urls.writable(options.getURI())) {
      // Refused before a connection is taken: a URI the codec rejects mid-write closes the pooled connection without
      // releasing its slot in Vert.x 5's pool, and enough of them leave no connection for the calls behind them.
      return Future.failedFuture(failures.unwritable(model));
    }
    // Traced, the attempt's span goes along as traceparent, so the provider's side joins the client's trace; on a
    // copy, since adapters build their options once and send them with every call.
    if (ctx.trace() != null) {
      options = new RequestOptions(options);
      Spans.inject(ctx.trace(), options);
    }
    UpstreamExchange ex = new UpstreamExchange(vertx, http, timeouts.idleMillis(), ctx, model, failures);
    if (striped != null) striped.started();
    // Listened to, not composed: the exchange's outcome is the one promise this step keeps per call in flight.
    Promise<T> outcome = Promise.promise();
    Completable<T> over = (value, failure) -> {
      ex.finish();
      if (striped != null) striped.ended();
      if (failure == null) outcome.tryComplete(value);
      else outcome.tryFail(failures.translate(failure, model, ctx));
    };
    try {
      ex.start(options, body).onComplete((resp, failure) -> {
        if (failure != null) {
          over.fail(failure);
          return;
        }
        Future<T> read;
        try {
          int status = resp.statusCode();
          read = status < 200 || status > 299 ? errorReply(resp, ex, model) : onSuccess.apply(resp, ex);
        } catch (Throwable t) {
          read = Future.failedFuture(t);
        }
        read.onComplete(over);
      });
    } catch (Throwable t) {
      over.fail(t);
    }
    return outcome.future();
  }

  /** Receives the body of one response chunk by chunk. */
  public interface Chunks {
    /** Takes one chunk; returns true when the reply is complete before the body ends. May throw. */
    boolean onChunk(Buffer chunk);

    /** The body ended. May throw. */
    default void onEnd() { }
  }

  private <T> Future<T> errorReply(HttpClientResponse resp, UpstreamExchange ex, String model) {
    int status = resp.statusCode();
    long retryAfter = RetryAfter.millis(resp.getHeader("retry-after-ms"), resp.getHeader("retry-after"),
        System.currentTimeMillis());
    Buffer head = Buffer.buffer();
    return ex.read(resp, ErrorBodies.head(head), false).transform(ar ->
        Future.failedFuture(failures.errorReply(model, status, ar.succeeded() ? head : null, retryAfter)));
  }
}
