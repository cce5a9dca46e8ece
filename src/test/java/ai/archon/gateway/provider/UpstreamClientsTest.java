package ai.archon.gateway.provider;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.Sampling;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.ChatRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.ProviderSpec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The upstream clients against real TLS servers on 127.0.0.1 (a self-signed certificate for IP 127.0.0.1, kept in
 * test resources): HTTP/2 through ALPN where the server offers it, HTTP/1.1 where it does not or where turned off,
 * and plain http origins on HTTP/1.1 without an h2c upgrade.
 */
class UpstreamClientsTest {
  private static final String KEYSTORE = "src/test/resources/tls/upstream-127.0.0.1.p12";
  private static final String CERT = "src/test/resources/tls/upstream-127.0.0.1.pem";

  private Vertx vertx;
  private final List<HttpVersion> versions = new CopyOnWriteArrayList<>();
  private final List<String> upgrades = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final List<UpstreamClients> clients = new ArrayList<>();
  private final AtomicInteger resets = new AtomicInteger();
  private volatile boolean hang;
  private volatile long holdMs;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    clients.forEach(UpstreamClients::close);
    vertx.close().await();
  }

  @Test
  void httpsOriginsSpeakHttp2AndShareOneConnection() {
    int port = server(true, List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
    OpenAiCompatibleProvider p = provider(clients(true), "https://127.0.0.1:" + port + "/v1");
    assertEquals("Paris is the capital of France.", complete(p).text());
    List<Future<ChatResult>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) calls.add(call(p));
    Future.all(calls).await();
    assertEquals(51, versions.size());
    assertTrue(versions.stream().allMatch(v -> v == HttpVersion.HTTP_2), versions.toString());
    assertEquals(1, connections.get(), "50 concurrent calls multiplexed on the first connection");
  }

  @Test
  void aStreamArrivesInPiecesOverHttp2() {
    int port = server(true, List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
    OpenAiCompatibleProvider p = provider(clients(true), "https://127.0.0.1:" + port + "/v1");
    List<String> deltas = new CopyOnWriteArrayList<>();
    ChatRequest r = new ChatRequest("gpt-4o-mini", List.of(Message.user("Hi")), new Sampling(null, null, null, null, null, null),
        null, null);
    ChatResult result = onLoop(() -> p.stream(r, CallContext.detached(), deltas::add)).await();
    assertEquals(List.of("Bonjour", ", café", " \uD83D\uDE42!"), deltas);
    assertEquals(new Usage(19, 6), result.usage());
    assertEquals(List.of(HttpVersion.HTTP_2), versions);
  }

  @Test
  void aCancelledCallResetsItsStreamAndTheConnectionCarriesOn() throws Exception {
    int port = server(true, List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
    OpenAiCompatibleProvider p = provider(clients(true), "https://127.0.0.1:" + port + "/v1");
    hang = true;
    CallContext call = new CallContext("r1");
    Future<ChatResult> pending = call(p, call);
    for (long end = System.nanoTime() + 5_000_000_000L; versions.isEmpty() && System.nanoTime() < end; ) Thread.sleep(5);
    vertx.getOrCreateContext().runOnContext(v -> call.cancel());
    assertTrue(pending.transform(ar -> Future.succeededFuture(ar.failed())).await(), "the call fails");
    for (long end = System.nanoTime() + 5_000_000_000L; resets.get() == 0 && System.nanoTime() < end; ) Thread.sleep(5);
    assertEquals(1, resets.get(), "the server saw the stream reset");
    hang = false;
    assertEquals("Paris is the capital of France.", complete(p).text());
    assertEquals(1, connections.get(), "on the same connection");
  }

  @Test
  void httpsOriginsWithoutHttp2FallBackToHttp1() {
    int port = server(true, List.of(HttpVersion.HTTP_1_1));
    assertEquals("Paris is the capital of France.", complete(provider(clients(true), "https://127.0.0.1:" + port + "/v1")).text());
    assertEquals(List.of(HttpVersion.HTTP_1_1), versions);
  }

  @Test
  void http2CanBeTurnedOff() {
    int port = server(true, List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
    assertEquals("Paris is the capital of France.", complete(provider(clients(false), "https://127.0.0.1:" + port + "/v1")).text());
    assertEquals(List.of(HttpVersion.HTTP_1_1), versions);
    assertEquals(false, UpstreamClients.http2("false"));
    assertEquals(true, UpstreamClients.http2(null));
    assertEquals(true, UpstreamClients.http2("true"));
  }

  @Test
  void plainOriginsStayOnHttp1WithoutAnUpgrade() {
    int port = server(false, List.of());
    UpstreamClients c = clients(true);
    assertSame(c.forProvider("vLLM", "HTTP://127.0.0.1:1/v1", 4), c.forProvider("vLLM", "http://127.0.0.1:" + port + "/v1", 4));
    assertSame(c.forProvider("OpenAI_API", null, 4), c.forProvider("OpenAI_API", "https://api.openai.com/v1", 4));
    assertNotSame(c.forProvider("vLLM", "http://127.0.0.1:1/v1", 4), c.forProvider("tgi", "http://127.0.0.1:1/v1", 4));
    assertEquals("Paris is the capital of France.", complete(provider(c, "http://127.0.0.1:" + port + "/v1")).text());
    assertEquals(List.of(HttpVersion.HTTP_1_1), versions);
    assertNull(upgrades.get(0), "no h2c upgrade offered to a plain server");
  }

  @Test
  void poolsAreSizedFromMaxConcurrency() {
    assertEquals(2048 + 256, UpstreamClients.http1Connections(2048));
    assertEquals(5000 + 625, UpstreamClients.http1Connections(5000));
    assertEquals(4 + 8, UpstreamClients.http1Connections(4));
    assertEquals(32, UpstreamClients.http2Connections(2048));
    assertEquals(1, UpstreamClients.http2Connections(4));
    assertEquals(2, UpstreamClients.http2Connections(65));
  }

  @Test
  void aProviderHeldToFewCallsGetsFewConnections() {
    int port = server(false, List.of());
    holdMs = 300;
    // 20 calls straight at the adapter (the guard, which would hold them to 4, is not in this test): the pool of a
    // provider with max_concurrency 4 has 4 + 8 connections, so 12 reach the server at once and the rest wait
    OpenAiCompatibleProvider p = provider(clients(true), "http://127.0.0.1:" + port + "/v1", 4);
    List<Future<ChatResult>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) calls.add(call(p));
    Future.all(calls).await();
    assertEquals(12, maxInFlight.get());
    assertEquals(12, connections.get());
  }

  @Test
  void aLargePlainProvidersCallsAreCountedToTheirEndAndADipKeepsItsConnections() throws Exception {
    int port = server(false, List.of());
    holdMs = 300;
    String url = "http://127.0.0.1:" + port + "/v1";
    UpstreamClients c = clients(true);
    // max_concurrency 2048: 16 pools, of which 100 calls in flight take 4 (32 calls each)
    StripedClient striped = (StripedClient) c.forProvider("OpenAI_API", url, 2048);
    OpenAiCompatibleProvider p = provider(c, url, 2048);
    List<Future<ChatResult>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) calls.add(call(p));
    Future.all(calls).await();
    assertEquals(100, maxInFlight.get());
    assertEquals(4, striped.inUse());
    assertEquals(0, striped.inFlight(), "every answered call ended");
    // one call at a time right after: the four pools stay in use, and their idle connections take the calls
    holdMs = 0;
    for (int i = 0; i < 8; i++) complete(p);
    assertEquals(100, connections.get());
    assertEquals(4, striped.inUse());
    // a cancelled call ends too
    hang = true;
    CallContext call = new CallContext("r1");
    Future<ChatResult> pending = call(p, call);
    for (long end = System.nanoTime() + 5_000_000_000L; striped.inFlight() == 0 && System.nanoTime() < end; ) Thread.sleep(5);
    assertEquals(1, striped.inFlight());
    vertx.getOrCreateContext().runOnContext(v -> call.cancel());
    assertTrue(pending.transform(ar -> Future.succeededFuture(ar.failed())).await(), "the call fails");
    assertEquals(0, striped.inFlight());
  }

  private UpstreamClients clients(boolean http2) {
    UpstreamClients c = UpstreamClients.create(vertx, http2, new PemTrustOptions().addCertPath(CERT));
    clients.add(c);
    return c;
  }

  private OpenAiCompatibleProvider provider(UpstreamClients c, String baseUrl) {
    return provider(c, baseUrl, 2048);
  }

  private OpenAiCompatibleProvider provider(UpstreamClients c, String baseUrl, int maxConcurrency) {
    ProviderSpec spec = new ProviderSpec("OpenAI_API", "openai", baseUrl, List.of(), false, null);
    return new OpenAiCompatibleProvider(vertx, c.forProvider("OpenAI_API", baseUrl, maxConcurrency), spec, "sk-test");
  }

  private ChatResult complete(OpenAiCompatibleProvider p) {
    return call(p).await();
  }

  private Future<ChatResult> call(OpenAiCompatibleProvider p) {
    return call(p, CallContext.detached());
  }

  private Future<ChatResult> call(OpenAiCompatibleProvider p, CallContext ctx) {
    ChatRequest r = new ChatRequest("gpt-4o", List.of(Message.user("Capital of France?")), new Sampling(null, null, null, null,
        null, null), null, null);
    return onLoop(() -> p.complete(r, ctx));
  }

  /** Runs {@code call} on an event loop, as the gateway does, and passes its outcome on. */
  private <T> Future<T> onLoop(Supplier<Future<T>> call) {
    Promise<T> p = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> call.get().onComplete(p));
    return p.future();
  }

  private void writePieces(HttpServerResponse resp, byte[] body, int from) {
    if (from >= body.length) {
      resp.end();
      return;
    }
    int to = Math.min(body.length, from + 40);
    resp.write(Buffer.buffer().appendBytes(body, from, to - from));
    vertx.setTimer(5, id -> writePieces(resp, body, to));
  }

  /** A server answering every chat call with a fixed completion; TLS with the given ALPN versions, or plain. */
  private int server(boolean tls, List<HttpVersion> alpn) {
    HttpServerOptions o = new HttpServerOptions().setHost("127.0.0.1").setPort(0);
    if (tls) {
      o.setSsl(true).setKeyCertOptions(new PfxOptions().setPath(KEYSTORE).setPassword("archon-test"))
          .setUseAlpn(true).setAlpnVersions(alpn);
    }
    String reply = Fixtures.text("openai/completion.json");
    byte[] sse = Fixtures.bytes("openai/stream.sse");
    HttpServer s = vertx.createHttpServer(o).connectionHandler(c -> connections.incrementAndGet())
        .requestHandler(req -> req.body().onSuccess(b -> {
          versions.add(req.version());
          upgrades.add(req.getHeader("upgrade"));
          if (hang) {
            req.response().exceptionHandler(t -> resets.incrementAndGet());
            return;
          }
          if (holdMs > 0) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            vertx.setTimer(holdMs, t -> {
              inFlight.decrementAndGet();
              req.response().putHeader("content-type", "application/json").end(reply);
            });
            return;
          }
          if (!b.toString().contains("\"stream\":true")) {
            req.response().putHeader("content-type", "application/json").end(reply);
            return;
          }
          // the events in 40-byte pieces, 5 ms apart, so the client decodes across frame boundaries
          req.response().setChunked(true).putHeader("content-type", "text/event-stream");
          writePieces(req.response(), sse, 0);
        }));
    return s.listen().await().actualPort();
  }
}
