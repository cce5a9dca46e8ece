package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.support.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranslatedEmbeddingsTest {

  @Test
  void base64IsLittleEndianFloat32AsOpenAiSendsIt() {
    // struct.pack('<3f', 1.0, -2.0, 0.5) in base64, as OpenAI's Python SDK decodes it with numpy.frombuffer(float32).
    assertEquals("AACAPwAAAMAAAAA/", TranslatedEmbeddings.base64(new float[] {1.0f, -2.0f, 0.5f}));
  }

  @Test
  void theReplyHasOpenAisListShape() {
    Embeddings.Reply reply = TranslatedEmbeddings.reply(List.of(new float[] {0.25f}, new float[] {-1f}), "m", 7, false);
    assertEquals(Json.parse("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.25]},"
        + "{\"object\":\"embedding\",\"index\":1,\"embedding\":[-1.0]}],\"model\":\"m\",\"usage\":{\"prompt_tokens\":7,"
        + "\"total_tokens\":7}}"), Json.parse(reply.body().toString()));
    assertEquals(7, reply.usage().promptTokens());
  }
}
