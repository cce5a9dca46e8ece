package ai.archon.gateway.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Drives {@link MockUpstream} over real HTTP in each protocol, as the gateway's adapters will. */
@ExtendWith(VertxExtension.class)
class MockUpstreamTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Vertx vertx;
  private MockUpstream upstream;
  private WebClient web;
  private HttpClient http;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    upstream = MockUpstream.startBlocking(vertx);
    // More than the default 5 connections, so the concurrency test is not queued by the client's own pool.
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(32);
    web = WebClient.create(vertx, new WebClientOptions(), pool);
    http = vertx.createHttpClient(new HttpClientOptions(), pool);
  }

  @AfterEach
  void tearDown() {
    upstream.closeBlocking();
  }

  // ---- OpenAI

  @Test
  void openAiCompletion() throws Exception {
    String body = "{\"model\":\"gpt-x\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello there\"}]}]}";
    HttpResponse<Buffer> resp = await(web.postAbs(upstream.openAiBaseUrl() + "/chat/completions")
        .putHeader("Authorization", "Bearer sk-test").putHeader("content-type", "application/json")
        .sendBuffer(Buffer.buffer(body)));

    assertEquals(200, resp.statusCode());
    JsonNode json = JSON.readTree(resp.bodyAsString());
    assertEquals("chat.completion", json.get("object").asText());
    assertEquals("gpt-x", json.get("model").asText());
    assertTrue(json.get("id").asText().startsWith("chatcmpl-"));
    assertTrue(json.get("created").isNumber());
    JsonNode choice = json.get("choices").get(0);
    assertEquals("assistant", choice.at("/message/role").asText());
    assertEquals("answer from gpt-x", choice.at("/message/content").asText());
    assertEquals("stop", choice.get("finish_reason").asText());
    assertEquals(4, json.at("/usage/prompt_tokens").asInt()); // words, system included
  }

  @Test
  void openAiCompletionRecordsRequest() throws Exception {
    String body = "{\"model\":\"gpt-x\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
        + "{\"role\":\"user\",\"content\":\"first\"},{\"role\":\"assistant\",\"content\":\"ok\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello there\"}]}]}";
    HttpResponse<Buffer> resp = await(web.postAbs(upstream.openAiBaseUrl() + "/chat/completions")
        .putHeader("Authorization", "Bearer sk-test").sendBuffer(Buffer.buffer(body)));
    JsonNode json = JSON.readTree(resp.bodyAsString());
    assertEquals(List.of(6, 3, 9), ints(json, "/usage/prompt_tokens", "/usage/completion_tokens",
        "/usage/total_tokens"));

    RecordedRequest r = upstream.lastRequest();
    assertEquals(Protocol.OPENAI, r.protocol());
    assertEquals("POST", r.method());
    assertEquals("/v1/chat/completions", r.uri());
    assertEquals("/v1/chat/completions", r.path());
    assertEquals("Bearer sk-test", r.header("authorization"));
    assertEquals("Bearer sk-test", r.headers().get("AUTHORIZATION"));
    assertEquals("gpt-x", r.model());
    assertEquals("gpt-x", r.body().get("model").asText());
    assertEquals("be brief\nfirst\nok\nhello there", r.promptText());
    assertEquals("hello there", r.lastUserText());
    assertFalse(r.streamed());
    assertEquals(1, r.callNumber());
    assertTrue(r.arrivalNanos() > 0);
    assertEquals(RecordedRequest.Outcome.COMPLETED, await(r.outcome()));
    assertTrue(r.completed());
    assertFalse(r.clientClosedEarly());
    assertTrue(r.endNanos() >= r.arrivalNanos());
    assertEquals(1, upstream.calls());
    assertEquals(1, upstream.calls("gpt-x"));
    assertEquals(0, upstream.calls("other"));
    assertEquals(List.of(r), upstream.requests("gpt-x"));
  }

  @Test
  void openAiStreamWithUsage() throws Exception {
    upstream.respond("gpt-s", Reply.text("one two  three").usage(7, 3));
    String body = "{\"model\":\"gpt-s\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    Received got = await(post("/v1/chat/completions", body));
    assertNull(got.error);
    assertTrue(got.contentType.startsWith("text/event-stream"));
    List<Sse> events = Sse.parse(got.body);
    assertEquals("[DONE]", events.get(events.size() - 1).data);

    List<JsonNode> chunks = new ArrayList<>();
    for (Sse e : events.subList(0, events.size() - 1)) chunks.add(JSON.readTree(e.data));
    for (JsonNode c : chunks) {
      assertEquals("chat.completion.chunk", c.get("object").asText());
      assertEquals("gpt-s", c.get("model").asText());
      assertEquals(chunks.get(0).get("id").asText(), c.get("id").asText());
    }
    assertEquals("assistant", chunks.get(0).at("/choices/0/delta/role").asText());
    StringBuilder text = new StringBuilder();
    for (JsonNode c : chunks) text.append(c.at("/choices/0/delta/content").asText(""));
    assertEquals("one two  three", text.toString());
    assertEquals(List.of("one ", "two  ", "three"),
        chunks.subList(1, 4).stream().map(c -> c.at("/choices/0/delta/content").asText()).toList());
    JsonNode finish = chunks.get(chunks.size() - 2);
    assertEquals("stop", finish.at("/choices/0/finish_reason").asText());
    JsonNode usage = chunks.get(chunks.size() - 1);
    assertEquals(0, usage.get("choices").size());
    assertEquals(7, usage.at("/usage/prompt_tokens").asInt());
    assertEquals(3, usage.at("/usage/completion_tokens").asInt());
    assertEquals(10, usage.at("/usage/total_tokens").asInt());
    assertTrue(upstream.lastRequest().streamed());
  }

  @Test
  void openAiStreamWithoutUsageHasNoUsageChunk() throws Exception {
    Received got = await(post("/v1/chat/completions",
        "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    List<Sse> events = Sse.parse(got.body);
    JsonNode lastChunk = JSON.readTree(events.get(events.size() - 2).data);
    assertEquals("stop", lastChunk.at("/choices/0/finish_reason").asText());
    assertFalse(lastChunk.has("usage"));
  }

  /** The official SDK must accept the mock's objects, so adapters tested against it meet the real format. */
  @Test
  void officialOpenAiSdkReadsMock() {
    upstream.respondInOrder("sdk-model", Reply.text("hi from sdk"), Reply.text("a b c"),
        Reply.status(429).message("slow down").retryAfter(1));
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(upstream.openAiBaseUrl()).apiKey("sk-test")
        .maxRetries(0).build();
    try {
      ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("sdk-model")
          .addSystemMessage("sys").addUserMessage("question").build();
      ChatCompletion c = client.chat().completions().create(params);
      c.validate();
      assertEquals("hi from sdk", c.choices().get(0).message().content().orElseThrow());
      assertEquals(5, c.usage().orElseThrow().totalTokens()); // 2 prompt words + 3 reply words

      ChatCompletionCreateParams streamParams = params.toBuilder()
          .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
      StringBuilder text = new StringBuilder();
      long total = -1;
      try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(streamParams)) {
        for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) s.stream()::iterator) {
          chunk.validate();
          for (ChatCompletionChunk.Choice ch : chunk.choices()) text.append(ch.delta().content().orElse(""));
          if (chunk.usage().isPresent()) total = chunk.usage().get().totalTokens();
        }
      }
      assertEquals("a b c", text.toString());
      assertEquals(5, total);

      RateLimitException e = assertThrows(RateLimitException.class, () -> client.chat().completions().create(params));
      assertEquals(429, e.statusCode());
      assertTrue(e.getMessage().contains("slow down"), e.getMessage());
    } finally {
      client.close();
    }
  }

  // ---- Anthropic

  @Test
  void anthropicMessage() throws Exception {
    String body = "{\"model\":\"claude-x\",\"max_tokens\":100,\"system\":[{\"type\":\"text\",\"text\":\"sys text\"}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"prior\"}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"again please\"}]}]}";
    Received got = await(post("/v1/messages", body, "x-api-key", "ak", "anthropic-version", "2023-06-01"));
    JsonNode json = JSON.readTree(got.body);
    assertEquals("message", json.get("type").asText());
    assertEquals("assistant", json.get("role").asText());
    assertEquals("claude-x", json.get("model").asText());
    assertTrue(json.get("id").asText().startsWith("msg_"));
    assertEquals("text", json.at("/content/0/type").asText());
    assertEquals("answer from claude-x", json.at("/content/0/text").asText());
    assertEquals("end_turn", json.get("stop_reason").asText());
    assertEquals(6, json.at("/usage/input_tokens").asInt());
    assertEquals(3, json.at("/usage/output_tokens").asInt());

    RecordedRequest r = upstream.lastRequest();
    assertEquals(Protocol.ANTHROPIC, r.protocol());
    assertEquals("sys text\nhello\nprior\nagain please", r.promptText());
    assertEquals("again please", r.lastUserText());
    assertEquals("ak", r.header("X-API-Key"));
    assertEquals("2023-06-01", r.header("Anthropic-Version"));
  }

  @Test
  void anthropicStream() throws Exception {
    upstream.respond("claude-s", Reply.text("alpha beta").finishReason("length").usage(4, 2));
    Received got = await(post("/v1/messages",
        "{\"model\":\"claude-s\",\"stream\":true,\"system\":\"s\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}"));
    List<Sse> events = Sse.parse(got.body);
    List<String> names = events.stream().map(e -> e.event).toList();
    assertEquals(List.of("message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta",
        "content_block_stop", "message_delta", "message_stop"), names);
    for (Sse e : events) assertEquals(e.event, JSON.readTree(e.data).get("type").asText());
    JsonNode start = JSON.readTree(events.get(0).data).get("message");
    assertEquals("message", start.get("type").asText());
    assertEquals("claude-s", start.get("model").asText());
    assertEquals(4, start.at("/usage/input_tokens").asInt());
    String text = events.stream().filter(e -> e.event.equals("content_block_delta"))
        .map(e -> readTree(e.data).at("/delta/text").asText()).collect(Collectors.joining());
    assertEquals("alpha beta", text);
    assertEquals("text_delta", readTree(events.get(3).data).at("/delta/type").asText());
    JsonNode delta = readTree(events.get(6).data);
    assertEquals("max_tokens", delta.at("/delta/stop_reason").asText());
    assertEquals(2, delta.at("/usage/output_tokens").asInt());
  }

  // ---- Gemini

  @Test
  void geminiGenerateContent() throws Exception {
    String body = "{\"systemInstruction\":{\"parts\":[{\"text\":\"sys\"}]},\"contents\":["
        + "{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]},{\"role\":\"model\",\"parts\":[{\"text\":\"yo\"}]},"
        + "{\"role\":\"user\",\"parts\":[{\"text\":\"more\"},{\"text\":\"text\"}]}]}";
    Received got = await(post("/v1beta/models/gemini-x:generateContent", body, "x-goog-api-key", "gk"));
    JsonNode json = JSON.readTree(got.body);
    JsonNode cand = json.at("/candidates/0");
    assertEquals("model", cand.at("/content/role").asText());
    assertEquals("answer from gemini-x", cand.at("/content/parts/0/text").asText());
    assertEquals("STOP", cand.get("finishReason").asText());
    assertEquals(List.of(5, 3, 8), ints(json, "/usageMetadata/promptTokenCount", "/usageMetadata/candidatesTokenCount",
        "/usageMetadata/totalTokenCount"));

    RecordedRequest r = upstream.lastRequest();
    assertEquals(Protocol.GEMINI, r.protocol());
    assertEquals("gemini-x", r.model());
    assertFalse(r.streamed());
    assertEquals("sys\nhi\nyo\nmore\ntext", r.promptText());
    assertEquals("more\ntext", r.lastUserText());
    assertEquals("gk", r.header("X-Goog-Api-Key"));
  }

  @Test
  void geminiStreamSse() throws Exception {
    upstream.respond("gemini-s", Reply.text("x y z"));
    Received got = await(post("/v1beta/models/gemini-s:streamGenerateContent?alt=sse",
        "{\"contents\":[{\"parts\":[{\"text\":\"q\"}]}]}"));
    assertTrue(got.body.contains("\r\n\r\n"), "Gemini frames end in CRLF pairs");
    List<Sse> events = Sse.parse(got.body);
    assertEquals(3, events.size());
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < events.size(); i++) {
      JsonNode c = readTree(events.get(i).data);
      text.append(c.at("/candidates/0/content/parts/0/text").asText());
      boolean last = i == events.size() - 1;
      assertEquals(last, c.has("usageMetadata"));
      assertEquals(last, c.at("/candidates/0").has("finishReason"));
    }
    assertEquals("x y z", text.toString());
    JsonNode last = readTree(events.get(2).data);
    assertEquals(3, last.at("/usageMetadata/candidatesTokenCount").asInt());
    assertEquals("STOP", last.at("/candidates/0/finishReason").asText());

    RecordedRequest r = upstream.lastRequest();
    assertTrue(r.streamed());
    assertEquals("/v1beta/models/gemini-s:streamGenerateContent?alt=sse", r.uri());
    assertEquals("/v1beta/models/gemini-s:streamGenerateContent", r.path());
    assertEquals("q", r.lastUserText());
  }

  @Test
  void geminiStreamWithoutSseIsJsonArray() throws Exception {
    Received got = await(post("/v1beta/models/g:streamGenerateContent", "{\"contents\":[]}"));
    JsonNode arr = JSON.readTree(got.body);
    assertTrue(arr.isArray());
    StringBuilder text = new StringBuilder();
    for (JsonNode c : arr) text.append(c.at("/candidates/0/content/parts/0/text").asText());
    assertEquals("answer from g", text.toString());
  }

  // ---- errors and scripting

  @Test
  void statusRepliesAreProtocolShaped() throws Exception {
    upstream.respondDefault(Reply.status(429).message("too many").retryAfter(2));
    Received o = await(post("/v1/chat/completions", "{\"model\":\"a\",\"messages\":[]}"));
    assertEquals(429, o.status);
    assertEquals("2", o.retryAfter);
    JsonNode oe = JSON.readTree(o.body).get("error");
    assertEquals("too many", oe.get("message").asText());
    assertEquals("rate_limit_exceeded", oe.get("code").asText());
    assertTrue(oe.has("type"));

    Received a = await(post("/v1/messages", "{\"model\":\"b\",\"messages\":[]}"));
    assertEquals(429, a.status);
    JsonNode aj = JSON.readTree(a.body);
    assertEquals("error", aj.get("type").asText());
    assertEquals("rate_limit_error", aj.at("/error/type").asText());
    assertEquals("too many", aj.at("/error/message").asText());

    upstream.respond("c", Reply.status(503));
    Received g = await(post("/v1beta/models/c:generateContent?key=k", "{\"contents\":[]}"));
    assertEquals(503, g.status);
    assertNull(g.retryAfter);
    JsonNode ge = JSON.readTree(g.body).get("error");
    assertEquals(503, ge.get("code").asInt());
    assertEquals("UNAVAILABLE", ge.get("status").asText());
    assertTrue(ge.get("message").asText().length() > 0);

    upstream.respond("d", Reply.status(529).errorType("overloaded_error"));
    assertEquals("overloaded_error",
        JSON.readTree(await(post("/v1/messages", "{\"model\":\"d\"}")).body).at("/error/type").asText());
  }

  @Test
  void inOrderRepliesThenResponderThenDefault() throws Exception {
    upstream.respondInOrder("m", Reply.text("first"), Reply.status(500), Reply.text("third"));
    upstream.respond("m", r -> Reply.text("echo " + r.lastUserText() + " #" + r.callNumber()));
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Received got = await(post("/v1/chat/completions",
          "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"q" + i + "\"}]}"));
      seen.add(got.status == 200 ? JSON.readTree(got.body).at("/choices/0/message/content").asText() : "" + got.status);
    }
    assertEquals(List.of("first", "500", "third", "echo q3 #4", "echo q4 #5"), seen);
    Received other = await(post("/v1/chat/completions", "{\"model\":\"n\",\"messages\":[]}"));
    assertEquals("answer from n", JSON.readTree(other.body).at("/choices/0/message/content").asText());

    upstream.clear();
    assertEquals(0, upstream.calls());
    upstream.reset();
    Received afterReset = await(post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[]}"));
    assertEquals("answer from m", JSON.readTree(afterReset.body).at("/choices/0/message/content").asText());
    assertEquals(1, upstream.lastRequest().callNumber());
  }

  @Test
  void responderFailureBecomes500() throws Exception {
    upstream.respond("boom", r -> { throw new IllegalStateException("bad script"); });
    Received got = await(post("/v1/chat/completions", "{\"model\":\"boom\",\"messages\":[]}"));
    assertEquals(500, got.status);
    assertTrue(got.body.contains("bad script"));
  }

  @Test
  void unknownRouteAndBadJson() throws Exception {
    Received nf = await(post("/v1/completions", "{}"));
    assertEquals(404, nf.status);
    assertTrue(nf.body.contains("no route"));
    assertEquals(0, upstream.calls());

    Received bad = await(post("/v1/chat/completions", "not json"));
    assertEquals(400, bad.status);
    assertEquals("not json", upstream.lastRequest().rawBody());
    assertTrue(upstream.lastRequest().body().isMissingNode());
  }

  @Test
  void rawReply() throws Exception {
    upstream.respondDefault(Reply.raw(200, "application/json", "{\"truncated\":"));
    Received got = await(post("/v1/chat/completions", "{\"model\":\"r\"}"));
    assertEquals(200, got.status);
    assertEquals("{\"truncated\":", got.body);
  }

  // ---- timing

  @Test
  void delaysOverlapAcrossConcurrentRequests() {
    upstream.respondDefault(Reply.text("slow").delayMs(300));
    long t0 = System.nanoTime();
    List<Future<Received>> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.add(post("/v1/chat/completions", "{\"model\":\"slow" + i + "\",\"messages\":[]}"));
    }
    await(Future.all(all));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    for (Future<Received> f : all) assertEquals(200, f.result().status);
    assertTrue(ms >= 290, "delay applied: " + ms);
    assertTrue(ms < 550, "six 300 ms delays must overlap, took " + ms + " ms");
  }

  @Test
  void chunkDelaySpacesStreamedChunks() throws Exception {
    upstream.respondDefault(Reply.text("unused").chunks("a", "b", "c").chunkDelayMs(100));
    long t0 = System.nanoTime();
    Received got = await(post("/v1/messages", "{\"model\":\"c\",\"stream\":true,\"messages\":[]}"));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms >= 190, "two gaps of 100 ms, took " + ms);
    String text = Sse.parse(got.body).stream().filter(e -> e.event.equals("content_block_delta"))
        .map(e -> readTree(e.data).at("/delta/text").asText()).collect(Collectors.joining());
    assertEquals("abc", text);
  }

  // ---- failures and cancellation

  @Test
  void failMidStreamCutsTheConnection() throws Exception {
    upstream.respondDefault(Reply.text("one two three four").failAfterChunks(2));
    Received got = await(post("/v1/chat/completions", "{\"model\":\"f\",\"stream\":true,\"messages\":[]}"));
    assertNotNull(got.error, "client must see the connection drop");
    assertFalse(got.body.contains("[DONE]"));
    assertTrue(got.body.contains("\"one \"") && got.body.contains("\"two \""), got.body);
    assertFalse(got.body.contains("three"));
    RecordedRequest r = upstream.lastRequest();
    assertEquals(RecordedRequest.Outcome.SERVER_CUT, await(r.outcome()));
    assertFalse(r.clientClosedEarly());

    upstream.respondDefault(Reply.failMidStream(1));
    Received gem = await(post("/v1beta/models/g:streamGenerateContent?alt=sse", "{\"contents\":[]}"));
    assertNotNull(gem.error);
    assertEquals(1, Sse.parse(gem.body).size());

    Received whole = await(post("/v1/messages", "{\"model\":\"w\",\"messages\":[]}"));
    assertNotNull(whole.error, "a non-streamed body cut in half must fail too");
  }

  @Test
  void clientResetOfHungRequestIsRecorded() {
    upstream.respond("hang", Reply.hang());
    Promise<HttpClientRequest> sent = Promise.promise();
    http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(upstream.port())
        .setURI("/v1/chat/completions")).onSuccess(req -> {
          req.send(Buffer.buffer("{\"model\":\"hang\",\"messages\":[]}"));
          sent.complete(req);
        });
    RecordedRequest r = await(upstream.awaitCalls("hang", 1)).get(0);
    assertFalse(r.outcome().isComplete());
    await(sent.future()).reset();
    assertEquals(RecordedRequest.Outcome.CLIENT_CLOSED, await(r.outcome()));
    assertTrue(r.clientClosedEarly());
  }

  @Test
  void clientTimeoutDuringDelayIsRecorded() {
    upstream.respondDefault(Reply.text("late").delayMs(5_000));
    Future<HttpResponse<Buffer>> f = web.postAbs(upstream.anthropicBaseUrl() + "/v1/messages").timeout(200)
        .sendBuffer(Buffer.buffer("{\"model\":\"late\",\"messages\":[]}"));
    assertThrows(IllegalStateException.class, () -> await(f));
    RecordedRequest r = await(upstream.awaitCalls(1)).get(0);
    assertEquals(RecordedRequest.Outcome.CLIENT_CLOSED, await(r.outcome()));
  }

  @Test
  void closeCutsHungRequests() {
    upstream.respondDefault(Reply.hang());
    post("/v1/chat/completions", "{\"model\":\"h\",\"messages\":[]}");
    RecordedRequest r = await(upstream.awaitCalls(1)).get(0);
    upstream.closeBlocking();
    assertEquals(RecordedRequest.Outcome.SERVER_CUT, await(r.outcome()));
  }

  // ---- helpers

  /** What a raw client saw: status, headers of interest, the bytes that arrived, and any transport error. */
  /** The ints at {@code pointers} of {@code json}, in order (a token count set in one assertion). */
  private static List<Integer> ints(JsonNode json, String... pointers) {
    List<Integer> out = new ArrayList<>();
    for (String p : pointers) out.add(json.at(p).asInt());
    return out;
  }

  private static final class Received {
    int status;
    String contentType;
    String retryAfter;
    String body;
    Throwable error;
  }

  /** POSTs and collects every byte that arrives, succeeding even when the server cuts the response short. */
  private Future<Received> post(String uri, String body, String... headerPairs) {
    Promise<Received> done = Promise.promise();
    Received got = new Received();
    Buffer data = Buffer.buffer();
    http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(upstream.port())
        .setURI(uri)).onFailure(done::tryFail).onSuccess(req -> {
          for (int i = 0; i + 1 < headerPairs.length; i += 2) req.putHeader(headerPairs[i], headerPairs[i + 1]);
          req.putHeader("content-type", "application/json");
          req.send(Buffer.buffer(body)).onFailure(t -> {
            got.error = t;
            got.body = data.toString();
            done.tryComplete(got);
          }).onSuccess(resp -> {
            got.status = resp.statusCode();
            got.contentType = resp.getHeader("content-type");
            got.retryAfter = resp.getHeader("retry-after");
            resp.handler(data::appendBuffer);
            resp.exceptionHandler(t -> {
              got.error = t;
              got.body = data.toString();
              done.tryComplete(got);
            });
            resp.endHandler(v -> {
              got.body = data.toString();
              done.tryComplete(got);
            });
          });
        });
    return done.future();
  }

  /** One server-sent event. */
  private static final class Sse {
    String event;
    String data;

    /** Splits on blank lines (LF or CRLF), as an SSE client does. */
    static List<Sse> parse(String body) {
      List<Sse> out = new ArrayList<>();
      for (String block : body.replace("\r\n", "\n").split("\n\n")) {
        if (block.isBlank()) continue;
        Sse e = new Sse();
        for (String line : block.split("\n")) {
          if (line.startsWith("event: ")) e.event = line.substring(7);
          if (line.startsWith("data: ")) e.data = line.substring(6);
        }
        out.add(e);
      }
      return out;
    }
  }

  private static JsonNode readTree(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
