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
import ai.archon.gateway.support.SdkStreams;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live trace ({@code x-archon-trace: stream}): named {@code archon.trace} SSE events, in the order the run
 * happened, carrying each layer's candidates, the critiques, the ranking and the failures; plain clients unaffected.
 */
class LiveTraceTest extends GatewayTestBase {
  private static final Map<String, String> LIVE = Map.of("x-archon-trace", "stream");

  @BeforeEach
  void start() {
    url = gateway.start(Map.of("tri.json", config("tri",
        layer(component("generator", "gpt-gen", "OpenAI_API", "\"samples\":2"),
            component("generator", "claude-gen", "Anthropic_API", null),
            component("generator", "gemini-gen", "Google_API", null)),
        layer(component("critic", "claude-critic", "Anthropic_API", null)),
        layer(component("ranker", "gpt-ranker", "OpenAI_API", "\"top_k\":2,\"use_critiques\":true")),
        layer(component("fuser", "gemini-fuser", "Google_API", null))))).url();
    TriEnsemble.script(upstream, "claude-gen", TriEnsemble.CRITIQUES, "Ranking: [4] > [3] > [1] > [2]");
  }

  @Test
  void eventsFollowTheRunLayerByLayerThenTheAnswer() {
    List<String> events = stream(LIVE);
    List<JsonNode> trace = trace(events);
    List<String> types = trace.stream().map(t -> t.path("type").asText()).toList();
    assertEquals("run.started", types.get(0));
    assertEquals("run.finished", types.get(types.size() - 1));
    assertEquals(4, trace.get(0).path("layers").asInt());
    // Per layer: started, then its calls and components, then finished, before the next layer starts.
    int previousEnd = 0;
    for (int layer = 1; layer <= 4; layer++) {
      int started = indexOf(trace, "layer.started", layer);
      int finished = indexOf(trace, "layer.finished", layer);
      assertTrue(started > previousEnd && finished > started, "layer " + layer + " in order: " + types);
      for (int i = 0; i < trace.size(); i++) {
        if (trace.get(i).path("layer").asInt() == layer && trace.get(i).path("type").asText().startsWith("c")) {
          assertTrue(i > started && i < finished, "layer " + layer + "'s " + trace.get(i) + " between its start and end");
        }
      }
      previousEnd = finished;
    }
    assertEquals(7, types.stream().filter("call.started"::equals).count());
    assertEquals(7, types.stream().filter("call.finished"::equals).count());
    assertEquals(6, types.stream().filter("component.finished"::equals).count());

    JsonNode layer1 = trace.get(indexOf(trace, "layer.started", 1));
    assertEquals(3, layer1.path("components").size());
    assertEquals("claude-gen", layer1.at("/components/1/model").asText());
    assertEquals("Anthropic_API", layer1.at("/components/1/provider").asText());
    assertEquals(2, layer1.at("/components/0/samples").asInt());

    JsonNode gpt = finished(trace, 1, 0);
    assertEquals("[\"alpha\",\"alpha\"]", gpt.path("candidates").toString());
    assertEquals(2, gpt.path("calls").asInt());
    assertEquals(20, gpt.path("prompt_tokens").asInt());
    assertEquals("ok", gpt.path("status").asText());
    assertEquals("[\"alpha\",\"alpha\",\"bravo\",\"charlie\"]",
        trace.get(indexOf(trace, "layer.finished", 1)).path("candidates").toString());

    JsonNode critic = finished(trace, 2, 0);
    assertEquals(4, critic.path("critiques").size());
    assertTrue(critic.at("/critiques/3").asText().contains("crit-4"), critic.toString());
    assertEquals("[0,1,2,3]", critic.path("kept").toString(), "a critic keeps every candidate");

    JsonNode ranker = finished(trace, 3, 0);
    assertEquals("[3,2]", ranker.path("kept").toString(), "the ranking, as indexes of the layer's input");
    JsonNode rankerCall = trace.stream().filter(t -> t.path("type").asText().equals("call.finished")
        && t.path("layer").asInt() == 3).findFirst().orElseThrow();
    assertEquals("Ranking: [4] > [3] > [1] > [2]", rankerCall.path("text").asText());
    assertEquals(50, rankerCall.path("prompt_tokens").asInt());
    assertEquals("gpt-ranker", trace.get(indexOf(trace, "call.started", 3)).path("model").asText());

    JsonNode fuser = finished(trace, 4, 0);
    assertEquals("[\"fused: charlie and bravo\"]", fuser.path("candidates").toString());

    JsonNode end = trace.get(trace.size() - 1);
    assertFalse(end.path("degraded").asBoolean());
    assertEquals(7, end.path("upstream_calls").asInt());
    assertEquals(10 + 10 + 20 + 30 + 40 + 50 + 60, end.at("/usage/prompt_tokens").asInt());
    assertEquals(4, end.at("/trace/layers").size(), "the whole trace, as x-archon-trace: 1 returns it");

    // The answer still arrives as the completion's own chunks, ending with [DONE].
    assertEquals("fused: charlie and bravo", answer(events));
    assertEquals("[DONE]", events.get(events.size() - 1));
    assertTrue(events.stream().filter(d -> !d.equals("[DONE]")).map(Json::parse)
        .allMatch(c -> c.path("object").asText().equals("chat.completion.chunk") && c.has("id") && c.has("choices")),
        "every trace event is a valid chunk with no choices");
  }

