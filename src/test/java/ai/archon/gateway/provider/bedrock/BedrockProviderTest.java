package ai.archon.gateway.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.ProviderSpec;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.ContentPart;
import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.OutputSpec;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.ToolChoice;
import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.provider.ToolFixtures;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Bedrock adapter against a loopback Converse runtime: the exact body sent for tools + an image, streamed calls. */
class BedrockProviderTest {
  private Vertx vertx;
  private HttpServer runtime;
  private BedrockProvider provider;
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    runtime = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      paths.add(req.path());
      bodies.add(body.toString());
      req.response().putHeader("content-type", "application/vnd.amazon.eventstream")
          .end(BedrockToolMappingTest.toolUseStream("get_weather"));
    })).listen(0, "127.0.0.1").await();
    ProviderSpec spec = new ProviderSpec("Bedrock_API", "bedrock", "http://127.0.0.1:" + runtime.actualPort(),
        List.of(), false, null);
    provider = new BedrockProvider(vertx, vertx.createHttpClient(), spec, Map.of("AWS_ACCESS_KEY_ID", "AKIDTEST",
        "AWS_SECRET_ACCESS_KEY", "secret-test", "AWS_REGION", "us-east-1"));
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private <T> Future<T> onLoop(Supplier<Future<T>> call) {
    Promise<T> p = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> call.get().onComplete(p));
    return p.future();
  }

  private static ChatRequest request(String imageUrl) {
    List<Message> messages = List.of(Message.system("Be brief."), new Message("user", "Weather here?", List.of(
        new ContentPart.Text("Weather here?"), new ContentPart.Image(imageUrl, null)), List.of(), null, null));
    return ToolFixtures.request(BedrockToolMappingTest.MODEL, messages,
        new OutputSpec(List.of(ToolFixtures.WEATHER), ToolChoice.function("get_weather"), null, null));
  }

  @Test
  void toolsAndAnImageReachConverseInItsShapeAndAStreamedCallComesBack() throws Exception {
    List<String> deltas = new CopyOnWriteArrayList<>();
    ChatResult r = onLoop(() -> provider.stream(request(ToolFixtures.PNG), CallContext.detached(), deltas::add))
        .await(10, TimeUnit.SECONDS);
    assertEquals(List.of("Let me check."), deltas);
    assertEquals("tool_calls", r.finishReason());
    assertEquals(List.of(new ToolCall("tooluse_1", "get_weather", "{\"city\":\"Paris\"}")), r.toolCalls());
    assertEquals("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream", paths.get(0));
    assertEquals(JsonIo.read("""
        {"messages":[{"role":"user","content":[{"text":"Weather here?"},
           {"image":{"format":"png","source":{"bytes":"iVBORw0KGgo="}}}]}],
         "system":[{"text":"Be brief."}],
         "toolConfig":{"tools":[{"toolSpec":{"name":"get_weather","description":"Current weather","inputSchema":{"json":
           {"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}}}],
          "toolChoice":{"tool":{"name":"get_weather"}}}}
        """), JsonIo.read(bodies.get(0)));
  }

  @Test
  void anImageAddressFailsBeforeAnyCallNamingTheProvider() throws Exception {
    Throwable t = onLoop(() -> provider.complete(request("https://example.com/cat.png"), CallContext.detached()))
        .transform(ar -> Future.succeededFuture(ar.cause())).await(10, TimeUnit.SECONDS);
    UpstreamException e = assertInstanceOf(UpstreamException.class, t);
    assertEquals(400, e.status());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().startsWith("Bedrock_API (" + BedrockToolMappingTest.MODEL + ") cannot take this request:"
        + " image URLs"), e.getMessage());
    assertTrue(bodies.isEmpty());
  }
}
