package ai.archon.gateway.server;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.CapturedLogs;
import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP contract around the pipeline: models, errors, pass-through, keys, limits, cancellation, probes. */
class GatewayApiTest extends GatewayTestBase {

  @BeforeEach
  void start() throws Exception {
    gateway.env().remove("TOGETHER_API_KEY");
    Map<String, String> configs = Map.of(
        "one.json", config("one", layer(component("generator", "gpt-x", "OpenAI_API", null))),
        "needs-together.json", config("needs-together", layer(component("generator", "llama", "Together_API", null))),
        "relay.json", config("relay", layer(component("generator", "gpt-a", "OpenAI_API", null)),
            layer(component("fuser", "gpt-f", "OpenAI_API", null))));
    url = gateway.start(configs, "{\"server\":{\"max_body_bytes\":4096}}", 100).url();
  }

  @Test
  void modelsListsEveryConfigWithItsKeyVariables() {
    HttpResponse<String> resp = Http.get(url + "/v1/models");
    assertEquals(200, resp.statusCode());
    JsonNode data = Json.parse(resp.body()).path("data");
    assertEquals(3, data.size());
    JsonNode needs = null;
    for (JsonNode m : data) if (m.path("id").asText().equals("needs-together")) needs = m;
    assertEquals("model", needs.path("object").asText());
    assertEquals("TOGETHER_API_KEY", needs.at("/archon/env/0/name").asText());
    assertFalse(needs.at("/archon/env/0/set").asBoolean());
    assertFalse(needs.at("/archon/ready").asBoolean());
    assertEquals(200, Http.get(url + "/v1/models/one").statusCode());
    HttpResponse<String> missing = Http.get(url + "/v1/models/nope");
    assertEquals(404, missing.statusCode());
    assertEquals("model_not_found", Json.parse(missing.body()).at("/error/code").asText());
  }

  @Test
  void badRequestsGetOpenAiErrors() {
    assertError(Http.post(url + "/v1/chat/completions", Http.chat("nope", "hi", null)), 404, "model_not_found", "model");
    assertError(Http.post(url + "/v1/chat/completions", "{not json"), 400, "invalid_request", null);
    assertError(Http.post(url + "/v1/chat/completions", "{\"model\":\"one\",\"messages\":[]}"), 400, "invalid_request", "messages");
    assertError(Http.post(url + "/v1/chat/completions", Http.chat("one", "hi", "\"temperature\":2.5")), 400,
        "invalid_request", "temperature");
    assertError(Http.post(url + "/v1/chat/completions", Http.chat("one", "x".repeat(5000), null)), 413,
        "request_too_large", null);
    assertEquals(0, upstream.calls(), "no upstream call for a bad request");
  }

