package ai.archon.gateway.server;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A PairRM ranker backed by a rerank API ({@code POST /v1/rerank}) in the real gateway. */
class RerankEndToEndTest extends GatewayTestBase {

  @BeforeEach
  void start() throws Exception {
    String cfg = config("pairrm", layer(component("generator", "g-a", "OpenAI_API", null),
            component("generator", "g-b", "OpenAI_API", null), component("generator", "g-c", "OpenAI_API", null)),
        layer(component("ranker", "llm-blender/PairRM", "Together_API", "\"top_k\":2")),
        layer(component("fuser", "fz", "OpenAI_API", null)));
    String settings = "{\"providers\": {\"Rerank\": "
        + "{\"protocol\": \"rerank\", \"base_url\": \"" + upstream.baseUrl() + "\", \"api_key_env\": \"RERANK_KEY\"}},"
        + " \"model_aliases\": {\"llm-blender/PairRM\": {\"model_type\": \"Rerank\", \"model\": \"bge-reranker\"}}}";
    gateway.env().put("RERANK_KEY", "rk-test");
    url = gateway.start(Map.of("p.json", cfg), settings, 200).url();
    upstream.respond("g-a", Reply.text("alpha"));
    upstream.respond("g-b", Reply.text("bravo"));
    upstream.respond("g-c", Reply.text("charlie"));
    upstream.respond("fz", Reply.text("fused"));
  }

  @Test
  void rerankScoresOrderTheCandidates() {
    HttpResponse<String> resp = askRankedBy(
        "{\"id\":\"x\",\"results\":[{\"index\":2,\"relevance_score\":0.9},{\"index\":0,\"relevance_score\":0.4}]}");
    assertEquals(200, resp.statusCode(), resp.body());
    RecordedRequest rr = upstream.requests("bge-reranker").get(0);
    assertEquals("/v1/rerank", rr.path());
    assertEquals("Bearer rk-test", rr.header("authorization"));
    JsonNode body = rr.body();
    assertEquals("Name a colour.", body.path("query").asText());
    assertEquals("[\"alpha\",\"bravo\",\"charlie\"]", body.path("documents").toString());
    assertEquals(2, body.path("top_n").asInt());
    String fuser = upstream.requests("fz").get(0).promptText();
    assertTrue(fuser.contains("[1]\ncharlie") && fuser.contains("[2]\nalpha") && !fuser.contains("bravo"), fuser);
    JsonNode ranker = Json.parse(resp.body()).at("/archon/layers/1/components/0");
    assertEquals("bge-reranker", ranker.path("model").asText());
    assertEquals(1, ranker.path("calls").asInt());
  }

  @Test
  void rerankCallsGoThroughTheProvidersGuard() {
    upstream.respondInOrder("bge-reranker", Reply.status(503));
    upstream.respond("bge-reranker", Reply.raw(200, "application/json",
        "{\"id\":\"x\",\"results\":[{\"index\":1,\"relevance_score\":0.9},{\"index\":0,\"relevance_score\":0.4}]}"));
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("pairrm", "Name a colour.", null));
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals(2, upstream.calls("bge-reranker"), "the 503 was retried like any provider call");
    String fuser = upstream.requests("fz").get(0).promptText();
    assertTrue(fuser.contains("[1]\nbravo") && fuser.contains("[2]\nalpha"), fuser);
  }

  @Test
  void aDuplicateIndexIsNotARankingAndKeepsTheInputOrder() {
    HttpResponse<String> resp = askRankedBy(
        "{\"results\":[{\"index\":2,\"relevance_score\":0.9},{\"index\":2,\"relevance_score\":0.4}]}");
    assertEquals(200, resp.statusCode(), resp.body());
    String fuser = upstream.requests("fz").get(0).promptText();
    assertTrue(fuser.contains("[1]\nalpha") && fuser.contains("[2]\nbravo"), fuser);
    assertEquals("failed", Json.parse(resp.body()).at("/archon/layers/1/components/0/status").asText());
  }

  /** Asks "pairrm" (with its trace) while the reranker answers {@code rerankReply}. */
  private HttpResponse<String> askRankedBy(String rerankReply) {
    upstream.respond("bge-reranker", Reply.raw(200, "application/json", rerankReply));
    return Http.post(url + "/v1/chat/completions", Http.chat("pairrm", "Name a colour.", null),
        Map.of("x-archon-trace", "1"));
  }
}
