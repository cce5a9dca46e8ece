import ai.archon.gateway.ops.Transports;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The floor under the gateway's pass-through: the least a Vert.x proxy can do on this machine (read the body, POST it
 * to the upstream over a keep-alive pool, relay the reply, an event stream as its chunks come), with no routing,
 * parsing, resilience or metrics. The bench
 * runs it where the gateway runs, so "gateway − bare proxy" is what the gateway's own work costs. Run:
 * {@code java -cp target/archon-gateway.jar bench/BareProxy.java PORT UPSTREAM_HOST UPSTREAM_PORT
 * [FANOUT | json | web | features]}.
 *
 * <p>With {@code json}, the floor under any gateway that routes by the body's model and counts tokens: the body is
 * parsed into a Jackson tree, its {@code model} rewritten (the part after the first '/') and the tree written again for
 * the upstream, and the reply's top level is scanned for {@code usage} before it goes back as received.
 *
 * <p>With {@code web}, the same behind Vert.x Web: a router whose POST route has a {@code BodyHandler} and then the
 * JSON floor's handler; the floor under a gateway written the way Vert.x Web is meant to be used.
 *
 * <p>With {@code features}, the floor under a gateway with the features this one promises for every call: the JSON
 * floor plus, per request, each feature done the most direct way with the gateway's own libraries (see
 * {@link Features}). "Gateway − features floor" is then what the gateway's structure costs beyond its features.
 *
 * <p>With {@code FANOUT} n, the floor under an n-generator → fuser ensemble instead: each request's body is POSTed n
 * times at once, then once more when all n have answered, and that last reply goes back; no prompts are built.
 */
