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
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A tool round trip through a 3-generator → ranker → fuser ensemble against the scripted upstream, on each of the
 * four wire protocols ({@link ToolProtocol#ALL}: OpenAI, Anthropic, Gemini, Bedrock Converse): tools reach the
 * generators and the fuser in the protocol's shape (not the ranker, which sees the calls written out), the client
 * gets the fuser's call as {@code tool_calls} (whole and streamed), then sends the tool result, which reaches the
 * generators as the protocol's call and result blocks, and gets the final text, call ids kept end to end (Gemini's
 * history pairs by name instead). Also: a forced tool_choice answered with text, and strict tool arguments that do
 * not match.
 */
class ToolsEndToEndTest extends GatewayTestBase {
  static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
      + "\"description\":\"Current weather\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":"
      + "{\"type\":\"string\"}},\"required\":[\"city\"],\"additionalProperties\":false},\"strict\":true}}]";


  @BeforeEach
  void pointBedrockAtTheMock() {
    gateway.env().putAll(bedrockEnv(upstream));
  }

  /** Bedrock's endpoint and (test) credentials, for the SigV4 signer. */
  static Map<String, String> bedrockEnv(MockUpstream upstream) {
    return Map.of("BEDROCK_BASE_URL", upstream.baseUrl(), "AWS_ACCESS_KEY_ID", "AKIDTEST",
        "AWS_SECRET_ACCESS_KEY", "secret-test", "AWS_REGION", "eu-west-3");
  }

  static Stream<ToolProtocol> protocols() {
    return ToolProtocol.ALL.stream();
  }

  private String start(ToolProtocol p) {
    String t = p.modelType();
    String agent = config("agent",
        layer(component("generator", "gen-1", t, null), component("generator", "gen-2", t, null),
            component("generator", "gen-3", t, null)),
        layer(component("ranker", "judge", t, "\"top_k\":3")),
        layer(component("fuser", "fuse", t, null)));
    return gateway.start(Map.of("agent.json", agent)).url();
  }

  /** The generators and the fuser call the tool until the conversation holds its result, then answer text. */
  private void script(ToolProtocol p) {
    for (String gen : List.of("gen-1", "gen-2", "gen-3", "fuse")) {
      String args = gen.equals("gen-2") ? "{\"city\":\"Lyon\"}" : "{\"city\":\"Paris\"}";
      upstream.respond(gen, r -> hasToolResult(p, r) ? Reply.text("It is 18C and sunny in Paris (" + gen + ").")
          : p.toolCall("call_" + gen, "get_weather", args).apply(r));
    }
    upstream.respond("judge", Reply.text("[1] > [2] > [3]"));
  }

  private static boolean hasToolResult(ToolProtocol p, RecordedRequest r) {
    return p.conversationCallIds(r).size() > 0 || r.promptText().contains("Tool result");
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void toolCallsRoundTripThroughTheEnsemble(ToolProtocol p) {
    String url = start(p);
    script(p);
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("agent", "Weather in Paris?", TOOLS));
    assertEquals(200, resp.statusCode(), resp.body());
    JsonNode choice = Json.parse(resp.body()).at("/choices/0");
    assertEquals("tool_calls", choice.path("finish_reason").asText());
    assertTrue(choice.at("/message/content").isNull(), resp.body());
    JsonNode call = choice.at("/message/tool_calls/0");
    assertEquals("call_fuse", call.path("id").asText(), "the fuser's call, its id kept");
    assertEquals("function", call.path("type").asText());
    assertEquals("get_weather", call.at("/function/name").asText());
    assertEquals("Paris", Json.parse(call.at("/function/arguments").asText()).path("city").asText());

    for (String gen : List.of("gen-1", "gen-2", "gen-3", "fuse")) {
      assertEquals(List.of("get_weather"), p.toolNames(upstream.requests(gen).get(0)), gen + " gets the tools");
      assertEquals(Json.parse(p.toolsShape()), p.tools(upstream.requests(gen).get(0)), gen + ": the protocol's shape");
    }
    RecordedRequest ranker = upstream.requests("judge").get(0);
    assertEquals(List.of(), p.toolNames(ranker), "a judge keeps its own format");
    assertTrue(ranker.promptText().contains("Calls the function get_weather with arguments {\"city\":\"Lyon\"}"),
        "the ranker reads the calls as text: " + ranker.promptText());

    // The client runs the tool and sends its result with the call's id.
    String second = "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + call + "]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"call_fuse\",\"content\":\"18C, sunny\"}]";
    upstream.clear();
    script(p);
    HttpResponse<String> done = Http.post(url + "/v1/chat/completions",
        "{\"model\":\"agent\"," + second + "," + TOOLS + "}");
    assertEquals(200, done.statusCode(), done.body());
    JsonNode answer = Json.parse(done.body()).at("/choices/0");
    assertEquals("stop", answer.path("finish_reason").asText());
    assertTrue(answer.at("/message/content").asText().contains("18C and sunny"), done.body());
    assertFalse(answer.at("/message").has("tool_calls"));
    for (String gen : List.of("gen-1", "gen-2", "gen-3")) {
      RecordedRequest r = upstream.requests(gen).get(0);
      assertEquals(p.carriesCallIds() ? List.of("call_fuse", "call_fuse") : List.of("", ""), p.conversationCallIds(r),
          gen + " gets the call and its result with the client's id (Gemini pairs them by name)");
      assertEquals(List.of(Json.parse(p.toolCallShape())), p.toolCalls(r), gen + ": the call in the protocol's shape");
      assertEquals(List.of(Json.parse(p.toolResultShape())), p.toolResults(r), gen + ": the result in the protocol's shape");
    }
    assertTrue(upstream.requests("fuse").get(0).promptText().contains("call_fuse"), "the fuser's transcript keeps the id");
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void aStreamedToolCallArrivesAsToolCallDeltas(ToolProtocol p) {
    String url = start(p);
    script(p);
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions",
        Http.chat("agent", "Weather in Paris?", TOOLS + ",\"stream\":true"));
    assertEquals(200, resp.statusCode(), resp.body());
    StringBuilder args = new StringBuilder();
    List<String> ids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    String finish = null;
    for (String d : Http.sseData(resp.body())) {
      if (d.equals("[DONE]")) continue;
      JsonNode c = Json.parse(d).at("/choices/0");
      for (JsonNode tc : c.at("/delta/tool_calls")) {
        assertEquals(0, tc.path("index").asInt());
        if (tc.has("id")) ids.add(tc.get("id").asText());
        if (tc.at("/function/name").isTextual()) names.add(tc.at("/function/name").asText());
        args.append(tc.at("/function/arguments").asText(""));
      }
      if (c.path("finish_reason").isTextual()) finish = c.path("finish_reason").asText();
    }
    assertEquals(List.of("call_fuse"), ids);
    assertEquals(List.of("get_weather"), names);
    assertEquals("{\"city\":\"Paris\"}", args.toString());
    assertEquals("tool_calls", finish);
    assertTrue(resp.body().trim().endsWith("data: [DONE]"));
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void aRequiredToolChoiceAnsweredWithTextIsAnError(ToolProtocol p) {
    String url = start(p);
    script(p);
    upstream.respond("fuse", Reply.text("I would rather just tell you: it is sunny."));
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions",
        Http.chat("agent", "Weather in Paris?", TOOLS + ",\"tool_choice\":\"required\""));
    assertEquals(502, resp.statusCode(), resp.body());
    JsonNode err = Json.parse(resp.body()).path("error");
    assertEquals("tool_choice_not_honoured", err.path("code").asText());
    assertTrue(err.path("message").asText().contains("required"), resp.body());
    assertEquals(2, upstream.calls("fuse"), "the final component is asked once more first");
    assertTrue(upstream.requests("fuse").get(1).promptText().contains("is text, not a tool call"),
        "the second ask says what was wrong");
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void strictToolArgumentsThatMissTheSchemaAreAnError(ToolProtocol p) {
    String url = start(p);
    script(p);
    upstream.respond("fuse", p.toolCall("call_bad", "get_weather", "{\"town\":\"Paris\"}"));
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("agent", "Weather in Paris?", TOOLS));
    assertEquals(502, resp.statusCode(), resp.body());
    JsonNode err = Json.parse(resp.body()).path("error");
    assertEquals("invalid_tool_call", err.path("code").asText());
    assertTrue(err.path("message").asText().contains("get_weather"), resp.body());
    assertEquals(2, upstream.calls("fuse"));
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void aNamedToolChoiceIsHonoured(ToolProtocol p) {
    String url = start(p);
    script(p);
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("agent", "Weather in Paris?",
        TOOLS + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"));
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals("get_weather", Json.parse(resp.body()).at("/choices/0/message/tool_calls/0/function/name").asText());
    assertEquals(1, upstream.calls("fuse"));
  }
}
