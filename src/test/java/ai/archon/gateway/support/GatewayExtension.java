package ai.archon.gateway.support;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;

import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.server.GatewayServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The "gateway + mock upstream" fixture: per test a fresh Vert.x and a {@link MockUpstream} on it, with an environment
 * pointing every built-in provider at the mock ({@link #env()}, which a test may change before it starts the
 * gateway); after each test the Vert.x is closed, which stops the gateway and the mock. Register it on an instance
 * field, {@code @RegisterExtension final GatewayExtension gateway = new GatewayExtension();}, and take the mock from
 * it in a field of the test too ({@code private final MockUpstream upstream = gateway.upstream();}): the Vert.x and
 * the mock start on first use, so a test that needs neither starts nothing. It closes after the class's own
 * {@code @AfterEach} methods.
 */
public final class GatewayExtension implements AfterEachCallback {
  private Vertx vertx;
  private MockUpstream upstream;
  private Map<String, String> env;

  /** One config, {@code one}: a single OpenAI generator, {@code gpt-x}. */
  public static Map<String, String> oneGenerator() {
    return Map.of("one.json", config("one", layer(component("generator", "gpt-x", "OpenAI_API", null))));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (vertx != null) vertx.close().await();
  }

  public synchronized Vertx vertx() {
    if (vertx == null) vertx = Vertx.vertx();
    return vertx;
  }

  public synchronized MockUpstream upstream() {
    if (upstream == null) upstream = MockUpstream.startBlocking(vertx());
    return upstream;
  }

  /** The environment the gateway starts with; change it before {@code start}. */
  public synchronized Map<String, String> env() {
    if (env == null) env = new HashMap<>(TestGateway.env(upstream()));
    return env;
  }

  /** Another mock upstream on the same Vert.x (for per-component endpoints). */
  public MockUpstream newUpstream() {
    return MockUpstream.startBlocking(vertx());
  }

  /** Starts one gateway serving {@code configs} (file name → JSON text), failing on any rejected config. */
  public GatewayServer start(Map<String, String> configs) {
    return start(TestGateway.configs(configs));
  }

  /** Starts one gateway serving the configs folder {@code configs}, failing on any rejected config. */
  public GatewayServer start(Path configs) {
    return TestGateway.start(vertx(), configs, env());
  }

  /** As {@link #start(Map)}, with a settings file holding {@code settingsJson} and the given keep-alive. */
  public GatewayServer start(Map<String, String> configs, String settingsJson, long keepAliveMs) {
    return start(TestGateway.configs(configs), settingsJson, keepAliveMs);
  }

  /** As {@link #start(Path)}, with a settings file holding {@code settingsJson} and the given keep-alive. */
  public GatewayServer start(Path configs, String settingsJson, long keepAliveMs) {
    return TestGateway.start(vertx(), configs, env(), settings(settingsJson), keepAliveMs);
  }

  /** As {@link #start(Map)}, with a settings file holding {@code settingsJson} (or none), reporting to {@code events}. */
  public GatewayServer start(Map<String, String> configs, String settingsJson, GatewayEvents events) {
    return TestGateway.start(vertx(), TestGateway.configs(configs), env(), settingsJson == null ? null
        : settings(settingsJson), 200, false, events);
  }

  /** As {@link #start(Map)}, with Prometheus metrics on as {@code Main} starts it; {@code settingsJson} may be null. */
  public GatewayServer startWithMetrics(Map<String, String> configs, String settingsJson) {
    return TestGateway.startWithMetrics(vertx(), TestGateway.configs(configs), env(),
        settingsJson == null ? null : settings(settingsJson));
  }

  /** A temp settings file holding {@code json}. */
  public static Path settings(String json) {
    try {
      return Files.writeString(Files.createTempFile("gateway", ".json"), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
