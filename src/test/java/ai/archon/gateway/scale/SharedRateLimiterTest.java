package ai.archon.gateway.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.RedisSettings;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.resilience.Limiter;
import ai.archon.gateway.resilience.RateLimitedException;
import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared limiter against a real redis-server, with several replicas (each its own Vert.x and connection). */
class SharedRateLimiterTest {
  private RedisServer redis;
  private final List<Vertx> vertxes = new ArrayList<>();
  private final AtomicInteger localFallbacks = new AtomicInteger();
  private final GatewayEvents events = new GatewayEvents() {
    @Override
    public void sharedStoreFallback(String scope, String action) {
      if (action.equals("local")) localFallbacks.incrementAndGet();
    }
  };

  @BeforeEach
  void start() {
    redis = RedisServer.start();
  }

  @AfterEach
  void stop() {
    vertxes.forEach(v -> v.close().await());
    if (redis != null) redis.close(); // null when redis-server is missing and the test was skipped
  }

  /** One replica's store, connected. */
  private SharedRateLimiter replica(String onFailure, int replicasHint) {
    Vertx vertx = Vertx.vertx();
    vertxes.add(vertx);
    RedisState state = new RedisState(vertx, new RedisSettings(redis.url(), "test:", onFailure, replicasHint), events);
    state.start().await();
    awaitTrue(state::up); // a cold first connect may lose to the connect timeout; the reconnect then succeeds
    return new SharedRateLimiter(state);
  }

  private Limiter limiter(SharedRateLimiter store, long rpm, long tpm) {
    return new SharedLimiter(store, events, "key", "team-a", rpm, tpm);
  }

  private static Throwable failure(Future<?> f) {
    return f.transform(ar -> Future.<Throwable>succeededFuture(ar.cause())).await();
  }

  @Test
  void threeReplicasTogetherAdmitExactlyTheLimitUnderConcurrency() {
    List<Limiter> limiters = List.of(limiter(replica("local", 3), 10, 0), limiter(replica("local", 3), 10, 0),
        limiter(replica("local", 3), 10, 0));
    List<Future<Limiter.Reservation>> all = new ArrayList<>();
    for (int i = 0; i < 60; i++) all.add(limiters.get(i % 3).reserve(1, 0));
    Future.join(all).otherwiseEmpty().await();
    assertEquals(10, all.stream().filter(Future::succeeded).count());
    RateLimitedException denied = (RateLimitedException) all.stream().filter(Future::failed).findFirst()
        .orElseThrow().cause();
    // The next request is due when one token has refilled: 60 s / 10.
    assertTrue(denied.retryAfterMs() > 4_000 && denied.retryAfterMs() <= 6_000, "wait " + denied.retryAfterMs());
    assertEquals(0, localFallbacks.get());
  }

  @Test
  void aReservationWaitsForItsSlotInsteadOfAskingAgain() {
    Limiter limiter = limiter(replica("local", 1), 3, 0);
    for (int i = 0; i < 3; i++) assertEquals(0, limiter.reserve(1, 30_000).await().waitMs());
    long wait = limiter.reserve(1, 30_000).await().waitMs();
    assertTrue(wait > 15_000 && wait <= 20_000, "wait " + wait);
    assertInstanceOf(RateLimitedException.class, failure(limiter.reserve(1, 30_000)), "a second wait of 40 s");
  }

  @Test
  void rpmAndTpmAreCheckedTogetherAndTokensAreCorrectedAfterTheCall() {
    SharedRateLimiter store = replica("local", 1);
    Limiter limiter = limiter(store, 10, 1000);
    Limiter.Reservation first = limiter.reserve(600, 0).await();
    assertInstanceOf(RateLimitedException.class, failure(limiter.reserve(600, 0)));
    assertEquals(9, store.last("key/team-a/rpm").remaining(), "a refused call takes no request either");
    // The provider reported fewer tokens than estimated: 300 go back (sent before the next check on the same
    // connection, so Redis applies it first).
    first.settle(300);
    limiter.reserve(600, 0).await();
    assertEquals(2, limiter.usage().requests(), "two requests counted of 10");
    assertEquals(1000, store.counters("key").at("/team-a/tpm/limit").asLong());
  }

  @Test
  void aFlushedScriptIsLoadedAgainWithEval() {
    SharedRateLimiter store = replica("local", 1);
    Limiter limiter = limiter(store, 2, 0);
    limiter.reserve(1, 0).await();
    store.redis().send(Request.cmd(Command.SCRIPT).arg("FLUSH")).await();
    limiter.reserve(1, 0).await();
    assertInstanceOf(RateLimitedException.class, failure(limiter.reserve(1, 0)), "answered by Redis after EVAL");
    assertEquals(0, localFallbacks.get());
  }

  @Test
  void whenRedisStopsTheReplicaUsesItsShareAndResumesSharingWhenItIsBack() {
    SharedRateLimiter store = replica("local", 3);
    Limiter limiter = limiter(store, 6, 0);
    limiter.reserve(1, 0).await();

    redis.stop();
    awaitTrue(() -> !store.redis().up());
    long start = System.nanoTime();
    limiter.reserve(1, 0).await();
    limiter.reserve(1, 0).await();
    assertInstanceOf(RateLimitedException.class, failure(limiter.reserve(1, 0)), "6 / 3 replicas = 2 locally");
    assertTrue(System.nanoTime() - start < 1_000_000_000L, "no check waits on a dead Redis");
    assertEquals(3, localFallbacks.get());

    redis.restart();
    awaitTrue(store.redis()::up);
    for (int i = 0; i < 6; i++) limiter.reserve(1, 0).await(); // a fresh Redis: a full shared bucket of 6
    assertInstanceOf(RateLimitedException.class, failure(limiter.reserve(1, 0)));
    assertEquals(3, localFallbacks.get());
  }

  @Test
  void withRejectADownRedisMeans503() {
    SharedRateLimiter store = replica("reject", 3);
    Limiter limiter = limiter(store, 6, 0);
    redis.stop();
    awaitTrue(() -> !store.redis().up());
    ApiException e = assertInstanceOf(ApiException.class, failure(limiter.reserve(1, 0)));
    assertEquals(503, e.status());
  }

  static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
    }
  }
}
