package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /v1/responses} on the wire: a field the gateway cannot honour is a 400 naming it (no upstream call), a key
 * reads and deletes only the responses it created, {@code store: false} keeps nothing, and a chain sends the
 * earlier turns (without the earlier instructions) to the upstream.
 */
class ResponsesApiTest {
  private static final Map<String, String> KEY_A = Map.of("authorization", "Bearer key-a");
  private static final Map<String, String> KEY_B = Map.of("authorization", "Bearer key-b");
  @RegisterExtension
  final GatewayExtension gateway = new GatewayExtension();
  private final MockUpstream upstream = gateway.upstream();

  private String start() {
    gateway.env().put("ARCHON_API_KEYS", "key-a,key-b");
    upstream.respond("gpt-x", Reply.text("Blue.").usage(7, 2));
    return gateway.start(GatewayExtension.oneGenerator()).url();
  }

  private static HttpResponse<String> create(String url, String body, Map<String, String> key) {
    return Http.post(url + "/v1/responses", body, key);
  }

  @Test
  void aFieldTheGatewayCannotHonourIsA400NamingItAndNothingIsCalled() {
    String url = start();
    assertUnsupported(url, "{\"model\":\"OpenAI_API/gpt-x\",\"input\":\"hi\",\"reasoning\":{\"effort\":\"low\"}}",
        "reasoning");
    assertUnsupported(url, "{\"model\":\"OpenAI_API/gpt-x\",\"input\":\"hi\",\"tools\":[{\"type\":\"web_search\"}]}",
        "tools[0].type");
    assertUnsupported(url, "{\"model\":\"OpenAI_API/gpt-x\",\"input\":[{\"type\":\"item_reference\",\"id\":\"x\"}]}",
        "input[0].type");
    assertUnsupported(url, "{\"model\":\"OpenAI_API/gpt-x\",\"input\":\"hi\",\"background\":true}", "background");
    assertEquals(0, upstream.calls());
    // What asks for nothing is taken: the defaults some SDKs send, and nulls.
    assertEquals(200, create(url, "{\"model\":\"OpenAI_API/gpt-x\",\"input\":\"hi\",\"truncation\":\"disabled\","
        + "\"include\":[],\"reasoning\":null}", KEY_A).statusCode());
  }

  private static void assertUnsupported(String url, String body, String param) {
    HttpResponse<String> r = create(url, body, KEY_A);
    assertEquals(400, r.statusCode(), r.body());
    JsonNode error = Json.parse(r.body()).get("error");
    assertEquals(param, error.get("param").asText(), r.body());
    assertEquals("invalid_request_error", error.get("type").asText());
    assertEquals("unsupported_parameter", error.get("code").asText());
  }

  @Test
  void aKeyReadsAndDeletesOnlyTheResponsesItCreated() {
    String url = start();
    HttpResponse<String> created = create(url, "{\"model\":\"OpenAI_API/gpt-x\",\"input\":\"A colour?\"}", KEY_A);
    assertEquals(200, created.statusCode(), created.body());
    String id = Json.parse(created.body()).get("id").asText();

    HttpResponse<String> other = Http.get(url + "/v1/responses/" + id, KEY_B);
    assertEquals(404, other.statusCode(), other.body());
    assertEquals("not_found", Json.parse(other.body()).path("error").path("code").asText());
    assertEquals(404, Http.delete(url + "/v1/responses/" + id, KEY_B).statusCode());
    HttpResponse<String> chained = create(url, "{\"model\":\"OpenAI_API/gpt-x\",\"input\":\"More?\","
        + "\"previous_response_id\":\"" + id + "\"}", KEY_B);
    assertEquals(400, chained.statusCode(), "B cannot continue A's chain either");
    assertEquals("previous_response_not_found", Json.parse(chained.body()).path("error").path("code").asText());

    HttpResponse<String> own = Http.get(url + "/v1/responses/" + id, KEY_A);
    assertEquals(200, own.statusCode());
    assertEquals(Json.parse(created.body()), Json.parse(own.body()));
    HttpResponse<String> deleted = Http.delete(url + "/v1/responses/" + id, KEY_A);
    assertEquals(Json.parse("{\"id\":\"" + id + "\",\"object\":\"response\",\"deleted\":true}"),
        Json.parse(deleted.body()));
    assertEquals(404, Http.get(url + "/v1/responses/" + id, KEY_A).statusCode());
  }

