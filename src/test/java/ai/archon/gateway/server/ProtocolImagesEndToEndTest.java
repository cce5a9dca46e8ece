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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An ensemble with an image part reaches each translated protocol in its own shape (the OpenAI one is in
 * {@link ContentAndChoicesEndToEndTest}): Anthropic's {@code image} block with a base64 {@code source}, Gemini's
 * {@code inlineData}, Bedrock Converse's {@code image} with its bytes. The generators get the user's turn, the fuser
 * gets its transcript followed by the image; the answer comes back whole and streamed.
 */
class ProtocolImagesEndToEndTest extends GatewayTestBase {
  private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
      + "\"What is in this picture?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":"
      + "\"data:image/png;base64,iVBORw0KGgo=\",\"detail\":\"low\"}}]}]";

  /** One protocol: its model_type, where its turns and their blocks live, and the image block it must carry. */
  record Shape(String modelType, String turns, String blocks, String userTurn, String image) {
    @Override
    public String toString() { return modelType; }
  }

  static Stream<Shape> shapes() {
    return Stream.of(
        new Shape("Anthropic_API", "messages", "content",
            "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is in this picture?\"},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
                + "\"data\":\"iVBORw0KGgo=\"}}]}",
            "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}"),
        new Shape("Google_API", "contents", "parts",
            "{\"role\":\"user\",\"parts\":[{\"text\":\"What is in this picture?\"},"
                + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}]}",
            "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}"),
        new Shape("Bedrock_API", "messages", "content",
            "{\"role\":\"user\",\"content\":[{\"text\":\"What is in this picture?\"},"
                + "{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"iVBORw0KGgo=\"}}}]}",
            "{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"iVBORw0KGgo=\"}}}"));
  }


  @BeforeEach
  void pointBedrockAtTheMock() {
    gateway.env().putAll(ToolsEndToEndTest.bedrockEnv(upstream));
    upstream.respondDefault(Reply.text("a small red square"));
  }

  private String start(Shape s) {
    String vision = config("vision",
        layer(component("generator", "see-1", s.modelType(), null), component("generator", "see-2", s.modelType(), null)),
        layer(component("fuser", "see-fuse", s.modelType(), null)));
    return gateway.start(Map.of("vision.json", vision)).url();
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void anEnsembleWithAnImagePartReachesEachProtocolInItsOwnShape(Shape s) {
    String url = start(s);
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", "{\"model\":\"vision\"," + MESSAGES + "}");
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals("a small red square", Json.parse(resp.body()).at("/choices/0/message/content").asText());
    for (String gen : new String[] {"see-1", "see-2"}) {
      JsonNode turns = upstream.requests(gen).get(0).body().path(s.turns());
      assertEquals(1, turns.size(), gen + ": " + turns);
      assertEquals(Json.parse(s.userTurn()), turns.get(0), gen + " gets the user's turn with its image");
    }
    // The fuser's prompt is a transcript; the image follows it so the fuser sees what the user showed.
    JsonNode fuserTurns = upstream.requests("see-fuse").get(0).body().path(s.turns());
    JsonNode blocks = fuserTurns.get(fuserTurns.size() - 1).path(s.blocks());
    assertTrue(blocks.get(0).path("text").asText().contains("What is in this picture?"), blocks.toString());
    assertEquals(Json.parse(s.image()), blocks.get(blocks.size() - 1), "the fuser gets the image");
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void aStreamedEnsembleWithAnImageStreamsTheFusersAnswer(Shape s) {
    String url = start(s);
    upstream.respond("see-fuse", Reply.text("a small red square").chunks("a small ", "red ", "square"));
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions",
        "{\"model\":\"vision\"," + MESSAGES + ",\"stream\":true}");
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals("a small red square", Http.sseText(resp.body(), 0));
    RecordedRequest fuser = upstream.requests("see-fuse").get(0);
    assertTrue(fuser.streamed(), "the fuser's answer is streamed from the upstream: " + fuser.uri());
    JsonNode turns = fuser.body().path(s.turns());
    JsonNode blocks = turns.get(turns.size() - 1).path(s.blocks());
    assertEquals(Json.parse(s.image()), blocks.get(blocks.size() - 1));
    assertEquals(Json.parse(s.userTurn()), upstream.requests("see-1").get(0).body().path(s.turns()).get(0));
  }
}
