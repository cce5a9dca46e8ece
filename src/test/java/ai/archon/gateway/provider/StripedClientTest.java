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
import java.util.ArrayList;
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

  private long now;

  @Test
  void callsGoRoundRobinOverEveryPoolWhenEnoughAreInFlightAndCloseClosesEveryPool() {
    List<Counting> pools = pools(4);
    StripedClient client = striped(pools);
    for (int i = 0; i < 4 * StripedClient.CALLS_PER_POOL; i++) client.started();
    for (int i = 0; i < 10; i++) client.request(new RequestOptions());
    assertEquals(List.of(3, 3, 2, 2), requests(pools));
    assertTrue(client.close().succeeded());
    assertEquals(List.of(1, 1, 1, 1), pools.stream().map(p -> p.shutdowns).toList());
  }

  @Test
  void aFewCallsAtATimeAllGoToTheFirstPool() {
    List<Counting> pools = pools(8);
    StripedClient client = striped(pools);
    for (int i = 0; i < 10; i++) {
      startCall(client);
      if (i % 2 == 1) client.ended();
    }
    assertEquals(List.of(10, 0, 0, 0, 0, 0, 0, 0), requests(pools));
    assertEquals(1, client.inUse());
  }

  @Test
  void poolsAreTakenIntoUseAsCallsGrowAndLeftOutOnlyAfterTheCallsStayFewer() {
    List<Counting> pools = pools(8);
    StripedClient client = striped(pools);
    // 100 calls starting one after another: a pool more for every 32 in flight.
    for (int i = 0; i < 100; i++) startCall(client);
    assertEquals(4, client.inUse());
    assertEquals(100, requests(pools).stream().mapToInt(Integer::intValue).sum());
    assertEquals(0, pools.get(4).requests);
    // A dip to one call in flight (a layer's calls answered, its fuser's about to start) keeps the four pools...
    for (int i = 0; i < 99; i++) client.ended();
    List<Integer> before = requests(pools);
    for (int i = 0; i < 4; i++) client.request(new RequestOptions());
    assertEquals(4, client.inUse());
    assertEquals(List.of(1, 1, 1, 1, 0, 0, 0, 0), minus(requests(pools), before));
    // ...and so does a dip that lasts just short of the limit...
    now += StripedClient.SHRINK_AFTER_NANOS;
    client.request(new RequestOptions());
    assertEquals(4, client.inUse());
    // ...but a longer one leaves them out: the next calls go to the first pool.
    now += 1;
    before = requests(pools);
    for (int i = 0; i < 3; i++) client.request(new RequestOptions());
    assertEquals(1, client.inUse());
    assertEquals(List.of(3, 0, 0, 0, 0, 0, 0, 0), minus(requests(pools), before));
  }

  @Test
  void callsInFlightNeedingMoreThanHalfThePoolsKeepThemAll() {
    List<Counting> pools = pools(8);
    StripedClient client = striped(pools);
    for (int i = 0; i < 8 * StripedClient.CALLS_PER_POOL; i++) client.started();
    client.request(new RequestOptions());
    assertEquals(8, client.inUse());
    // 5 pools' worth in flight for a long time: more than half of 8, so all 8 stay.
    for (int i = 0; i < 3 * StripedClient.CALLS_PER_POOL; i++) client.ended();
    for (int i = 0; i < 10; i++) {
      now += StripedClient.SHRINK_AFTER_NANOS;
      client.request(new RequestOptions());
    }
    assertEquals(8, client.inUse());
    // 4 pools' worth (half) for longer than the limit: down to 4.
    for (int i = 0; i < StripedClient.CALLS_PER_POOL; i++) client.ended();
    client.request(new RequestOptions());
    now += StripedClient.SHRINK_AFTER_NANOS + 1;
    client.request(new RequestOptions());
    assertEquals(4, client.inUse());
  }

  /** Starts a call as {@link HttpCalls} does: counted in flight, then its request made. */
  private static void startCall(StripedClient client) {
    client.started();
    client.request(new RequestOptions());
  }

  private StripedClient striped(List<Counting> pools) {
    return new StripedClient(List.copyOf(pools), () -> now);
  }

  private static List<Counting> pools(int n) {
    List<Counting> pools = new ArrayList<>();
    for (int i = 0; i < n; i++) pools.add(new Counting());
    return pools;
  }

  private static List<Integer> requests(List<Counting> pools) {
    return pools.stream().map(p -> p.requests).toList();
  }

  private static List<Integer> minus(List<Integer> after, List<Integer> before) {
    List<Integer> d = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) d.add(after.get(i) - before.get(i));
    return d;
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
