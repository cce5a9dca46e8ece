package ai.archon.gateway.provider.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped offline demos answer word for word as they did when the Mock still read the prompts' wording: the texts
 * and usage below were recorded from that build. A change to the prompts, the Mock or the pipeline that alters what a
 * demo user sees fails here.
 */
class DemoAnswersTest {

  @Test
  void demoEnsembleAndDemoVerifiedAnswerAsRecorded() throws Exception {
    Path demos = TestGateway.configs(Map.of("demo-ensemble.json", shipped("demo-ensemble"),
        "demo-verified.json", shipped("demo-verified")));
    Vertx vertx = Vertx.vertx();
    try {
      String url = TestGateway.start(vertx, demos, Map.of()).url();
      assertAnswer(url, "demo-ensemble", "How do I make tea?",
          "Combining 3 candidate answers and their critiques: In short, \"How do I make tea?\" is best handled (says "
              + "mock-sage) by stating the goal plainly, listing the constraints, and choosing the simplest approach "
              + "that meets them.", 1144, 289);
      assertAnswer(url, "demo-ensemble", "Explain recursion to a child in two sentences.",
          "Combining 3 candidate answers and their critiques: In short, \"Explain recursion to a child in two "
              + "sentences.\" is best handled (says mock-scout) by stating the goal plainly, listing the constraints, "
              + "and choosing the simplest approach that meets them. Also: Regarding \"Explain recursion to a child "
              + "in two sentences.\", mock-poet suggests focusing on the essentials first: define the terms, weigh the "
              + "main options, and pick the one with the fewest trade-offs.", 1189, 328);
      assertAnswer(url, "demo-verified", "How do I make tea?",
          "Combining 2 candidate answers and their critiques: Regarding \"How do I make tea?", 3266, 421);
      assertAnswer(url, "demo-verified", "Explain recursion to a child in two sentences.",
          "Combining 2 candidate answers and their critiques: mock-sage's take on \"Explain recursion to a child in "
              + "two sentences.", 3025, 397);
    } finally {
      vertx.close().await();
    }
  }

  private static String shipped(String demo) throws Exception {
    return Files.readString(Path.of("gateway-configs", demo + ".json"));
  }

  private static void assertAnswer(String url, String model, String question, String answer, int promptTokens,
      int completionTokens) throws Exception {
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat(model, question, null));
    assertEquals(200, resp.statusCode(), resp.body());
    JsonNode body = Json.parse(resp.body());
    assertEquals(answer, body.at("/choices/0/message/content").asText(), model);
    assertEquals(promptTokens, body.at("/usage/prompt_tokens").asInt(), model + " prompt tokens");
    assertEquals(completionTokens, body.at("/usage/completion_tokens").asInt(), model + " completion tokens");
  }
}
