package ai.archon.gateway.provider;

import static ai.archon.gateway.provider.LoopCalls.await;
import static ai.archon.gateway.provider.LoopCalls.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.ProviderSpec;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.OffLoop;
import ai.archon.gateway.model.Sampling;
import ai.archon.gateway.provider.bedrock.BedrockProvider;
import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A large prompt's upstream body is written on the shared writer thread ({@link HttpCalls#written}), not on the event
 * loop, for every adapter that writes one, and the upstream receives it exactly; a small prompt's body is written on
 * the loop. The test holds the writer thread: a large body then waits for it (no upstream call), a small one does not.
 */
class LargeRequestBodiesTest extends ProviderTestBase {
  /** Above the off-loop threshold, with characters JSON must escape and characters beyond ASCII. */
  static final String LARGE = ("Grüße \"quoted\"\n\ttab \\ back é 日本 " + "x".repeat(90)).repeat(
      OffLoop.LARGE_BYTES / 100 + 10);
  private final CountDownLatch release = new CountDownLatch(1);
  private WorkerExecutor holder;

  @AfterEach
  void releaseWriter() {
    release.countDown();
    if (holder != null) holder.close();
  }

  /** Occupies the one writer thread until the test releases it. */
  private void holdWriter() throws InterruptedException {
    CountDownLatch held = new CountDownLatch(1);
    holder = vertx.createSharedWorkerExecutor(HttpCalls.WRITER_POOL, 1);
    holder.executeBlocking(() -> {
      held.countDown();
      return release.await(30, TimeUnit.SECONDS);
    });
    assertTrue(held.await(10, TimeUnit.SECONDS));
  }

  private static ChatRequest request(String model, String text) {
    return new ChatRequest(model, List.of(Message.user(text)), new Sampling(null, 100, null, null, null, null), null,
        null);
  }

  /**
   * With the writer held, {@code call} (a large prompt) makes no upstream call; released, the upstream gets the
   * prompt exactly.
   */
  private <T> RecordedRequest assertWrittenOffTheLoop(Supplier<Future<T>> call) throws Exception {
    upstream.respondDefault(Reply.text("ok"));
    holdWriter();
    Future<T> result = loop.call(call);
    assertThrows(TimeoutException.class, () -> upstream.awaitCalls(1).await(2, TimeUnit.SECONDS),
        "the large body waits for the writer thread instead of being written on the loop");
    assertFalse(result.isComplete());
    release.countDown();
    await(result);
    RecordedRequest sent = upstream.requests().get(0);
    assertEquals(LARGE, sent.lastUserText(), "the upstream received the prompt exactly");
    return sent;
  }

  private OpenAiCompatibleProvider openAi() {
    ProviderSpec spec = new ProviderSpec("OpenAI_API", "openai", upstream.openAiBaseUrl(), List.of(), false, null);
    return new OpenAiCompatibleProvider(vertx, loop.client(), spec, "sk-test");
  }

  @Test
  void openAiCompleteWritesALargeBodyOffTheLoop() throws Exception {
    OpenAiCompatibleProvider p = openAi();
    assertWrittenOffTheLoop(() -> p.complete(request("gpt-x", LARGE), new CallContext("c")));
  }

  @Test
  void openAiStreamWritesALargeBodyOffTheLoop() throws Exception {
    OpenAiCompatibleProvider p = openAi();
    assertWrittenOffTheLoop(() -> p.stream(request("gpt-x", LARGE), new CallContext("s"), deltas::add));
  }

  @Test
  void aPassThroughBodyIsForwardedOffTheLoopWithEveryFieldKept() throws Exception {
    OpenAiCompatibleProvider p = openAi();
    ObjectNode client = (ObjectNode) JsonIo.read(Buffer.buffer(
        "{\"model\":\"OpenAI_API/gpt-x\",\"logprobs\":true,\"messages\":[{\"role\":\"user\",\"content\":\"\"}]}"));
    ((ObjectNode) client.get("messages").get(0)).put("content", LARGE);
    long bytes = JsonIo.MAPPER.writeValueAsBytes(client).length;
    RecordedRequest sent = assertWrittenOffTheLoop(
        () -> p.forward(Forwarding.Forward.of(client, "gpt-x", bytes, null), new CallContext("f")));
    ObjectNode expected = client.deepCopy().put("model", "gpt-x");
    assertEquals(expected, sent.body(), "the client's body with only the model replaced");
  }

  @Test
  void anthropicWritesALargeBodyOffTheLoop() throws Exception {
    ProviderSpec spec = new ProviderSpec("Anthropic_API", "anthropic", upstream.anthropicBaseUrl(), List.of(), false,
        null);
    AnthropicProvider p = new AnthropicProvider(vertx, loop.client(), spec, "sk-ant");
    assertWrittenOffTheLoop(() -> p.complete(request("claude-x", LARGE), new CallContext("a")));
  }

