package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's agent loop against the shipped offline demo: one tool call, then a text answer from its result. */
class DemoToolsTest {
  @RegisterExtension final GatewayExtension gateway = new GatewayExtension();

  @Test
  void theOfflineDemoCallsTheToolThenAnswersFromItsResult() throws Exception {
    Path dir = Files.createTempDirectory("demo-tools");
    Files.copy(Path.of("gateway-configs/demo-ensemble.json"), dir.resolve("demo-ensemble.json"));
    String url = gateway.start(dir).url();
    String tools = "\"tools\":" + Json.parse("[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"],"
        + "\"additionalProperties\":false},\"strict\":true}}]");
    HttpResponse<String> first = Http.post(url + "/v1/chat/completions",
        Http.chat("demo-ensemble", "What's the weather in Paris?", tools));
    assertEquals(200, first.statusCode(), first.body());
    JsonNode call = Json.parse(first.body()).at("/choices/0/message/tool_calls/0");
    assertEquals("get_weather", call.at("/function/name").asText(), first.body());
    assertEquals("{\"city\":\"city example\"}", call.at("/function/arguments").asText());
    assertTrue(call.path("id").asText().startsWith("call_"));

    String second = "{\"model\":\"demo-ensemble\",\"messages\":[{\"role\":\"user\",\"content\":\"What's the weather in "
        + "Paris?\"},{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + call + "]},{\"role\":\"tool\","
        + "\"tool_call_id\":\"" + call.path("id").asText() + "\",\"content\":\"18C and sunny\"}]," + tools + "}";
    HttpResponse<String> done = Http.post(url + "/v1/chat/completions", second);
    assertEquals(200, done.statusCode(), done.body());
    JsonNode answer = Json.parse(done.body()).at("/choices/0");
    assertEquals("stop", answer.path("finish_reason").asText());
    assertFalse(answer.at("/message/content").asText().isBlank());
    assertFalse(answer.path("message").has("tool_calls"));
  }
}
