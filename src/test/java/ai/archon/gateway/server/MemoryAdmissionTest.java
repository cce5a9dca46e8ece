package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.Reply;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request bodies in flight are bounded by server.max_inflight_body_bytes: the excess gets a fast 503, not an OOM. */
class MemoryAdmissionTest extends GatewayTestBase {
  @BeforeEach
  void start() {
    url = gateway.start(GatewayExtension.oneGenerator(),
        "{\"server\": {\"max_body_bytes\": 400000, \"max_inflight_body_bytes\": 500000}}", 200).url();
  }

  /** A 300 KB body: one fits the budget, two do not. */
  private static final String BIG = Http.chat("one", "x".repeat(300_000), null);

  /** One big request admitted and held (its upstream answers after 1.5 s): the next big one does not fit. */
  private CompletableFuture<HttpResponse<String>> holdTheBudget() throws Exception {
    upstream.respond("gpt-x", Reply.text("late").delayMs(1500));
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(() -> Http.post(url + "/v1/chat/completions", BIG));
    upstream.awaitCalls("gpt-x", 1).await(10, TimeUnit.SECONDS);
    return first;
  }

  @Test
  void bodiesBeyondTheBudgetGetAFast503WithRetryAfter() throws Exception {
    CompletableFuture<HttpResponse<String>> first = holdTheBudget();
    long start = System.nanoTime();
    HttpResponse<String> second = Http.post(url + "/v1/chat/completions", BIG);
    assertTrue(System.nanoTime() - start < 1_000_000_000L, "refused at once");
    assertEquals(503, second.statusCode(), second.body());
    assertEquals("overloaded", Json.parse(second.body()).at("/error/code").asText());
    assertTrue(second.headers().firstValue("retry-after").isPresent());
    assertEquals(200, Http.get(url + "/health").statusCode());
    assertEquals(200, Http.post(url + "/v1/chat/completions", Http.chat("one", "small", null)).statusCode());
    assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
    assertEquals(200, Http.post(url + "/v1/chat/completions", BIG).statusCode(), "the budget is released");
  }

  /**
   * A large body is parsed off the event loop and the chat handler runs in that parse's callback: a body it refuses
   * (malformed JSON, or JSON that is no chat request) is still answered with its 400, and its memory is given back.
   */
  @Test
  void aLargeBodyParsedOffTheLoopThatTheHandlerRefusesGetsItsAnswer() {
    String notChat = "{\"model\": \"one\", \"messages\": 42, \"pad\": \"" + "x".repeat(300_000) + "\"}";
    HttpResponse<String> refused = Http.post(url + "/v1/chat/completions", notChat);
    assertEquals(400, refused.statusCode(), refused.body());
    assertEquals("invalid_request_error", Json.parse(refused.body()).at("/error/type").asText());
    HttpResponse<String> broken = Http.post(url + "/v1/chat/completions", BIG.substring(0, BIG.length() - 3));
    assertEquals(400, broken.statusCode(), broken.body());
    assertEquals(0, upstream.calls());
    assertEquals(200, Http.post(url + "/v1/chat/completions", BIG).statusCode(), "the budget is released");
  }

  /**
   * A large refused body is not read: the 503 comes, then the connection closes, while the client has sent only its
   * head (it waits for 100 Continue, which never comes). Read and discarded, the body would keep the connection open.
   */
  @Test
  void aLargeRefusedBodyIsNotReadAndItsConnectionCloses() throws Exception {
    CompletableFuture<HttpResponse<String>> first = holdTheBudget();
    try (Socket s = new Socket("127.0.0.1", URI.create(url).getPort())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Expect: 100-continue\r\nContent-Length: " + BIG.length() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // until the gateway closes
      assertTrue(reply.startsWith("HTTP/1.1 503 "), reply);
      assertTrue(reply.contains("overloaded"), reply);
    }
    assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
  }

  @Test
  void bufferedUpstreamRepliesCountAgainstTheBudget() {
    upstream.respond("big", Reply.text("x".repeat(600_000)));
    upstream.respond("fits", Reply.text("y".repeat(300_000)));
    HttpResponse<String> tooBig = Http.post(url + "/v1/chat/completions", Http.chat("OpenAI_API/big", "hi", null));
    assertEquals(503, tooBig.statusCode(), tooBig.body().substring(0, Math.min(300, tooBig.body().length())));
    assertEquals("overloaded", Json.parse(tooBig.body()).at("/error/code").asText());
    assertEquals(1, upstream.calls("big"), "our own refusal is not retried");
    for (int i = 0; i < 3; i++) {
      assertEquals(200, Http.post(url + "/v1/chat/completions", Http.chat("OpenAI_API/fits", "hi", null)).statusCode(),
          "a reply within the budget passes, and each one gives its bytes back");
    }
    assertEquals(200, Http.get(url + "/health").statusCode());
  }
}
