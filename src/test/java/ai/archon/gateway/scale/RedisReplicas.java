package ai.archon.gateway.scale;

import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.RedisServer;
import ai.archon.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of the multi-replica tests: per test a real redis-server, a mock upstream on a Vert.x of its own, and
 * gateway replicas (each its own Vert.x and HTTP server) started against both; all closed after the test. Register it
 * on an instance field; redis and the mock start before the class's own {@code @BeforeEach} methods.
 */
final class RedisReplicas implements BeforeEachCallback, AfterEachCallback {
  private final List<Vertx> replicas = new ArrayList<>();
  private RedisServer redis;
  private Vertx upstreamVertx;
  private MockUpstream upstream;

  @Override
  public void beforeEach(ExtensionContext context) {
    redis = RedisServer.start();
    upstreamVertx = Vertx.vertx();
    upstream = MockUpstream.startBlocking(upstreamVertx);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    replicas.forEach(v -> v.close().await());
    if (upstreamVertx != null) upstreamVertx.close().await();
    if (redis != null) redis.close();
  }

  RedisServer redis() {
    return redis;
  }

  MockUpstream upstream() {
    return upstream;
  }

  /**
   * Starts {@code count} replicas serving {@code configs} with the settings {@code settingsWithoutRedis} plus a redis
   * section (this redis, {@code keyPrefix}, replicas_hint 3, {@code onFailure}), the env pointing at the mock and
   * {@code env}'s entries; waits until each sees Redis up and returns their base URLs.
   */
  List<String> start(Path configs, String settingsWithoutRedis, String keyPrefix, String onFailure,
      Map<String, String> env, int count) {
    Path settings = GatewayExtension.settings(settingsWithoutRedis.substring(0, settingsWithoutRedis.lastIndexOf('}'))
        + ",\"redis\":{\"url\":\"" + redis.url() + "\",\"key_prefix\":\"" + keyPrefix + "\",\"replicas_hint\":3,"
        + "\"on_failure\":\"" + onFailure + "\"}}");
    Map<String, String> all = new HashMap<>(TestGateway.env(upstream));
    all.putAll(env);
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Vertx vertx = Vertx.vertx();
      replicas.add(vertx);
      urls.add(TestGateway.start(vertx, configs, all, settings, 200).url());
    }
    for (String url : urls) awaitRedis(url, "up");
    return urls;
  }

  /** Waits up to 10 s until the replica at {@code url} reports Redis {@code state} ("up" or "down") on /ready. */
  static void awaitRedis(String url, String state) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    String last = null;
    while (System.nanoTime() < deadline) {
      last = Json.parse(Http.get(url + "/ready").body()).at("/redis/state").asText();
      if (state.equals(last)) return;
      LockSupport.parkNanos(20_000_000L);
    }
    throw new AssertionError("Redis never " + state + " at " + url + " (last: " + last + ")");
  }
}
