package ai.archon.gateway.bench;

import static ai.archon.gateway.support.Json.config;

import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;

/** The scripted mock upstream and the real gateway serving one config, as the bench tests use them. */
final class MockedGateway {
  final Vertx vertx;
  final MockUpstream upstream;
  final Map<String, String> env;
  final Path configs;
  /** The gateway's OpenAI base URL, {@code http://127.0.0.1:PORT/v1}. */
  final String baseUrl;

  private MockedGateway(Vertx vertx, MockUpstream upstream, Map<String, String> env, Path configs, String baseUrl) {
    this.vertx = vertx;
    this.upstream = upstream;
    this.env = env;
    this.configs = configs;
    this.baseUrl = baseUrl;
  }

  /** Serves config {@code name} with these layers; providers point at a fresh mock upstream. */
  static MockedGateway start(String name, String... layers) {
    Vertx vertx = Vertx.vertx();
    MockUpstream upstream = MockUpstream.startBlocking(vertx);
    Map<String, String> env = TestGateway.env(upstream);
    Path configs = TestGateway.configs(Map.of(name + ".json", config(name, layers)));
    String url = TestGateway.start(vertx, configs, env).url() + "/v1";
    return new MockedGateway(vertx, upstream, env, configs, url);
  }

  void stop() {
    vertx.close().await();
  }
}
