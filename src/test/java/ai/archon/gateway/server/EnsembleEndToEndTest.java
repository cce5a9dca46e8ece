package ai.archon.gateway.server;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real gateway against the scripted mock upstream: an ensemble across the OpenAI, Anthropic and Gemini wire
 * protocols (generators → critic → ranker → fuser), streamed and not.
 */
class EnsembleEndToEndTest extends GatewayTestBase {

  @BeforeEach
  void start() {
    String ensemble = config("tri",
        layer(component("generator", "gpt-gen", "OpenAI_API", "\"samples\":2,\"temperature\":0.5"),
            component("generator", "claude-3-5-sonnet-20240620", "Anthropic_API", "\"max_tokens\":200000"),
            component("generator", "gemini-gen", "Google_API", null)),
        layer(component("critic", "claude-critic", "Anthropic_API", null)),
        layer(component("ranker", "gpt-ranker", "OpenAI_API", "\"top_k\":2,\"use_critiques\":true")),
        layer(component("fuser", "gemini-fuser", "Google_API", "\"temperature\":0.2,\"max_tokens\":900")));
    String six = config("six", layer(
        component("generator", "slow-1", "OpenAI_API", null), component("generator", "slow-2", "OpenAI_API", null),
        component("generator", "slow-3", "OpenAI_API", null), component("generator", "slow-4", "OpenAI_API", null),
        component("generator", "slow-5", "OpenAI_API", null), component("generator", "slow-6", "OpenAI_API", null)));
    String fuse = config("fuse",
        layer(component("generator", "gpt-gen", "OpenAI_API", "\"samples\":2"),
            component("generator", "claude-3-5-sonnet-20240620", "Anthropic_API", null),
            component("generator", "gemini-gen", "Google_API", null)),
        layer(component("fuser", "gemini-fuser", "Google_API", null)));
    var server = gateway.start(Map.of("tri.json", ensemble, "six.json", six, "fuse.json", fuse));
    url = server.url();
    TriEnsemble.script(upstream, "claude-3-5-sonnet-20240620", TriEnsemble.CRITIQUES, "Ranking: [4] > [3] > [1] > [2]");
  }

  @Test
  void threeProtocolEnsembleAnswersWithRankedCandidatesAndSummedUsage() {
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("tri", "Name a colour.", null));
    assertEquals(200, resp.statusCode(), resp.body());
    JsonNode body = Json.parse(resp.body());
    assertEquals("fused: charlie and bravo", body.at("/choices/0/message/content").asText());
    assertEquals("tri", body.path("model").asText());
    assertEquals(10 + 10 + 20 + 30 + 40 + 50 + 60, body.at("/usage/prompt_tokens").asInt());
    assertEquals(1 + 1 + 2 + 3 + 4 + 5 + 6, body.at("/usage/completion_tokens").asInt());
    assertTrue(resp.headers().firstValue("x-request-id").isPresent());
    assertFalse(body.has("archon"), "trace only on request");

    assertEquals(2, upstream.calls("gpt-gen"));
    assertEquals(1, upstream.calls("claude-3-5-sonnet-20240620"));
    assertEquals(1, upstream.calls("gemini-gen"));
    assertEquals(1, upstream.calls("claude-critic"));
    assertEquals(1, upstream.calls("gpt-ranker"));
    assertEquals(1, upstream.calls("gemini-fuser"));
    assertEquals(7, upstream.calls());

    String critic = upstream.requests("claude-critic").get(0).promptText();
    for (String c : List.of("alpha", "bravo", "charlie")) assertTrue(critic.contains(c), "critic sees " + c);
    String ranker = upstream.requests("gpt-ranker").get(0).promptText();
    assertTrue(ranker.contains("crit-4"), "use_critiques shows critiques to the ranker");