  @Test
  void missingProviderKeyIs503NamingTheVariableBeforeAnyCall() {
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("needs-together", "hi", null));
    assertError(resp, 503, "provider_key_missing", "model");
    assertTrue(Json.parse(resp.body()).at("/error/message").asText().contains("TOGETHER_API_KEY"));
    assertEquals(0, upstream.calls());
  }

  @Test
  void passThroughKeepsEveryFieldAndRelaysTheReply() {
    String body = "{\"model\":\"OpenAI_API/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}],"
        + "\"response_format\":{\"type\":\"json_object\"},\"logprobs\":true}";
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", body);
    assertEquals(200, resp.statusCode(), resp.body());
    RecordedRequest seen = upstream.lastRequest();
    assertEquals("gpt-4o", seen.body().path("model").asText());
    assertEquals("f", seen.body().at("/tools/0/function/name").asText());
    assertEquals("json_object", seen.body().at("/response_format/type").asText());
    assertTrue(seen.body().path("logprobs").asBoolean());
    assertEquals("answer from gpt-4o", Json.parse(resp.body()).at("/choices/0/message/content").asText());

    HttpResponse<String> streamed = Http.post(url + "/v1/chat/completions",
        body.replace("\"logprobs\":true", "\"stream\":true"));
    assertEquals(200, streamed.statusCode());
    assertEquals("answer from gpt-4o", Http.sseText(streamed.body(), 0));
    assertTrue(upstream.lastRequest().streamed());
  }

  @Test
  void passThroughToAnotherProtocolIsTranslated() {
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("Anthropic_API/claude-x", "hi", null));
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals("answer from claude-x", Json.parse(resp.body()).at("/choices/0/message/content").asText());
    assertEquals("/v1/messages", upstream.lastRequest().path());
  }

  @Test
  void upstreamClientErrorInPassThroughKeepsItsStatusClass() {
    upstream.respond("gpt-4o", Reply.status(400).message("bad tool schema"));
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("OpenAI_API/gpt-4o", "hi", null));
    assertEquals(400, resp.statusCode(), resp.body());
    assertTrue(Json.parse(resp.body()).at("/error/message").asText().contains("OpenAI_API"));
  }

  @Test
  void clientDisconnectCancelsTheUpstreamCall() throws Exception {
    upstream.respond("gpt-x", Reply.hang());
    int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    byte[] body = Http.chat("one", "hi", null).getBytes(StandardCharsets.UTF_8);
    try (CapturedLogs logs = new CapturedLogs()) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        OutputStream out = s.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        upstream.awaitCalls("gpt-x", 1).await(5, TimeUnit.SECONDS);
      }
      RecordedRequest seen = upstream.requests("gpt-x").get(0);
      seen.outcome().await(5, TimeUnit.SECONDS);
      assertTrue(seen.clientClosedEarly(), "the gateway reset the upstream request when its client left");
      // The request's failure (its only generator cancelled: "no candidates") follows within milliseconds; it is the
      // client's doing, logged at DEBUG, not a WARN per disconnect.
      Thread.sleep(500);
      assertEquals(List.of(), logs.containing("failed with", Level.WARN), "a client's hang-up is not a gateway fault");
    }
  }

  @Test
  void streamStaysAliveWhileEarlierLayersRun() {
    upstream.respond("gpt-a", Reply.text("draft").delayMs(450));
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("relay", "hi", "\"stream\":true"));
    assertEquals(200, resp.statusCode());
    assertTrue(resp.body().contains(": keep-alive"), "keep-alive comments while layer 1 runs");
    assertEquals("answer from gpt-f", Http.sseText(resp.body(), 0));
  }

  @Test
  void streamedFailureIsOneInBandErrorEvent() {
    upstream.respondDefault(Reply.status(500));
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("one", "hi", "\"stream\":true"));
    assertEquals(200, resp.statusCode(), "headers were already sent");
    var data = Http.sseData(resp.body());
    JsonNode last = Json.parse(data.get(data.size() - 1));
    assertEquals("server_error", last.at("/error/type").asText());
  }

  @Test
  void nAboveOneReturnsThatManyChoices() {
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("one", "hi", "\"n\":3"));
    assertEquals(200, resp.statusCode());
    JsonNode choices = Json.parse(resp.body()).path("choices");
    assertEquals(3, choices.size(), "a one-sample final generator draws n samples for n choices");
    for (int i = 0; i < 3; i++) assertEquals(i, choices.get(i).path("index").asInt());
  }

  @Test
  void probes() {
    assertEquals(200, Http.get(url + "/health").statusCode());
    HttpResponse<String> ready = Http.get(url + "/ready");
    assertEquals(200, ready.statusCode());
    assertEquals(3, Json.parse(ready.body()).path("models").asInt());
    assertError(Http.get(url + "/nope"), 404, "not_found", null);
  }

  private static void assertError(HttpResponse<String> resp, int status, String code, String param) {
    assertEquals(status, resp.statusCode(), resp.body());
    JsonNode err = Json.parse(resp.body()).path("error");
    assertEquals(code, err.path("code").asText(), resp.body());
    assertTrue(err.has("message") && err.has("type") && err.has("param"), resp.body());
    if (param != null) assertEquals(param, err.path("param").asText());
  }
}
