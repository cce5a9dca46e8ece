package ai.archon.gateway.ops;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A symbolic link loop in the configs folder is skipped with a warning; the configs around it load. */
class SymlinkLoopTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void aLinkToAnAncestorIsSkipped() throws Exception {
    MockUpstream upstream = MockUpstream.startBlocking(vertx);
    Path configs = TestGateway.configs(Map.of("one.json",
        config("one", layer(component("generator", "gpt-x", "OpenAI_API", null)))));
    Files.createDirectory(configs.resolve("sub"));
    Files.createSymbolicLink(configs.resolve("sub").resolve("loop"), configs);
    // strict start: any rejected path fails it
    String url = TestGateway.start(vertx, configs, TestGateway.env(upstream)).url();
    assertEquals(200, Http.post(url + "/v1/chat/completions", Http.chat("one", "hi", null)).statusCode());
  }
}
