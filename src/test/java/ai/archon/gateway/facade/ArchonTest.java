package ai.archon.gateway.facade;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.ConfigException;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.Reply;
import ai.archon.gateway.support.TestGateway;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library API: load a config, generate (future, blocking, streamed) without the HTTP server. */
class ArchonTest {
  private static final String MOCK_CONFIG = config("lib-demo",
      layer(component("generator", "mock-a", "Mock", null), component("generator", "mock-b", "Mock", null)),
      layer(component("unit_test_generator", "mock-t", "Mock", "\"unit_test_cap\":2")),
      layer(component("verifier", "mock-v", "Mock", null)),
      layer(component("fuser", "mock-f", "Mock", null)));

  @Test
  void blockingGenerateOnTheOfflineMockOwnsItsVertx() {
    try (Archon archon = Archon.fromJson(MOCK_CONFIG, new Archon.Options(null, Map.of(), null))) {
      assertEquals("lib-demo", archon.name());
      ArchonResult r = archon.generateBlocking(List.of(Message.user("How do I make tea?")));
      assertTrue(r.answer().startsWith("Combining"), r.answer());
      assertTrue(r.usage().completionTokens() > 0);
      assertEquals(4, r.trace().path("layers").size());
      assertEquals(r.upstreamCalls(), r.trace().path("upstream_calls").asInt());
    }
  }

  @Test
  void generateAgainstRealProvidersOnTheCallersVertx() {
    Vertx vertx = Vertx.vertx();
    try {
      MockUpstream upstream = MockUpstream.startBlocking(vertx);
      upstream.respond("g", Reply.text("alpha").usage(3, 1));
      upstream.respond("f", Reply.text("fused alpha").usage(5, 2));
      var node = Json.parse(config("lib", layer(component("generator", "g", "OpenAI_API", "\"samples\":2")),
          layer(component("fuser", "f", "Anthropic_API", null))));
      try (Archon archon = Archon.fromNode(node, new Archon.Options(vertx, TestGateway.env(upstream), null))) {
        ArchonResult r = archon.generate(List.of(Message.system("Be brief."), Message.user("Hi"))).await();
        assertEquals("fused alpha", r.answer());
        assertEquals(3 + 3 + 5, r.usage().promptTokens());
        assertEquals(3, upstream.calls());
      }
      assertFalse(vertx.deploymentIDs().isEmpty(), "the caller's Vertx stays open");
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void streamHandsTheAnswerToTheHandler() {
    String cfg = config("s", layer(component("generator", "mock-a@0ms/1ms", "Mock", null)));
    try (Archon archon = Archon.fromJson(cfg, new Archon.Options(null, Map.of(), null))) {
      StringBuilder tokens = new StringBuilder();
      List<String> pieces = new java.util.concurrent.CopyOnWriteArrayList<>();
      ArchonResult r = archon.stream(List.of(Message.user("Hi")), t -> {
        pieces.add(t);
        synchronized (tokens) { tokens.append(t); }
      }).await();
      assertTrue(pieces.size() > 3, "relayed token by token: " + pieces);
      assertEquals(r.answer(), tokens.toString());
    }
  }

  @Test
  void fromFileAndBadConfigs(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.json"), MOCK_CONFIG);
    try (Archon archon = Archon.fromFile(file, new Archon.Options(null, Map.of(), null))) {
      assertEquals("lib-demo", archon.name());
    }
    ConfigException e = assertThrows(ConfigException.class, () -> Archon.fromJson(
        config("bad", layer(component("critic", "c", "Mock", null))), new Archon.Options(null, Map.of(), null)));
    assertTrue(e.getMessage().contains("critic receives no candidates"), e.getMessage());
  }

  @Test
  void missingKeysFailTheRunNotTheLoad() {
    String cfg = config("k", layer(component("generator", "g", "OpenAI_API", null)));
    try (Archon archon = Archon.fromJson(cfg, new Archon.Options(null, Map.of(), null))) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> archon.generateBlocking(List.of(Message.user("Hi"))));
      assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
    }
  }
}
