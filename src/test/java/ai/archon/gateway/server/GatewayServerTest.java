package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.ConfigLoader;
import ai.archon.gateway.config.Settings;
import ai.archon.gateway.config.SettingsLoader;
import ai.archon.gateway.pipeline.ComponentFactory;
import ai.archon.gateway.support.Http;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Starting the gateway the way {@code Main} does: several verticle instances sharing one port, port 0 included. */
class GatewayServerTest {

  @Test
  void severalInstancesShareOneFreePort() {
    Vertx vertx = Vertx.vertx();
    try {
      Settings settings = SettingsLoader.load(null, Map.of());
      var report = new ConfigLoader(settings.providers().keySet(), ComponentFactory.SUPPORTED)
          .loadPaths(List.of(Path.of("gateway-configs")), null);
      GatewayServer server = GatewayServer.start(vertx, new GatewayOptions("127.0.0.1", 0, 1 << 20, 1000), settings,
          report.ensembles(), 3).await();
      assertTrue(server.port() > 0);
      for (int i = 0; i < 6; i++) {
        assertEquals(200, Http.post(server.url() + "/v1/chat/completions",
            Http.chat("demo-ensemble", "hello " + i, null)).statusCode());
      }
    } finally {
      vertx.close().await();
    }
  }
}
