package ai.archon.gateway.provider;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.TrustOptions;
import java.util.List;

/**
 * The HTTP clients the provider adapters share: one for {@code https} origins that offers HTTP/2 through ALPN and
 * falls back to HTTP/1.1 when the provider does not take it, and one for plain {@code http} origins (local vLLM, TGI,
 * Ollama) that speaks HTTP/1.1 only, since an h2c upgrade would be a gamble with servers that do not expect one.
 *
 * <p>Why HTTP/2 to hosted providers: an ensemble fans out to many calls on one provider at once (100 requests of a
 * 10-generator layer are 1,000 calls in flight). Over HTTP/1.1 each needs its own connection and TLS handshake; over
 * HTTP/2 they share a few connections, and cancelling a call resets its stream instead of the connection.
 */
public final class UpstreamClients implements AutoCloseable {
  /** HTTP/1.1 connections per origin: every call in flight holds one. */
  public static final int HTTP1_CONNECTIONS_PER_ORIGIN = 2048;
  /**
   * HTTP/2 connections per origin. A provider typically allows 100 or more concurrent streams per connection, so
   * this carries thousands of calls in flight; calls beyond the streams on offer wait in the pool's queue.
   */
  public static final int HTTP2_CONNECTIONS_PER_ORIGIN = 32;
  /** Turns HTTP/2 to https origins off ({@code false}); HTTP/1.1 is then used everywhere. */
  public static final String ENV = "ARCHON_UPSTREAM_HTTP2";

  private final HttpClientAgent tls;
  private final HttpClientAgent plain;

  private UpstreamClients(HttpClientAgent tls, HttpClientAgent plain) {
    this.tls = tls;
    this.plain = plain;
  }

  /** The gateway's clients; {@code http2} false keeps https origins on HTTP/1.1 too. */
  public static UpstreamClients create(Vertx vertx, boolean http2) {
    return create(vertx, http2, null);
  }

  /** As {@link #create(Vertx, boolean)}, trusting {@code trust} instead of the JVM's CAs when it is not null (tests). */
  public static UpstreamClients create(Vertx vertx, boolean http2, TrustOptions trust) {
    HttpClientOptions tlsOptions = base();
    if (http2) {
      tlsOptions.setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true)
          .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
    }
    if (trust != null) tlsOptions.setTrustOptions(trust);
    return new UpstreamClients(vertx.createHttpClient(tlsOptions, pool()), vertx.createHttpClient(base(), pool()));
  }

  /** True unless {@code value} (of {@link #ENV}) is {@code false}. */
  public static boolean http2(String value) {
    return !"false".equalsIgnoreCase(value == null ? "" : value.trim());
  }

  /** The client for calls to {@code baseUrl}; null (an adapter that builds https URLs itself) means https. */
  public HttpClientAgent forBaseUrl(String baseUrl) {
    return baseUrl != null && baseUrl.regionMatches(true, 0, "http:", 0, 5) ? plain : tls;
  }

  private static HttpClientOptions base() {
    return new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setDecompressionSupported(true);
  }

  private static PoolOptions pool() {
    return new PoolOptions().setHttp1MaxSize(HTTP1_CONNECTIONS_PER_ORIGIN).setHttp2MaxSize(HTTP2_CONNECTIONS_PER_ORIGIN)
        .setMaxWaitQueueSize(-1);
  }

  @Override
  public void close() {
    tls.close();
    plain.close();
  }
}
