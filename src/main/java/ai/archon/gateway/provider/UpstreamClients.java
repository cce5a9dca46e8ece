package ai.archon.gateway.provider;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.TrustOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP clients of the provider adapters, per provider: one for {@code https} origins that offers HTTP/2 through
 * ALPN and falls back to HTTP/1.1 when the provider does not take it, and one for plain {@code http} origins (local
 * vLLM, TGI, Ollama) that speaks HTTP/1.1 only, since an h2c upgrade would be a gamble with servers that do not expect
 * one. Their connection pools are sized from the provider's {@code max_concurrency}.
 *
 * <p>Why HTTP/2 to hosted providers: an ensemble fans out to many calls on one provider at once (100 requests of a
 * 10-generator layer are 1,000 calls in flight). Over HTTP/1.1 each needs its own connection and TLS handshake; over
 * HTTP/2 they share a few connections, and cancelling a call resets its stream instead of the connection.
 */
public final class UpstreamClients implements AutoCloseable {
  /** Turns HTTP/2 to https origins off ({@code false}); HTTP/1.1 is then used everywhere. */
  public static final String ENV = "ARCHON_UPSTREAM_HTTP2";
  /** Calls in flight one HTTP/2 connection is planned for; providers typically allow 100 or more streams on one. */
  static final int STREAMS_PER_HTTP2_CONNECTION = 64;

  private final Vertx vertx;
  private final boolean http2;
  private final TrustOptions trust;
  private final Map<String, HttpClientAgent> clients = new ConcurrentHashMap<>();

  private UpstreamClients(Vertx vertx, boolean http2, TrustOptions trust) {
    this.vertx = vertx;
    this.http2 = http2;
    this.trust = trust;
  }

  /** The gateway's clients; {@code http2} false keeps https origins on HTTP/1.1 too. */
  public static UpstreamClients create(Vertx vertx, boolean http2) {
    return create(vertx, http2, null);
  }

  /** As {@link #create(Vertx, boolean)}, trusting {@code trust} instead of the JVM's CAs when it is not null (tests). */
  public static UpstreamClients create(Vertx vertx, boolean http2, TrustOptions trust) {
    return new UpstreamClients(vertx, http2, trust);
  }

  /** True unless {@code value} (of {@link #ENV}) is {@code false}. */
  public static boolean http2(String value) {
    return !"false".equalsIgnoreCase(value == null ? "" : value.trim());
  }

  /**
   * The client for {@code provider}'s calls to {@code baseUrl} (null: an adapter that builds https URLs itself), with
   * keep-alive pools per origin sized from the provider's {@code max_concurrency}: its guard lets that many calls be
   * in flight, so its pools must not make any of them wait for a connection, and a provider held to a few calls does
   * not get thousands of connections. One client per provider and scheme, made on first use and kept.
   */
  public HttpClientAgent forProvider(String provider, String baseUrl, int maxConcurrency) {
    boolean plain = baseUrl != null && baseUrl.regionMatches(true, 0, "http:", 0, 5);
    return clients.computeIfAbsent(provider + (plain ? " http" : " https"),
        k -> plain ? plainClient(maxConcurrency) : vertx.createHttpClient(tlsOptions(), pool(maxConcurrency)));
  }

  /**
   * HTTP/1.1 to a plain origin: a connection per call in flight, so a large {@code max_concurrency} gets its calls
   * spread over {@link #stripes} pools (see {@link StripedClient}); each may hold all of them, so that an uneven
   * spread never makes a call wait, and the guard's limit still bounds the connections in use.
   */
  private HttpClientAgent plainClient(int maxConcurrency) {
    int n = stripes(maxConcurrency);
    if (n == 1) return vertx.createHttpClient(base(), pool(maxConcurrency));
    List<HttpClientAgent> clients = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) clients.add(vertx.createHttpClient(base(), pool(maxConcurrency)));
    return new StripedClient(clients);
  }

  /**
   * Pools for {@code maxConcurrency} HTTP/1.1 calls in flight: from 256 on, where the pool's scan shows, one per 128
   * calls (at least 4, at most 64), so a call scans about 128 connections however many are in flight. With four
   * pools the scan of ~1,650 connections each was still 7 % of the loop's CPU at 6,600 calls in flight
   * (bench/scenarios.sh saturation at concurrency 600).
   */
  static int stripes(int maxConcurrency) {
    return maxConcurrency < 256 ? 1 : Math.min(64, Math.max(4, maxConcurrency / 128));
  }

  /**
   * HTTP/1.1 connections per origin for {@code maxConcurrency} calls in flight: one per call, plus headroom for
   * connections still closing (a timed-out or cancelled attempt's) whose call slot is already taken again.
   */
  static int http1Connections(int maxConcurrency) {
    return maxConcurrency + Math.max(8, maxConcurrency / 8);
  }

  /** HTTP/2 connections per origin for {@code maxConcurrency} calls in flight, as multiplexed streams. */
  static int http2Connections(int maxConcurrency) {
    return Math.max(1, (maxConcurrency + STREAMS_PER_HTTP2_CONNECTION - 1) / STREAMS_PER_HTTP2_CONNECTION);
  }

  private HttpClientOptions tlsOptions() {
    HttpClientOptions options = base();
    if (http2) {
      options.setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true)
          .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
    }
    if (trust != null) options.setTrustOptions(trust);
    return options;
  }

  private static HttpClientOptions base() {
    return new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setDecompressionSupported(true);
  }

  private static PoolOptions pool(int maxConcurrency) {
    return new PoolOptions().setHttp1MaxSize(http1Connections(maxConcurrency))
        .setHttp2MaxSize(http2Connections(maxConcurrency)).setMaxWaitQueueSize(-1);
  }

  @Override
  public void close() {
    clients.values().forEach(HttpClientAgent::close);
  }
}
