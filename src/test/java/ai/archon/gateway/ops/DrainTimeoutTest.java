package ai.archon.gateway.ops;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.server.GatewayServer;
import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.Reply;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Streams still open at the drain deadline end with an error event naming the shutdown, never silently. */
class DrainTimeoutTest extends GatewayTestBase {

  @Test
  void everyCutStreamGetsAShutdownErrorEvent() throws Exception {
    upstream.respond("slow", Reply.hang());
    GatewayServer server =
        gateway.start(Map.of("one.json", config("one", layer(component("generator", "slow", "OpenAI_API", null)))));
    List<CompletableFuture<HttpResponse<String>>> streams = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      streams.add(CompletableFuture.supplyAsync(() -> Http.post(server.url() + "/v1/chat/completions",
          Http.chat("one", "hi", "\"stream\":true"))));
    }
    upstream.awaitCalls("slow", 8).await(10, TimeUnit.SECONDS);
    assertEquals(8, server.drain().start(gateway.vertx(), 300).await(10, TimeUnit.SECONDS));
    for (CompletableFuture<HttpResponse<String>> f : streams) {
      HttpResponse<String> resp = f.get(10, TimeUnit.SECONDS);
      List<String> data = Http.sseData(resp.body());
      assertFalse(data.contains("[DONE]"), resp.body());
      assertFalse(data.isEmpty(), "cut silently: " + resp.body());
      assertEquals("shutting_down", Json.parse(data.get(data.size() - 1)).at("/error/code").asText(), resp.body());
    }
    assertTrue(upstream.requests("slow").get(0).outcome().await(5, TimeUnit.SECONDS) != null);
  }
}