public final class BareProxy extends VerticleBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final int port;
  private final String upstreamHost;
  private final int upstreamPort;
  private final int fanout;
  private final boolean json;
  private final boolean web;
  private final boolean features;
  private HttpClientAgent client;
  private Features feature;

  private BareProxy(int port, String upstreamHost, int upstreamPort, String mode) {
    this.port = port;
    this.upstreamHost = upstreamHost;
    this.upstreamPort = upstreamPort;
    this.web = "web".equals(mode);
    this.features = "features".equals(mode);
    this.json = web || features || "json".equals(mode);
    this.fanout = mode == null || json ? 0 : Integer.parseInt(mode);
  }

  public static void main(String[] args) {
    BareProxy proxy = new BareProxy(Integer.parseInt(args[0]), args[1], Integer.parseInt(args[2]),
        args.length > 3 ? args[3] : null);
    // the gateway's socket transport (io_uring where allowed, else epoll), so that the floor is like for like
    Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(1))
        .withTransport(Transports.choose(System.getenv(Transports.ENV))).build();
    vertx.deployVerticle(proxy).onSuccess(id -> System.out.println("bare proxy listening on 127.0.0.1:" + args[0]))
        .onFailure(t -> {
          t.printStackTrace();
          System.exit(1);
        });
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(fanout > 0 ? 16384 : 1024));
    Handler<HttpServerRequest> handler = req -> serve(req, req.body());
    if (features) {
      feature = new Features();
      handler = req -> feature.serve(req, this);
    }
    if (web) {
      // Vert.x Web's own way to take a JSON POST: a router, its body handler, then the handler that uses the body
      Router router = Router.router(vertx);
      router.post().handler(BodyHandler.create());
      router.post().handler(ctx -> serve(ctx.request(), Future.succeededFuture(ctx.body().buffer())));
      handler = router;
    }
    return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true)).requestHandler(handler)
        .listen(port, "127.0.0.1");
  }

  private void serve(HttpServerRequest req, Future<Buffer> read) {
    read.map(body -> json ? renamed(body) : body)
        .compose(body -> fanout > 0 ? fanOut(req.uri(), body) : Future.succeededFuture(body))
        .compose(body -> call(req.uri(), body))
        .compose(resp -> relay(resp, req.response(), json))
        .onFailure(t -> {
          if (!req.response().headWritten()) req.response().setStatusCode(502).end();
        });
  }

  private Future<HttpClientResponse> call(String uri, Buffer body) {
    return client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(upstreamHost).setPort(upstreamPort)
        .setURI(uri).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")).compose(up -> up.send(body));
  }

  /** The n calls of the first layer at once, each reply read whole; then the body again, for the last call. */
  private Future<Buffer> fanOut(String uri, Buffer body) {
    List<Future<Buffer>> calls = new ArrayList<>(fanout);
    for (int i = 0; i < fanout; i++) calls.add(call(uri, body).compose(HttpClientResponse::body));
    return Future.all(calls).map(all -> body);
  }

  /** A JSON reply whole; an event stream chunk by chunk as it comes (the floor for a streamed first byte). */
  private static Future<Void> relay(HttpClientResponse resp, HttpServerResponse out, boolean json) {
    String type = resp.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type != null && type.startsWith("text/event-stream")) {
      out.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, type);
      return resp.pipeTo(out);
    }
    return resp.body().compose(reply -> {
      if (json) usage(reply, false);
      return out.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(reply);
    });
  }

  /** The body as a tree, its model's provider prefix dropped, written again. */
  private static Buffer renamed(Buffer body) {
    try {
      ObjectNode tree = (ObjectNode) JSON.readTree(body.getBytes());
      String model = tree.path("model").asText();
      tree.put("model", model.substring(model.indexOf('/') + 1));
      return Buffer.buffer(JSON.writeValueAsBytes(tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The reply's {@code usage} object (a missing node when it has none), its other top-level fields skipped unread.
   * Not {@code whole}: the scan stops at the usage (the JSON floor). {@code whole}: the reply is tokenised to its end
   * and anything but one complete object fails, as the gateway checks a reply (the features floor).
   */
  private static JsonNode usage(Buffer reply, boolean whole) {
    try (JsonParser p = JSON.getFactory().createParser(reply.getBytes())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        if (whole) throw new IOException("not an object");
        return JSON.missingNode();
      }
      JsonNode usage = JSON.missingNode();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        boolean isUsage = p.currentName().equals("usage");
        if (p.nextToken() == JsonToken.START_OBJECT && isUsage) {
          usage = JSON.readTree(p);
          if (!whole) return usage;
        } else {
          p.skipChildren();
        }
      }
      if (whole && (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null)) {
        throw new IOException("broken reply");
      }
      return usage;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The features floor: per request, what the gateway's README promises for every call, each written the most direct
   * way with the gateway's own libraries and none of its structure (no router, no typed request, no future stages of
   * its own): a request id; the key header read (an open gateway, as the bench's); the request counted in flight (for
   * draining) and its body against a memory budget; then the JSON floor's parse and rewrite; the upstream call under a
   * Resilience4j retry context and circuit breaker, a concurrency count and a Vert.x timer for its timeout; the reply
   * tokenised to its end (a broken one is a 502) with its usage read; the tokens, the call and the request counted and
   * timed in a Prometheus registry with the gateway's buckets; the spend settled on the account's four period
   * counters (names made once a day); the gateway's two upstream-work headers; the budget and counts released when the
   * response ends or its connection closes.
   */
  private static final class Features {
    private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-request-id");
    private static final CharSequence CALLS = HttpHeaders.createOptimized("x-archon-upstream-calls");
    private static final CharSequence RETRIES = HttpHeaders.createOptimized("x-archon-retries");
    private static final CharSequence ONE = HttpHeaders.createOptimized("1");
    private static final CharSequence ZERO = HttpHeaders.createOptimized("0");
    private static final long TIMEOUT_MS = 120_000;
    /** US dollars per million tokens: none, as the bench's gateway has no prices in its settings. */
    private static final double PRICE_IN = 0;
    private static final double PRICE_OUT = 0;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Integer, Counter> requests = new ConcurrentHashMap<>();
    private final Timer duration;
    private final Counter upstreamCalls;
    private final Timer upstreamDuration;
    private final Counter tokensIn;
    private final Counter tokensOut;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger upstreamInFlight = new AtomicInteger();
    private final AtomicLong memory = new AtomicLong();
    private final CircuitBreaker breaker = CircuitBreaker.ofDefaults("vLLM");
    private final Retry retry = Retry.ofDefaults("vLLM");
    private final Map<String, DoubleAdder> spend = new ConcurrentHashMap<>();
    private final Map<String, String[]> periods = new ConcurrentHashMap<>();
    private LocalDate periodsDay = LocalDate.MIN;

    Features() {
      duration = Timer.builder("archon.request.duration").tags("model", "other", "stream", "false")
          .serviceLevelObjectives(seconds(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300)).register(registry);
      upstreamCalls = Counter.builder("archon.upstream.requests")
          .tags("provider", "vLLM", "model", "other", "outcome", "ok").register(registry);
      upstreamDuration = Timer.builder("archon.upstream.request.duration")
          .tags("provider", "vLLM", "model", "other", "outcome", "ok")
          .serviceLevelObjectives(seconds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120))
          .register(registry);
      tokensIn = Counter.builder("archon.upstream.tokens")
          .tags("provider", "vLLM", "model", "other", "direction", "input").register(registry);
      tokensOut = Counter.builder("archon.upstream.tokens")
          .tags("provider", "vLLM", "model", "other", "direction", "output").register(registry);
      Gauge.builder("archon.requests.in.flight", inFlight, AtomicInteger::get).register(registry);
      Gauge.builder("archon.upstream.in.flight", upstreamInFlight, AtomicInteger::get).register(registry);
    }

    void serve(HttpServerRequest req, BareProxy proxy) {
      long start = System.nanoTime();
      HttpServerResponse out = req.response();
      out.putHeader(REQUEST_ID, Long.toHexString(ThreadLocalRandom.current().nextLong()));
      String key = req.getHeader(HttpHeaders.AUTHORIZATION);
      String account = key == null ? "anonymous" : key;
      inFlight.incrementAndGet();
      long[] held = {0};
      boolean[] finished = {false};
      Handler<Void> finish = v -> {
        if (finished[0]) return;
        finished[0] = true;
        memory.addAndGet(-held[0]);
        inFlight.decrementAndGet();
        requests.computeIfAbsent(out.getStatusCode(), s -> Counter.builder("archon.requests")
            .tags("model", "other", "status", Integer.toString(s), "stream", "false").register(registry)).increment();
        duration.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      };
      out.endHandler(finish).closeHandler(finish);
      req.body().compose(body -> {
        held[0] = body.length();
        memory.addAndGet(held[0]);
        return guarded(proxy, req.uri(), renamed(body));
      }).compose(reply -> {
        JsonNode usage = usage(reply, true);
        long in = usage.path("prompt_tokens").asLong(0);
        long outTokens = usage.path("completion_tokens").asLong(0);
        tokensIn.increment(in);
        tokensOut.increment(outTokens);
        settle(account, (in * PRICE_IN + outTokens * PRICE_OUT) / 1_000_000.0);
        return out.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").putHeader(CALLS, ONE)
            .putHeader(RETRIES, ZERO).end(reply);
      }).onFailure(t -> {
        if (!out.headWritten()) out.setStatusCode(502).end();
      });
    }

    /** One upstream call under the retry context, the breaker, a concurrency count and its timeout. */
    private Future<Buffer> guarded(BareProxy proxy, String uri, Buffer body) {
      Retry.AsyncContext<Buffer> attempt = retry.asyncContext();
      if (!breaker.tryAcquirePermission()) return Future.failedFuture("breaker open");
      upstreamInFlight.incrementAndGet();
      long began = System.nanoTime();
      long breakerStart = breaker.getCurrentTimestamp();
      // Future.timeout: a Vert.x timer that fails the call when it fires and is cancelled when the call ends first
      return proxy.call(uri, body).compose(HttpClientResponse::body).timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
          .andThen(ar -> {
            upstreamInFlight.decrementAndGet();
            long took = breaker.getCurrentTimestamp() - breakerStart;
            if (ar.succeeded()) {
              breaker.onResult(took, breaker.getTimestampUnit(), ar.result());
              attempt.onComplete();
            } else {
              breaker.onError(took, breaker.getTimestampUnit(), ar.cause());
            }
            upstreamCalls.increment();
            upstreamDuration.record(System.nanoTime() - began, TimeUnit.NANOSECONDS);
          });
    }

    /** The account's day, week, month and total counters, their names made once per account and day. */
    private void settle(String account, double cost) {
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      if (!today.equals(periodsDay)) {
        periods.clear();
        periodsDay = today;
      }
      String[] names = periods.computeIfAbsent(account, a -> new String[] {a + "|day|" + today, a + "|week|"
          + today.with(java.time.DayOfWeek.MONDAY), a + "|month|" + today.withDayOfMonth(1), a + "|total"});
      for (String name : names) spend.computeIfAbsent(name, n -> new DoubleAdder()).add(cost);
    }

    private static Duration[] seconds(double... values) {
      Duration[] d = new Duration[values.length];
      for (int i = 0; i < values.length; i++) d[i] = Duration.ofNanos((long) (values[i] * 1e9));
      return d;
    }
  }
}
