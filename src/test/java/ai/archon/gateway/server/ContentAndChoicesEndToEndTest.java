package ai.archon.gateway.server;

import static ai.archon.gateway.support.Json.component;
import static ai.archon.gateway.support.Json.config;
import static ai.archon.gateway.support.Json.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Image and audio parts, the ensemble's field audit and {@code n}: pass-through forwards media parts untouched, an
 * ensemble maps images into each OpenAI component call (judges included) and refuses what it cannot honour by name.
 */
class ContentAndChoicesEndToEndTest extends GatewayTestBase {
  private static final String IMAGE = "data:image/png;base64,iVBORw0KGgo=";
  private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
      + "\"What is in this picture?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + IMAGE + "\",\"detail\":"
      + "\"low\"}}]}]";


  @BeforeEach
  void start() {
    String vision = config("vision",
        layer(component("generator", "see-1", "OpenAI_API", null), component("generator", "see-2", "OpenAI_API", null)),
        layer(component("fuser", "see-fuse", "OpenAI_API", null)));
    url = gateway.start(Map.of("vision.json", vision, "one.json",
        config("one", layer(component("generator", "gpt-x", "OpenAI_API", null))))).url();
    upstream.respondDefault(Reply.text("a small red square"));
  }

  @Test
  void passThroughForwardsImageAndAudioPartsUntouched() {
    String messages = "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Describe both.\"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + IMAGE + "\",\"detail\":\"high\"}},"
        + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"UklGRg==\",\"format\":\"wav\"}},"
        + "{\"type\":\"file\",\"file\":{\"file_id\":\"file-123\"}}]}]";
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions",
        "{\"model\":\"OpenAI_API/gpt-4o\",\"messages\":" + messages + ",\"modalities\":[\"text\"]}");
    assertEquals(200, resp.statusCode(), resp.body());
    String raw = upstream.lastRequest().rawBody();
    assertTrue(raw.contains("\"messages\":" + messages), "the messages reach the upstream byte for byte: " + raw);
    assertEquals("gpt-4o", upstream.lastRequest().body().path("model").asText());
  }

  @Test
  void aTranslatedPassThroughRefusesAPartItCannotCarry() {
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", "{\"model\":\"Anthropic_API/claude-x\","
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Read it.\"},"
        + "{\"type\":\"file\",\"file\":{\"file_id\":\"file-1\"}}]}]}");
    assertEquals(400, resp.statusCode(), resp.body());
    assertEquals("messages[0].content[1].type", Json.parse(resp.body()).at("/error/param").asText());
    assertEquals(0, upstream.calls(), "not dropped and sent: refused");
  }

  @Test
  void anEnsembleSendsImagePartsToEveryComponentInOpenAiShape() {
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", "{\"model\":\"vision\"," + MESSAGES + "}");
    assertEquals(200, resp.statusCode(), resp.body());
    JsonNode content = upstream.requests("see-1").get(0).body().at("/messages/0/content");
    assertEquals("text", content.at("/0/type").asText());
    assertEquals("What is in this picture?", content.at("/0/text").asText());
    assertEquals("image_url", content.at("/1/type").asText());
    assertEquals(IMAGE, content.at("/1/image_url/url").asText());
    assertEquals("low", content.at("/1/image_url/detail").asText());
    // The fuser's prompt is a transcript; the image follows it so the fuser sees what the user showed.
    JsonNode fuser = upstream.requests("see-fuse").get(0).body().at("/messages/1/content");
    assertEquals("text", fuser.at("/0/type").asText());
    assertEquals(IMAGE, fuser.at("/1/image_url/url").asText());
  }

  @Test
  void anEnsembleRefusesAudioPartsAndFieldsItCannotHonourByName() {
    String audio = "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"},"
        + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"UklGRg==\",\"format\":\"wav\"}}]}]";
    assertRefused("{\"model\":\"vision\"," + audio + "}", "messages[0].content[1].type");
    assertRefused(Http.chat("vision", "hi", "\"logprobs\":true"), "logprobs");
    assertRefused(Http.chat("vision", "hi", "\"audio\":{\"voice\":\"alloy\",\"format\":\"wav\"}"), "audio");
    assertRefused(Http.chat("vision", "hi", "\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"x\"}}]"),
        "tools[0].type");
    assertEquals(0, upstream.calls(), "refused before any upstream call");
    // Defaults and bookkeeping fields are accepted.
    HttpResponse<String> ok = Http.post(url + "/v1/chat/completions", Http.chat("vision", "hi",
        "\"logprobs\":false,\"frequency_penalty\":0,\"metadata\":{\"k\":\"v\"},\"store\":false,\"service_tier\":\"auto\""));
    assertEquals(200, ok.statusCode(), ok.body());
  }

  private void assertRefused(String body, String param) {
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", body);
    assertEquals(400, resp.statusCode(), resp.body());
    JsonNode err = Json.parse(resp.body()).path("error");
    assertEquals(param, err.path("param").asText(), resp.body());
    assertTrue(err.path("message").asText().contains("vision"), "names the ensemble: " + resp.body());
  }

  @Test
  void nOnAnEnsembleGivesNChoicesWholeAndStreamed() {
    HttpResponse<String> whole = Http.post(url + "/v1/chat/completions", Http.chat("vision", "hi", "\"n\":3"));
    assertEquals(200, whole.statusCode(), whole.body());
    assertEquals(3, Json.parse(whole.body()).path("choices").size());
    assertEquals(3, upstream.calls("see-fuse"), "the final fuser draws n samples");

    HttpResponse<String> streamed = Http.post(url + "/v1/chat/completions",
        Http.chat("vision", "hi", "\"n\":3,\"stream\":true"));
    assertEquals(200, streamed.statusCode());
    for (int i = 0; i < 3; i++) assertEquals("a small red square", Http.sseText(streamed.body(), i));
  }
}