  @Test
  void aFailedGeneratorShowsInItsCallItsComponentAndTheDegradedEnd() {
    upstream.respond("gemini-gen", Reply.status(400).message("bad model"));
    upstream.respond("gpt-ranker", Reply.text("Ranking: [3] > [1] > [2]"));
    List<JsonNode> trace = trace(stream(LIVE));
    JsonNode failedCall = trace.stream().filter(t -> t.path("type").asText().equals("call.finished")
        && t.path("component").asInt() == 2 && t.path("layer").asInt() == 1).findFirst().orElseThrow();
    assertEquals("failed", failedCall.path("status").asText());
    assertTrue(failedCall.path("error").asText().contains("bad model"), failedCall.toString());
    JsonNode gemini = finished(trace, 1, 2);
    assertEquals("failed", gemini.path("status").asText());
    assertFalse(gemini.has("candidates"), "a failed generator adds nothing");
    JsonNode end = trace.get(trace.size() - 1);
    assertEquals("run.finished", end.path("type").asText());
    assertTrue(end.path("degraded").asBoolean());
    assertTrue(end.at("/trace/skipped/0/component").asText().contains("gemini-gen"), end.toString());
  }

  @Test
  void withoutTheHeaderOrWithoutStreamingTheReplyIsUnchanged() {
    List<String> plain = stream(Map.of());
    assertTrue(trace(plain).isEmpty(), "no trace events without the header");
    assertTrue(plain.stream().noneMatch(d -> d.contains("\"archon\"")), String.join("\n", plain));
    assertEquals("fused: charlie and bravo", answer(plain));
    HttpResponse<String> json = Http.post(url + "/v1/chat/completions", Http.chat("tri", "Name a colour.", null), LIVE);
    assertEquals(200, json.statusCode(), json.body());
    assertEquals(4, Json.parse(json.body()).at("/archon/layers").size(), "without stream: the JSON trace");
  }

  @Test
  void theOfficialSdkSkipsTheTraceEvents() {
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(url + "/v1").apiKey("k").maxRetries(0).build();
    try {
      ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("tri")
          .addUserMessage("Name a colour.").putAdditionalHeader("x-archon-trace", "stream").build();
      List<ChatCompletionChunk> chunks = SdkStreams.chunks(client, params);
      assertEquals("fused: charlie and bravo", SdkStreams.text(chunks));
      List<String> types = chunks.stream().filter(c -> c._additionalProperties().containsKey("archon"))
          .map(c -> c._additionalProperties().get("archon").toString()).toList();
      assertTrue(types.size() > 20 && types.get(0).contains("run.started"), "the SDK keeps the events: " + types);
    } finally {
      client.close();
    }
  }

  /** The {@code data:} payloads of a streamed request to {@code tri} with {@code headers}. */
  private List<String> stream(Map<String, String> headers) {
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions",
        Http.chat("tri", "Name a colour.", "\"stream\":true"), headers);
    assertEquals(200, resp.statusCode(), resp.body());
    return Http.sseData(resp.body());
  }

  /** The trace events among the chunks, in order. */
  private static List<JsonNode> trace(List<String> data) {
    return data.stream().filter(d -> !d.equals("[DONE]")).map(Json::parse).filter(c -> c.has("archon"))
        .map(c -> c.path("archon")).toList();
  }

  private static String answer(List<String> data) {
    StringBuilder sb = new StringBuilder();
    data.stream().filter(d -> !d.equals("[DONE]")).map(Json::parse)
        .forEach(c -> c.path("choices").forEach(ch -> sb.append(ch.at("/delta/content").asText(""))));
    return sb.toString();
  }

  private static int indexOf(List<JsonNode> trace, String type, int layer) {
    for (int i = 0; i < trace.size(); i++) {
      if (trace.get(i).path("type").asText().equals(type) && trace.get(i).path("layer").asInt() == layer) return i;
    }
    throw new AssertionError("no " + type + " for layer " + layer + " in " + trace);
  }

  private static JsonNode finished(List<JsonNode> trace, int layer, int index) {
    return trace.stream().filter(t -> t.path("type").asText().equals("component.finished")
        && t.path("layer").asInt() == layer && t.path("component").asInt() == index).findFirst()
        .orElseThrow(() -> new AssertionError("no component " + layer + "/" + index + " in " + trace));
  }
}