  @Test
  void anUpstreamCutMidStreamEndsTheStreamWithResponseFailedAfterTheTextSoFar() {
    String url = start();
    upstream.respond("gpt-x", Reply.text("one two three").chunks("one ", "two ", "three").failAfterChunks(2));
    HttpResponse<String> r = create(url, "{\"model\":\"OpenAI_API/gpt-x\",\"input\":\"count\",\"stream\":true}",
        KEY_A);
    assertEquals(200, r.statusCode());
    List<String> data = Http.sseData(r.body());
    JsonNode last = Json.parse(data.get(data.size() - 1));
    assertEquals("response.failed", last.get("type").asText(), r.body());
    assertEquals("failed", last.at("/response/status").asText());
    assertTrue(last.at("/response/error/message").asText().length() > 0, r.body());
    assertTrue(r.body().contains("event: response.failed\n"), "each event is named");
    assertTrue(!r.body().contains("[DONE]"), "the Responses API has no [DONE]");
    StringBuilder text = new StringBuilder();
    for (String d : data) {
      JsonNode e = Json.parse(d);
      if (e.get("type").asText().equals("response.output_text.delta")) text.append(e.get("delta").asText());
      assertEquals(data.indexOf(d), e.get("sequence_number").asInt());
    }
    assertEquals("one two ", text.toString());
  }

  @Test
  void storeFalseKeepsNothing() {
    String url = start();
    HttpResponse<String> created = create(url, "{\"model\":\"OpenAI_API/gpt-x\",\"input\":\"hi\",\"store\":false}",
        KEY_A);
    JsonNode r = Json.parse(created.body());
    assertEquals(false, r.get("store").asBoolean());
    assertEquals(404, Http.get(url + "/v1/responses/" + r.get("id").asText(), KEY_A).statusCode());
  }

  @Test
  void aChainSendsTheEarlierTurnsButNotTheEarlierInstructions() {
    String url = start();
    String first = Json.parse(create(url, "{\"model\":\"OpenAI_API/gpt-x\",\"instructions\":\"Be terse.\","
        + "\"input\":\"A colour?\",\"metadata\":{\"team\":\"a\"}}", KEY_A).body()).get("id").asText();
    HttpResponse<String> second = create(url, "{\"model\":\"OpenAI_API/gpt-x\",\"instructions\":\"Be kind.\","
        + "\"input\":\"Another?\",\"previous_response_id\":\"" + first + "\"}", KEY_A);
    assertEquals(200, second.statusCode(), second.body());
    assertEquals(Json.parse("[{\"role\":\"system\",\"content\":\"Be kind.\"},{\"role\":\"user\",\"content\":\"A colour?\"},"
        + "{\"role\":\"assistant\",\"content\":\"Blue.\"},{\"role\":\"user\",\"content\":\"Another?\"}]"),
        upstream.lastRequest().body().get("messages"));
    JsonNode r = Json.parse(second.body());
    assertEquals(first, r.get("previous_response_id").asText());
    assertEquals("Blue.", r.at("/output/0/content/0/text").asText());
    assertEquals(Json.parse("{\"input_tokens\":7,\"input_tokens_details\":{\"cached_tokens\":0,\"cache_write_tokens\":0},"
        + "\"output_tokens\":2,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":9}"), r.get("usage"));
    assertTrue(r.get("metadata").isEmpty(), "metadata is the request's own, not the chain's");
  }
}