  @Test
  void geminiWritesALargeBodyOffTheLoop() throws Exception {
    ProviderSpec spec = new ProviderSpec("Google_API", "gemini", upstream.geminiBaseUrl(), List.of(), false, null);
    GeminiProvider p = new GeminiProvider(vertx, loop.client(), spec, "g-key");
    assertWrittenOffTheLoop(() -> p.complete(request("gemini-x", LARGE), new CallContext("g")));
  }

  @Test
  void bedrockWritesAndSignsALargeBodyOffTheLoop() throws Exception {
    ProviderSpec spec = new ProviderSpec("Bedrock_API", "bedrock", upstream.baseUrl(), List.of(), false, null);
    BedrockProvider p = new BedrockProvider(vertx, loop.client(), spec, Map.of("AWS_ACCESS_KEY_ID", "AKIDTEST",
        "AWS_SECRET_ACCESS_KEY", "secret-test", "AWS_REGION", "us-east-1"));
    RecordedRequest sent = assertWrittenOffTheLoop(() -> p.complete(request("anthropic.claude-x", LARGE),
        new CallContext("b")));
    assertTrue(sent.header("authorization").startsWith("AWS4-HMAC-SHA256"), "signed over the body written off the loop");
  }

  /**
   * A body far larger than the connection's write queue and the socket's buffers is written in slices as the
   * connection drains ({@link UpstreamExchange#pace}): the upstream gets all of it, exactly, with its length declared
   * rather than chunked, and a small body after it on the same pooled connection is read correctly.
   */
  @Test
  void aBodyOfManySlicesArrivesWholeWithItsLength() throws Exception {
    upstream.respondDefault(Reply.text("ok"));
    OpenAiCompatibleProvider p = openAi();
    String huge = LARGE.repeat(20); // about 7 MB of JSON: over a hundred slices, many waits for the drain
    await(loop.call(() -> p.complete(request("gpt-x", huge), new CallContext("huge"))));
    await(loop.call(() -> p.complete(request("gpt-x", "after"), new CallContext("after"))));
    RecordedRequest sent = upstream.requests().get(0);
    assertEquals(huge, sent.lastUserText(), "the upstream received the prompt exactly");
    assertEquals(String.valueOf(sent.rawBody().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
        sent.header("content-length"), "the length is declared");
    assertEquals(null, sent.header("transfer-encoding"), "not chunked");
    assertTrue(sent.rawBody().length() > 100 * UpstreamExchange.SLICE_BYTES, "many slices");
    assertEquals("after", upstream.requests().get(1).lastUserText());
  }

  /**
   * An upstream that refuses a large body before reading it (413, then closes the connection) ends the call at once
   * while the body is still being sent in slices: the pacing stops instead of waiting for a drain that never comes.
   * The client sees the 413 or, when the upstream's close with unread bytes resets the connection first, the reset
   * (the same with the body written in one piece). The next call gets a new connection and the 413.
   */
  @Test
  void anUpstreamThatAnswersBeforeReadingTheBodyEndsThePacedCall() throws Exception {
    HttpServer refusing = vertx.createHttpServer().requestHandler(req -> req.response().setStatusCode(413)
        .putHeader("content-type", "application/json").putHeader("connection", "close")
        .end("{\"error\":{\"message\":\"too large\"}}").onComplete(v -> req.connection().close()))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    ProviderSpec spec = new ProviderSpec("OpenAI_API", "openai", "http://127.0.0.1:" + refusing.actualPort() + "/v1",
        List.of(), false, null);
    OpenAiCompatibleProvider p = new OpenAiCompatibleProvider(vertx, loop.client(), spec, "sk-test");
    String huge = LARGE.repeat(20);
    var refused = failure(loop.call(() -> p.complete(request("gpt-x", huge), new CallContext("huge"))));
    assertTrue(refused.status() == 413 || refused.getMessage().contains("connection reset"), refused.getMessage());
    var next = failure(loop.call(() -> p.complete(request("gpt-x", "small"), new CallContext("small"))));
    assertEquals(413, next.status(), next.getMessage());
  }

  @Test
  void aSmallBodyIsWrittenOnTheLoopWithoutWaitingForTheWriter() throws Exception {
    upstream.respondDefault(Reply.text("ok"));
    holdWriter();
    OpenAiCompatibleProvider p = openAi();
    await(loop.call(() -> p.complete(request("gpt-x", "small"), new CallContext("small"))));
    assertEquals("small", upstream.requests().get(0).lastUserText());
  }
}
