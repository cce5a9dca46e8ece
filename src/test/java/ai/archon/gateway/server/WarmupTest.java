package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loopback warm-up before {@code /ready} ({@code ARCHON_WARMUP_REQUESTS}): real requests, no side effects. */
class WarmupTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void readyWaitsForTheWarmupWhichAnswersEveryRequestAndCountsNoClientTraffic() {
    GatewayServer server = TestGateway.startWithMetrics(vertx, Path.of("gateway-configs"), Map.of(), null);
    assertEquals(200, Http.get(server.url() + "/ready").statusCode(), "ready without a warm-up");

    Future<Integer> warm = server.warmUp(3000);
    HttpResponse<String> during = Http.get(server.url() + "/ready");
    assertFalse(warm.isComplete(), "3,000 requests on new connections take longer than one probe");
    assertEquals(503, during.statusCode());
    assertTrue(during.body().contains("\"warming up\""), during.body());
    assertEquals(200, Http.get(server.url() + "/health").statusCode(), "serving while warming up");

    assertEquals(3000, warm.await(), "every warm-up request answered");
    HttpResponse<String> after = Http.get(server.url() + "/ready");
    assertEquals(200, after.statusCode(), after.body());
    String metrics = Http.get(server.url() + "/metrics").body();
    assertFalse(metrics.contains("archon_requests_total{"), "the warm-up is not client traffic: " + metrics);
  }

  @Test
  void zeroRequestsIsNoWarmup() {
    assertEquals(0, new Warmup().run(vertx, "127.0.0.1", 1, 0).await());
  }

  @Test
  void aPortNobodyListensOnEndsTheWarmupWithNothingAnswered() {
    Warmup warmup = new Warmup();
    // Port 1 on loopback refuses at once: the warm-up ends instead of holding /ready.
    assertEquals(0, warmup.run(vertx, "127.0.0.1", 1, 20).await());
    assertFalse(warmup.running());
  }

  @Test
  void requestCountFromTheEnvironment() {
    assertEquals(Warmup.DEFAULT_REQUESTS, Warmup.requests(null));
    assertEquals(Warmup.DEFAULT_REQUESTS, Warmup.requests(" "));
    assertEquals(0, Warmup.requests("0"));
    assertEquals(250, Warmup.requests(" 250 "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Warmup.requests("-1"));
    assertTrue(e.getMessage().contains("ARCHON_WARMUP_REQUESTS"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Warmup.requests("many"));
  }

  @Test
  void aWildcardListenAddressIsReachedOnLoopback() {
    assertEquals("127.0.0.1", Warmup.loopback("0.0.0.0"));
    assertEquals("::1", Warmup.loopback("::"));
    assertEquals("10.1.2.3", Warmup.loopback("10.1.2.3"));
  }
}