    // The ranker put candidate 4 (charlie) first and 3 (bravo) second; top_k 2 drops both alphas.
    String fuser = upstream.requests("gemini-fuser").get(0).promptText();
    assertTrue(fuser.indexOf("charlie") >= 0 && fuser.indexOf("charlie") < fuser.indexOf("bravo"), fuser);
    assertFalse(fuser.contains("alpha"), "ranked-out candidates never reach the fuser");
    assertTrue(fuser.indexOf("crit-4") >= 0 && fuser.indexOf("crit-4") < fuser.indexOf("crit-3"),
        "critiques move with their candidates");
    assertFalse(fuser.contains("crit-1"));
  }

  @Test
  void theFusersRequestHoldsEveryCandidateInConfigOrder() {
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("fuse", "Name a colour.", null));
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals(5, upstream.calls());
    String fuser = upstream.requests("gemini-fuser").get(0).promptText();
    int a1 = fuser.indexOf("alpha");
    int a2 = fuser.indexOf("alpha", a1 + 1);
    int b = fuser.indexOf("bravo");
    int c = fuser.indexOf("charlie");
    assertTrue(a1 >= 0 && a2 > a1 && b > a2 && c > b, "all 4 candidates, in config order: " + fuser);
    assertFalse(fuser.contains("Weaknesses"), "no critic, no critiques");
    assertEquals(10 + 10 + 20 + 30 + 60, Json.parse(resp.body()).at("/usage/prompt_tokens").asInt());
  }

  @Test
  void wireDetailsPerProtocol() {
    Http.post(url + "/v1/chat/completions", Http.chat("tri", "Name a colour.", "\"temperature\":1.3,\"max_tokens\":77"));
    RecordedRequest openai = upstream.requests("gpt-gen").get(0);
    assertEquals("/v1/chat/completions", openai.path());
    assertEquals("Bearer sk-test-openai", openai.header("authorization"));
    assertEquals(1.3, openai.body().path("temperature").asDouble(), 1e-9, "request temperature overrides generators");
    RecordedRequest anthropic = upstream.requests("claude-3-5-sonnet-20240620").get(0);
    assertEquals("/v1/messages", anthropic.path());
    assertEquals("test-anthropic", anthropic.header("x-api-key"));
    assertNotNull(anthropic.header("anthropic-version"));
    assertEquals("Be brief.", anthropic.body().path("system").asText(), "system lifted into 'system'");
    assertTrue(anthropic.body().path("max_tokens").asInt() <= 8192, "200000 clamped to what the model accepts");
    RecordedRequest gemini = upstream.requests("gemini-fuser").get(0);
    assertTrue(gemini.path().startsWith("/v1beta/models/gemini-fuser:generateContent"), gemini.path());
    assertEquals("test-gemini", gemini.header("x-goog-api-key"));
    assertEquals(0.2, gemini.body().at("/generationConfig/temperature").asDouble(), 1e-9, "fusers keep their temperature");
    assertEquals(77, gemini.body().at("/generationConfig/maxOutputTokens").asInt(), "max_tokens caps the final component");
  }

  @Test
  void streamedAnswerEqualsTheNonStreamedOneAndRelaysTheFinalComponent() {
    String plain = Json.parse(Http.post(url + "/v1/chat/completions", Http.chat("tri", "Name a colour.", null)).body())
        .at("/choices/0/message/content").asText();
    upstream.clear();
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions",
        Http.chat("tri", "Name a colour.", "\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
    assertEquals(200, resp.statusCode());
    assertTrue(resp.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
    assertEquals(plain, Http.sseText(resp.body(), 0));
    List<String> data = Http.sseData(resp.body());
    assertEquals("[DONE]", data.get(data.size() - 1));
    JsonNode usage = Json.parse(data.get(data.size() - 2));
    assertEquals(220, usage.at("/usage/prompt_tokens").asInt());
    assertEquals("assistant", Json.parse(data.get(0)).at("/choices/0/delta/role").asText());
    assertTrue(upstream.requests("gemini-fuser").get(0).streamed(), "the final fuser's tokens are relayed");
    assertFalse(upstream.requests("gpt-gen").get(0).streamed());
  }

  @Test
  void criticWithUnparseableRepliesIsAskedTwiceThenSkipped() {
    upstream.respond("claude-critic", Reply.text("They all look fine to me."));
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("tri", "Name a colour.", null),
        Map.of("x-archon-trace", "1"));
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals(2, upstream.calls("claude-critic"));
    assertFalse(upstream.requests("gemini-fuser").get(0).promptText().contains("Weaknesses: crit"));
    JsonNode trace = Json.parse(resp.body()).path("archon");
    assertEquals(4, trace.path("layers").size());
    assertEquals("unparsed", trace.at("/layers/1/components/0/status").asText());
    assertEquals(8, trace.path("upstream_calls").asInt());
    assertEquals(4, trace.at("/layers/0/candidates_out").asInt());
    assertEquals(2, trace.at("/layers/2/candidates_out").asInt());
  }

  @Test
  void unparseableRankingKeepsTheInputOrder() {
    upstream.respond("gpt-ranker", Reply.text("I cannot decide, they are all good."));
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("tri", "Name a colour.", null));
    assertEquals(200, resp.statusCode());
    String fuser = upstream.requests("gemini-fuser").get(0).promptText();
    assertTrue(fuser.contains("alpha"), "input order kept: the two alphas are the top 2");
    assertFalse(fuser.contains("charlie"));
  }

  @Test
  void aFailedGeneratorAddsNothingAndTheLayerGoesOn() {
    upstream.respond("claude-3-5-sonnet-20240620", Reply.status(400));
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("tri", "Name a colour.", null),
        Map.of("x-archon-trace", "1"));
    assertEquals(200, resp.statusCode(), resp.body());
    JsonNode trace = Json.parse(resp.body()).path("archon");
    assertEquals(3, trace.at("/layers/0/candidates_out").asInt());
    assertEquals("failed", trace.at("/layers/0/components/1/status").asText());
  }

  @Test
  void everyGeneratorFailingFailsTheRequestWith502NamingThem() {
    upstream.respondDefault(Reply.status(500));
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("six", "hi", null));
    assertEquals(502, resp.statusCode());
    JsonNode err = Json.parse(resp.body()).path("error");
    assertEquals("server_error", err.path("type").asText());
    assertTrue(err.path("message").asText().contains("slow-1"), err.toString());
    assertFalse(resp.body().contains("sk-test"), "never a key in an error");
  }

  @Test
  void sixGeneratorsOfOneLayerRunConcurrently() {
    upstream.respondDefault(Reply.text("slow answer").delayMs(300));
    Http.post(url + "/v1/chat/completions", Http.chat("six", "warm up", null));
    // Best of three: scheduling noise on a busy machine only ever adds time, so the fastest run shows what the
    // gateway does; run one after another, 6 calls of 300 ms would take 1800 ms.
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3 && best >= 600; i++) {
      upstream.clear();
      long start = System.nanoTime();
      HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("six", "hi " + i, null));
      best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
      assertEquals(200, resp.statusCode());
      assertEquals(6, upstream.calls());
    }
    assertTrue(best < 600, "6 calls of 300 ms took " + best + " ms at best: they must overlap, not queue");
  }

}
