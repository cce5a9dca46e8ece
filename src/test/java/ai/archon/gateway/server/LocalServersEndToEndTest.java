package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.Reply;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** vLLM and tgi components reach their own endpoints: a component {@code base_url}, or a URL in {@code model}. */
class LocalServersEndToEndTest {
  @RegisterExtension final GatewayExtension gateway = new GatewayExtension();

  @Test
  void perComponentEndpointsAreCalled() {
    MockUpstream shared = gateway.upstream();
    MockUpstream own = gateway.newUpstream();
    MockUpstream tgi = gateway.newUpstream();
    own.respond("llama-own", Reply.text("from own vLLM"));
    shared.respond("llama-shared", Reply.text("from shared vLLM"));
    tgi.respondDefault(Reply.text("from tgi"));
    shared.respondDefault(Reply.text("fused"));
    String cfg = "{\"name\": \"local\", \"layers\": [["
        + "{\"type\": \"generator\", \"model\": \"llama-own\", \"model_type\": \"vLLM\", \"base_url\": \""
        + own.openAiBaseUrl() + "\"},"
        + "{\"type\": \"generator\", \"model\": \"llama-shared\", \"model_type\": \"vLLM\"},"
        + "{\"type\": \"generator\", \"model\": \"" + tgi.openAiBaseUrl() + "\", \"model_type\": \"tgi\"}],"
        + "[{\"type\": \"fuser\", \"model\": \"fz\", \"model_type\": \"OpenAI_API\"}]]}";
    String url = gateway.start(Map.of("l.json", cfg)).url();
    HttpResponse<String> resp = Http.post(url + "/v1/chat/completions", Http.chat("local", "Hi", null));
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals("fused", Json.parse(resp.body()).at("/choices/0/message/content").asText());
    assertEquals(1, own.calls("llama-own"));
    assertEquals(0, shared.calls("llama-own"));
    assertEquals(1, shared.calls("llama-shared"));
    assertEquals(1, tgi.calls());
    String fuser = shared.requests("fz").get(0).promptText();
    for (String s : new String[] {"from own vLLM", "from shared vLLM", "from tgi"}) {
      assertEquals(true, fuser.contains(s), fuser);
    }
  }
}
