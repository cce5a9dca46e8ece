package ai.archon.gateway.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.RedisSettings;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.server.ApiException;
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

  @BeforeEach
  void start() {
    redis = RedisServer.start();
  }

  @AfterEach
  void stop() {
    vertxes.forEach(v -> v.close().await());
    redis.close();
  }

  private RedisState replica(String onFailure, int replicasHint, GatewayEvents events) {
    Vertx vertx = Vertx.vertx();
    vertxes.add(vertx);
    RedisState state = new RedisState(vertx,
        new RedisSettings(redis.url(), "test:" + System.nanoTime() % 1000 + ":", onFailure, replicasHint), events);
    state.start().await();
    awaitTrue(state::up); // a cold first connect may lose to the connect timeout; the reconnect then succeeds
    return state;
  }

  @Test
  void threeReplicasTogetherAdmitExactlyTheLimitUnderConcurrency() {
    RedisState first = replica("local", 3, GatewayEvents.NONE);
    List<SharedRateLimiter> limiters = new ArrayList<>();
    limiters.add(new SharedRateLimiter(first, GatewayEvents.NONE));
    for (int i = 0; i < 2; i++) {
      Vertx vertx = Vertx.vertx();
      vertxes.add(vertx);
      RedisState other = new RedisState(vertx, first.settings(), GatewayEvents.NONE);
      other.start().await();
      awaitTrue(other::up);
      limiters.add(new SharedRateLimiter(other, GatewayEvents.NONE));
    }
    List<Future<Permit>> all = new ArrayList<>();
    for (int i = 0; i < 60; i++) all.add(limiters.get(i % 3).acquire("key", "team-a", "rpm", 10, 1, 0));
    Future.all(all).await();
    long allowed = all.stream().filter(f -> f.result().allowed()).count();
    assertEquals(10, allowed);
    assertTrue(all.stream().allMatch(f -> f.result().shared()));
    Permit denied = all.stream().map(Future::result).filter(p -> !p.allowed()).findFirst().orElseThrow();
    // The next request is due when one token has refilled: 60 s / 10.
    assertTrue(denied.waitMs() > 4_000 && denied.waitMs() <= 6_000, "wait " + denied.waitMs());
  }

  @Test
  void aReservationWaitsForItsTokenInsteadOfAskingAgain() {
    SharedRateLimiter limiter = new SharedRateLimiter(replica("local", 1, GatewayEvents.NONE), GatewayEvents.NONE);
    for (int i = 0; i < 3; i++) assertEquals(0, limiter.acquire("provider", "P", "rpm", 3, 1, 30_000).await().waitMs());
    Permit queued = limiter.acquire("provider", "P", "rpm", 3, 1, 30_000).await();
    assertTrue(queued.allowed());
    assertTrue(queued.waitMs() > 15_000 && queued.waitMs() <= 20_000, "wait " + queued.waitMs());
    assertFalse(limiter.acquire("provider", "P", "rpm", 3, 1, 30_000).await().allowed(), "a second wait of 40 s");
  }

  @Test
  void tokenCorrectionsTakeMoreOrGiveBack() {
    SharedRateLimiter limiter = new SharedRateLimiter(replica("local", 1, GatewayEvents.NONE), GatewayEvents.NONE);
    assertTrue(limiter.acquire("provider", "P", "tpm", 1000, 600, 0).await().allowed());
    long left = limiter.correct("provider", "P", "tpm", 1000, 300).await().remaining();
    assertTrue(left >= 100 && left < 110, "left " + left);
    assertFalse(limiter.acquire("provider", "P", "tpm", 1000, 200, 0).await().allowed());
    limiter.correct("provider", "P", "tpm", 1000, -500).await();
    assertTrue(limiter.acquire("provider", "P", "tpm", 1000, 200, 0).await().allowed());
    assertEquals(1000, limiter.counters("provider").at("/P/tpm/limit").asLong());
  }

  @Test
  void aFlushedScriptIsLoadedAgainWithEval() {
    RedisState state = replica("local", 1, GatewayEvents.NONE);
    SharedRateLimiter limiter = new SharedRateLimiter(state, GatewayEvents.NONE);
    assertTrue(limiter.acquire("key", "k", "rpm", 2, 1, 0).await().shared());
    state.send(Request.cmd(Command.SCRIPT).arg("FLUSH")).await();
    Permit p = limiter.acquire("key", "k", "rpm", 2, 1, 0).await();
    assertTrue(p.allowed() && p.shared(), "answered by Redis after EVAL");
    assertFalse(limiter.acquire("key", "k", "rpm", 2, 1, 0).await().allowed());
  }

  @Test
  void whenRedisStopsTheReplicaUsesItsShareAndResumesSharingWhenItIsBack() {
    AtomicInteger fallbacks = new AtomicInteger();
    GatewayEvents events = new GatewayEvents() {
      @Override
      public void sharedStoreFallback(String scope, String action) {
        if (action.equals("local")) fallbacks.incrementAndGet();
      }
    };
    RedisState state = replica("local", 3, events);
    SharedRateLimiter limiter = new SharedRateLimiter(state, events);
    assertTrue(limiter.acquire("key", "k", "rpm", 6, 1, 0).await().shared());

    redis.stop();
    awaitTrue(() -> !state.up());
    long start = System.nanoTime();
    List<Permit> local = new ArrayList<>();
    for (int i = 0; i < 3; i++) local.add(limiter.acquire("key", "k", "rpm", 6, 1, 0).await());
    assertTrue(System.nanoTime() - start < 1_000_000_000L, "no check waits on a dead Redis");
    assertEquals(List.of(true, true, false), local.stream().map(Permit::allowed).toList(), "6 / 3 replicas = 2");
    assertTrue(local.stream().noneMatch(Permit::shared));
    assertEquals(3, fallbacks.get());

    redis.restart();
    awaitTrue(state::up);
    Permit shared = limiter.acquire("key", "k", "rpm", 6, 1, 0).await();
    assertTrue(shared.allowed() && shared.shared(), "a fresh Redis starts a full shared bucket");
  }

  @Test
  void withRejectADownRedisMeans503() {
    RedisState state = replica("reject", 3, GatewayEvents.NONE);
    SharedRateLimiter limiter = new SharedRateLimiter(state, GatewayEvents.NONE);
    redis.stop();
    awaitTrue(() -> !state.up());
    Throwable t = limiter.acquire("key", "k", "rpm", 6, 1, 0)
        .transform(ar -> Future.<Throwable>succeededFuture(ar.cause())).await();
    ApiException e = assertInstanceOf(ApiException.class, t);
    assertEquals(503, e.status());
    assertTrue(limiter.correct("key", "k", "tpm", 6, 1).await().allowed(), "corrections are never refused");
  }

  static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
    }
  }
}
