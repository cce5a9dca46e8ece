package ai.archon.gateway.server;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Structured outputs through a generators → fuser ensemble: the response format reaches the final layer only, a
 * strict json_schema answer is checked, an invalid one is asked for once more with the error, and still invalid is
 * a 502 {@code invalid_structured_output}.
 */
class StructuredOutputEndToEndTest extends GatewayTestBase {
  static final String FORMAT = "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"city\","
      + "\"strict\":true,\"schema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
      + "\"population\":{\"type\":\"integer\"}},\"required\":[\"name\",\"population\"],\"additionalProperties\":false}}}";
  private static final String VALID = "{\"name\":\"Paris\",\"population\":2100000}";


  static Stream<ToolProtocol> protocols() {
    // Anthropic and Bedrock carry a JSON format as a forced answer tool and Gemini as a MIME type; their mapping is
    // covered by the mapper tests, and these scripts answer in plain text.
    return Stream.of(ToolProtocol.OPENAI);
  }

  private String start(ToolProtocol p) {
    String t = p.modelType();
    String cfg = config("structured",
        layer(component("generator", "gen-1", t, null), component("generator", "gen-2", t, null)),
        layer(component("fuser", "fuse", t, null)));
    upstream.respond("gen-1", Reply.text("Paris has about 2.1 million people."));
    upstream.respond("gen-2", Reply.text("{\"name\":\"Paris\"}"));
    return gateway.start(Map.of("structured.json", cfg)).url();
  }

  private HttpResponse<String> ask(String url) {
    return Http.post(url + "/v1/chat/completions", Http.chat("structured", "Describe Paris.", FORMAT));
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void aValidStrictAnswerIsReturnedAndOnlyTheFinalLayerGetsTheFormat(ToolProtocol p) {
    String url = start(p);
    upstream.respond("fuse", Reply.text(VALID));
    HttpResponse<String> resp = ask(url);
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals(VALID, Json.parse(resp.body()).at("/choices/0/message/content").asText());
    assertEquals("stop", Json.parse(resp.body()).at("/choices/0/finish_reason").asText());
    assertTrue(p.asksForJson(upstream.requests("fuse").get(0)), "the final layer gets the format");
    assertFalse(p.asksForJson(upstream.requests("gen-1").get(0)), "earlier layers write material, not the answer");
    assertEquals(1, upstream.calls("fuse"));
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void anInvalidFirstAnswerIsRepairedByOneMoreAsk(ToolProtocol p) {
    String url = start(p);
    upstream.respondInOrder("fuse", Reply.text("{\"name\":\"Paris\",\"population\":\"many\"}"), Reply.text(VALID));
    HttpResponse<String> resp = ask(url);
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals(VALID, Json.parse(resp.body()).at("/choices/0/message/content").asText());
    assertEquals(2, upstream.calls("fuse"), "exactly one more ask");
    String retry = upstream.requests("fuse").get(1).promptText();
    assertTrue(retry.contains("population"), "the second ask names what was wrong: " + retry);
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void stillInvalidIsA502(ToolProtocol p) {
    String url = start(p);
    upstream.respond("fuse", Reply.text("Paris: 2.1 million"));
    HttpResponse<String> resp = ask(url);
    assertEquals(502, resp.statusCode(), resp.body());
    JsonNode err = Json.parse(resp.body()).path("error");
    assertEquals("invalid_structured_output", err.path("code").asText());
    assertEquals("server_error", err.path("type").asText());
    assertEquals(2, upstream.calls("fuse"));
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void aStreamedStructuredAnswerIsCheckedBeforeItIsSent(ToolProtocol p) {
    String url = start(p);
    upstream.respond("fuse", Reply.text("not json"));
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions",
        Http.chat("structured", "Describe Paris.", FORMAT + ",\"stream\":true"));
    assertEquals(200, resp.statusCode(), "the stream was open before the answer");
    assertEquals("", Http.sseText(resp.body(), 0), "no invalid text reached the client");
    assertTrue(resp.body().contains("invalid_structured_output"), resp.body());
  }
}
