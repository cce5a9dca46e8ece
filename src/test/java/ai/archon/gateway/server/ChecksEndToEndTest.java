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
import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verifier and unit-test components in the real gateway against the scripted mock upstream. */
class ChecksEndToEndTest extends GatewayTestBase {
  private static final String TESTS = "Here you go:\n1. Names a colour.\n2. Is one word.\n3. Is lower case.";
  private static final String WITH_TESTS = "A good response passes these unit tests:\n1. Names a colour.";


  @BeforeEach
  void start() {
    String gens = layer(component("generator", "g-a", "OpenAI_API", null),
        component("generator", "g-b", "OpenAI_API", null), component("generator", "g-c", "OpenAI_API", null));
    String verified = config("verified", gens, layer(component("verifier", "ver", "OpenAI_API", null)),
        layer(component("fuser", "fz", "OpenAI_API", null)));
    String verifiedFirst = config("verified-first", gens,
        layer(component("verifier", "ver", "OpenAI_API", "\"first_k\":1")), layer(component("fuser", "fz", "OpenAI_API", null)));
    String tested = config("tested", layer(component("unit_test_generator", "utg", "OpenAI_API", "\"unit_test_cap\":3")),
        gens, layer(component("unit_test_evaluator", "ute", "OpenAI_API", "\"top_k\":2")),
        layer(component("fuser", "fz", "OpenAI_API", null)));
    String hidden = config("hidden", layer(component("unit_test_generator", "utg", "OpenAI_API", null)),
        gens, layer(component("unit_test_evaluator", "ute", "OpenAI_API",
            "\"top_k\":2,\"first_k\":1,\"remove_unit_tests_from_prompt\":true")),
        layer(component("fuser", "fz", "OpenAI_API", null)));
    var server = gateway.start(
        Map.of("v.json", verified, "vf.json", verifiedFirst, "t.json", tested, "h.json", hidden));
    url = server.url();
    upstream.respond("g-a", Reply.text("alpha"));
    upstream.respond("g-b", Reply.text("bravo"));
    upstream.respond("g-c", Reply.text("charlie"));
    upstream.respond("fz", Reply.text("fused"));
    upstream.respond("utg", Reply.text(TESTS));
  }

  /** The verifier: reasoning names the candidate; the verdict says bravo is wrong. */
  private static Reply verifier(RecordedRequest r) {
    String candidate = candidate(r.promptText());
    if (!r.lastUserText().startsWith("Based on your reasoning")) return Reply.text("reasoning about " + candidate);
    return Reply.text("bravo".equals(candidate) ? "It is not a colour.\n[Incorrect]" : "Fine.\n**[correct]**");
  }

  private static String candidate(String prompt) {
    for (String c : new String[] {"alpha", "bravo", "charlie"}) {
      if (prompt.contains("<candidate>\n" + c + "\n</candidate>")) return c;
    }
    return "?";
  }

  @Test
  void verifierKeepsTheCorrectCandidatesWithTheirReasoning() {
    upstream.respond("ver", ChecksEndToEndTest::verifier);
    JsonNode body = askTraced("verified");
    assertEquals("fused", body.at("/choices/0/message/content").asText());
    assertEquals(6, upstream.calls("ver"), "two calls per candidate");
    String fuser = upstream.requests("fz").get(0).promptText();
    assertTrue(fuser.contains("[1]\nalpha") && fuser.contains("[2]\ncharlie"), fuser);
    assertFalse(fuser.contains("bravo"), fuser);
    assertTrue(fuser.contains("[1]\nreasoning about alpha") && fuser.contains("[2]\nreasoning about charlie"), fuser);
    JsonNode trace = body.path("archon");
    assertEquals(2, trace.at("/layers/1/candidates_out").asInt());
  }

  @Test
  void verifierKeepsAllJudgedWhenNoneIsCorrectAndSaysSo() {
    upstream.respond("ver", r -> r.lastUserText().startsWith("Based on")
        ? Reply.text("[Incorrect]") : Reply.text("thinking"));
    upstream.respond("g-c", Reply.status(400));
    JsonNode body = askTraced("verified");
    String fuser = upstream.requests("fz").get(0).promptText();
    assertTrue(fuser.contains("alpha") && fuser.contains("bravo"), fuser);
    JsonNode ver = body.at("/archon/layers/1/components/0");
    assertEquals("none_correct", ver.path("status").asText());
    assertTrue(ver.path("note").asText().contains("kept all 2 judged"), ver.toString());
  }

