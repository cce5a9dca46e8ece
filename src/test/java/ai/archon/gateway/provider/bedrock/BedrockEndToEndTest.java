package ai.archon.gateway.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Bedrock config written like Archon's published {@code llama3-70b-bedrock} one (a {@code bedrock/} model id prefix,
 * {@code top_k} on a generator) in the real gateway against a fake Bedrock runtime on loopback that checks the SigV4
 * Authorization header's shape and answers Converse JSON or a ConverseStream event stream.
 */
class BedrockEndToEndTest {
  private static final String CONFIG = "{\"name\": \"bedrock-llama3\", \"layers\": [[{\"type\": \"generator\", "
      + "\"model\": \"bedrock/meta.llama3-70b-instruct-v1:0\", \"model_type\": \"Bedrock_API\", \"top_k\": 1, "
      + "\"temperature\": 0.7, \"max_tokens\": 2048, \"samples\": 1}]]}";
  private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 Credential=AKIDTEST/\\d{8}/eu-west-3/"
      + "bedrock/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}");

  private Vertx vertx;
  private HttpServer bedrock;
  private final List<HttpServerRequest> seen = new CopyOnWriteArrayList<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private String url;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    bedrock = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await();
    Path configs = Files.createTempDirectory("bedrock");
    Files.writeString(configs.resolve("bedrock-llama3.json"), CONFIG);
    Map<String, String> env = new HashMap<>();
    env.put("BEDROCK_BASE_URL", "http://127.0.0.1:" + bedrock.actualPort());
    env.put("AWS_ACCESS_KEY_ID", "AKIDTEST");
    env.put("AWS_SECRET_ACCESS_KEY", "secret-test");
    env.put("AWS_SESSION_TOKEN", "token-test");
    env.put("AWS_REGION_NAME", "eu-west-3");
    url = TestGateway.start(vertx, configs, env).url();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private void handle(HttpServerRequest req) {
    seen.add(req);
    req.body().onSuccess(body -> {
      bodies.add(body.toString());
      Matcher auth = new Matcher(req.getHeader("authorization"));
      if (!auth.ok) {
        req.response().setStatusCode(403).end("{\"message\":\"bad signature shape\"}");
        return;
      }
      if (req.path().endsWith("/converse")) {
        req.response().putHeader("content-type", "application/json").end("{\"output\":{\"message\":{\"role\":"
            + "\"assistant\",\"content\":[{\"text\":\"Hello from \"},{\"text\":\"Llama\"}]}},\"stopReason\":\"end_turn\","
            + "\"usage\":{\"inputTokens\":11,\"outputTokens\":4,\"totalTokens\":15}}");
        return;
      }
      Buffer stream = Buffer.buffer()
          .appendBuffer(EventStreamFrames.event("messageStart", "{\"role\":\"assistant\"}"))
          .appendBuffer(EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hel\"}}"))
          .appendBuffer(EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"lo!\"}}"))
          .appendBuffer(EventStreamFrames.event("contentBlockStop", "{\"contentBlockIndex\":0}"))
          .appendBuffer(EventStreamFrames.event("messageStop", "{\"stopReason\":\"end_turn\"}"))
          .appendBuffer(EventStreamFrames.event("metadata", "{\"usage\":{\"inputTokens\":9,\"outputTokens\":2}}"));
      var resp = req.response().setChunked(true).putHeader("content-type", "application/vnd.amazon.eventstream");
      // Split mid-frame so the decoder has to reassemble.
      resp.write(stream.getBuffer(0, 37));
      vertx.setTimer(5, t -> resp.end(stream.getBuffer(37, stream.length())));
    });
  }

  /** The Authorization header's shape; the signature itself is the AWS SDK's. */
  private static final class Matcher {
    final boolean ok;

    Matcher(String header) {
      java.util.regex.Matcher m = header == null ? null : AUTHORIZATION.matcher(header);
      ok = m != null && m.matches() && List.of(m.group(1).split(";")).containsAll(List.of("host", "x-amz-date",
          "x-amz-security-token"));
    }
  }

  @Test
  void converseIsSignedAndAnswers() {
    JsonNode body = Http.completion(url, Http.chat("bedrock-llama3", "Hi", null));
    assertEquals("Hello from Llama", body.at("/choices/0/message/content").asText());
    assertEquals(11, body.at("/usage/prompt_tokens").asInt());
    HttpServerRequest req = seen.get(0);
    assertEquals("/model/meta.llama3-70b-instruct-v1%3A0/converse", req.path());
    assertTrue(AUTHORIZATION.matcher(req.getHeader("authorization")).matches(), req.getHeader("authorization"));
    assertEquals("token-test", req.getHeader("x-amz-security-token"));
    assertNotNull(req.getHeader("x-amz-date"));
    JsonNode sent = Json.parse(bodies.get(0));
    assertEquals("Be brief.", sent.at("/system/0/text").asText());
    assertEquals("user", sent.at("/messages/0/role").asText());
    assertEquals("Hi", sent.at("/messages/0/content/0/text").asText());
    assertEquals(2048, sent.at("/inferenceConfig/maxTokens").asInt());
    assertEquals(0.7, sent.at("/inferenceConfig/temperature").asDouble(), 1e-9);
  }

  @Test
  void converseStreamRelaysTheEventStream() {
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions",
        Http.chat("bedrock-llama3", "Hi", "\"stream\":true"));
    assertEquals(200, resp.statusCode(), resp.body());
    StringBuilder text = new StringBuilder();
    for (String data : Http.sseData(resp.body())) {
      if (data.equals("[DONE]")) continue;
      text.append(Json.parse(data).at("/choices/0/delta/content").asText(""));
    }
    assertEquals("Hello!", text.toString());
    assertEquals("/model/meta.llama3-70b-instruct-v1%3A0/converse-stream", seen.get(0).path());
    assertEquals("application/vnd.amazon.eventstream", seen.get(0).getHeader("accept"));
  }

  @Test
  void aStreamedExceptionFailsTheCallWithItsType() {
    var decoded = new java.util.ArrayList<EventStreamDecoder.Message>();
    new EventStreamDecoder(decoded::add).handle(EventStreamFrames.message(
        Map.of(":message-type", "exception", ":exception-type", "throttlingException"), "{\"message\":\"slow down\"}"));
    var state = new BedrockMapper.StreamState("Bedrock_API", "m", s -> { });
    var e = org.junit.jupiter.api.Assertions.assertThrows(ai.archon.gateway.model.UpstreamException.class,
        () -> state.onMessage(decoded.get(0), Json.parse("{\"message\":\"slow down\"}")));
    assertEquals(429, e.status());
  }
}
