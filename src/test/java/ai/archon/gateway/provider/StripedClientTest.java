package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StripedClientTest {
  /** Counts what reaches it; answers nothing. */
  private static final class Counting implements HttpClientAgent {
    int requests;
    int shutdowns;

    @Override
    public Future<HttpClientRequest> request(RequestOptions options) {
      requests++;
      return Future.failedFuture("not sent");
    }

    @Override
    public Future<HttpClientConnection> connect(HttpConnectOptions options) {
      return Future.failedFuture("not connected");
    }

    @Override
    public Future<Boolean> updateSSLOptions(ClientSSLOptions options, boolean force) {
      return Future.succeededFuture(true);
    }

    @Override
    public Future<Void> shutdown(long timeout, TimeUnit unit) {
      shutdowns++;
      return Future.succeededFuture();
    }
  }

  @Test
  void callsGoRoundRobinAndCloseClosesEveryPool() {
    List<Counting> pools = List.of(new Counting(), new Counting(), new Counting(), new Counting());
    StripedClient client = new StripedClient(List.copyOf(pools));
    for (int i = 0; i < 10; i++) client.request(new RequestOptions());
    assertEquals(List.of(3, 3, 2, 2), pools.stream().map(p -> p.requests).toList());
    assertTrue(client.close().succeeded());
    assertEquals(List.of(1, 1, 1, 1), pools.stream().map(p -> p.shutdowns).toList());
  }

  @Test
  void largeFanOutsGetAPoolPer128CallsSmallOnesOne() {
    assertEquals(1, UpstreamClients.stripes(16));
    assertEquals(1, UpstreamClients.stripes(255));
    assertEquals(4, UpstreamClients.stripes(256));
    assertEquals(4, UpstreamClients.stripes(512));
    assertEquals(16, UpstreamClients.stripes(2048));
    assertEquals(64, UpstreamClients.stripes(12000));
  }
}