  @Test
  void verifierWithAnUnreadableVerdictAsksOnceMoreThenLeavesTheCandidateUnjudged() {
    upstream.respond("ver", r -> {
      String c = candidate(r.promptText());
      if (!r.lastUserText().startsWith("Based on")) return Reply.text("ok");
      return Reply.text("alpha".equals(c) ? "[Correct] or [Incorrect], hard to say" : "[Correct]");
    });
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("verified", "Name a colour.", null));
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals(3 + 3 + 1, upstream.calls("ver"), "three reasonings, three verdicts, one more for alpha");
    String fuser = upstream.requests("fz").get(0).promptText();
    assertFalse(fuser.contains("alpha"), fuser);
    assertTrue(fuser.contains("[1]\nbravo") && fuser.contains("[2]\ncharlie"), fuser);
  }

  @Test
  void verifierFirstKStopsAtTheFirstCorrectCandidate() {
    upstream.respond("ver", r -> r.lastUserText().startsWith("Based on") ? Reply.text("[Correct]")
        : "alpha".equals(candidate(r.promptText())) ? Reply.text("ok") : Reply.hang());
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions",
        Http.chat("verified-first", "Name a colour.", null));
    assertEquals(200, resp.statusCode(), resp.body());
    String fuser = upstream.requests("fz").get(0).promptText();
    assertTrue(fuser.contains("[1]\nalpha") && !fuser.contains("bravo"), fuser);
  }

  /** The evaluator: alpha's evaluation fails, bravo passes one test, charlie all three. */
  private static Reply evaluator(RecordedRequest r) {
    switch (candidate(r.promptText())) {
      case "alpha": return Reply.status(400);
      case "bravo": return Reply.text("[1] passed\n[2] failed\n[3] does not pass: FAILED");
      default: return Reply.text("[1] Passed\n[2] passed\n[3] passed");
    }
  }

  @Test
  void unitTestsReachLaterPromptsAndScoresStayWithTheirCandidates() {
    upstream.respond("ute", ChecksEndToEndTest::evaluator);
    JsonNode body = askTraced("tested");

    assertEquals(1, upstream.calls("utg"));
    assertTrue(upstream.requests("utg").get(0).promptText().contains("Write exactly 3 unit tests"));
    for (String g : new String[] {"g-a", "g-b", "g-c"}) {
      String user = upstream.requests(g).get(0).lastUserText();
      assertTrue(user.startsWith("Name a colour.\n\n" + WITH_TESTS), user);
    }
    String eval = upstream.requests("ute").get(0).promptText();
    assertTrue(eval.contains("<unit_tests>\n1. Names a colour.\n2. Is one word.\n3. Is lower case.\n</unit_tests>"));
    assertFalse(eval.contains(WITH_TESTS), "the evaluator judges against the client's query");

    String fuser = upstream.requests("fz").get(0).promptText();
    assertTrue(fuser.contains(WITH_TESTS), "fusers see the tests too");
    // bravo's "[3] does not pass: FAILED" is rejected as a whole, so bravo is unevaluated like alpha; charlie first.
    assertTrue(fuser.contains("[1]\ncharlie") && fuser.contains("[2]\nalpha") && !fuser.contains("bravo"), fuser);
    JsonNode ute = body.at("/archon/layers/2/components/0");
    assertEquals("partial", ute.path("status").asText());
    assertTrue(ute.path("note").asText().contains("[3] 3/3 [1] n/a [2] n/a"), ute.toString());
  }

  @Test
  void scoresSortWithTiesInGenerationOrder() {
    upstream.respond("ute", r -> "bravo".equals(candidate(r.promptText()))
        ? Reply.text("[1] passed\n[2] passed\n[3] failed") : Reply.text("[1] passed\n[2] failed\n[3] passed"));
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("tested", "Name a colour.", null));
    assertEquals(200, resp.statusCode(), resp.body());
    String fuser = upstream.requests("fz").get(0).promptText();
    assertTrue(fuser.contains("[1]\nalpha") && fuser.contains("[2]\nbravo") && !fuser.contains("charlie"), fuser);
  }

  @Test
  void firstKReturnsEarlyAndRemovedTestsStayOutOfLaterPrompts() {
    upstream.respond("ute", r -> "alpha".equals(candidate(r.promptText()))
        ? Reply.text("[1] passed\n[2] passed\n[3] passed") : Reply.hang());
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("hidden", "Name a colour.", null));
    assertEquals(200, resp.statusCode(), resp.body());
    assertTrue(upstream.requests("g-a").get(0).lastUserText().contains(WITH_TESTS));
    String fuser = upstream.requests("fz").get(0).promptText();
    assertFalse(fuser.contains("A good response passes these unit tests"), fuser);
    assertTrue(fuser.contains("[1]\nalpha") && !fuser.contains("bravo"), fuser);
  }

  @Test
  void aFailedUnitTestGeneratorLetsTheRunGoOnWithoutTests() {
    upstream.respond("utg", Reply.status(400));
    upstream.respond("ute", r -> Reply.text("[1] passed"));
    JsonNode body = askTraced("tested");
    assertEquals("Name a colour.", upstream.requests("g-a").get(0).lastUserText());
    assertEquals(0, upstream.calls("ute"));
    assertEquals("skipped", body.at("/archon/layers/2/components/0/status").asText());
  }

  /** Asks {@code model} the colour question with the trace on; the reply must be a 200: its body. */
  private JsonNode askTraced(String model) {
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat(model, "Name a colour.", null),
        Map.of("x-archon-trace", "1"));
    assertEquals(200, resp.statusCode(), resp.body());
    return Json.parse(resp.body());
  }
}
