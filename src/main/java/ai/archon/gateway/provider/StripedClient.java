package ai.archon.gateway.provider;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One provider's HTTP/1.1 calls spread round-robin over a few clients, each with its own connection pool. Vert.x 5's
 * pool picks a connection by scanning every connection of the origin (for the most recently used free one), so with
 * an ensemble's 1,000+ calls in flight each call paid a scan of 1,000+ connections; over four pools it scans a
 * quarter of them.
 */
final class StripedClient implements HttpClientAgent {
  private final List<HttpClientAgent> stripes;
  private final AtomicInteger next = new AtomicInteger();

  StripedClient(List<HttpClientAgent> stripes) {
    this.stripes = List.copyOf(stripes);
  }

  @Override
  public Future<HttpClientRequest> request(RequestOptions options) {
    return next().request(options);
  }

  @Override
  public Future<HttpClientConnection> connect(HttpConnectOptions options) {
    return next().connect(options);
  }

  private HttpClientAgent next() {
    return stripes.get(Math.floorMod(next.getAndIncrement(), stripes.size()));
  }

  @Override
  public Future<Boolean> updateSSLOptions(ClientSSLOptions options, boolean force) {
    return Future.all(stripes.stream().map(s -> s.updateSSLOptions(options, force)).toList())
        .map(all -> all.<Boolean>list().stream().allMatch(Boolean.TRUE::equals));
  }

  @Override
  public Future<Void> shutdown(long timeout, TimeUnit unit) {
    return Future.all(stripes.stream().map(s -> s.shutdown(timeout, unit)).toList()).mapEmpty();
  }
}
