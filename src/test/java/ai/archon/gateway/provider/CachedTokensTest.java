package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.provider.bedrock.BedrockMapper;
import ai.archon.gateway.provider.gemini.GeminiMapper;
import ai.archon.gateway.provider.openai.OpenAiMapper;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/** Each protocol's count of prompt tokens served from the provider's prompt cache, as its replies report it. */
class CachedTokensTest {

  @Test
  void openAiPromptTokensDetails() {
    String body = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":2006,\"completion_tokens\":300,"
        + "\"total_tokens\":2306,\"prompt_tokens_details\":{\"cached_tokens\":1920,\"audio_tokens\":0}}}";
    assertEquals(new Usage(2006, 300, 1920), OpenAiMapper.response(Buffer.buffer(body)).usage());
    assertEquals(new Usage(2006, 300, 1920), OpenAiMapper.relayedUsage(Buffer.buffer(body)), "relayed as is");
  }

  @Test
  void geminiCachedContentTokenCount() {
    String body = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"hi\"}],\"role\":\"model\"},"
        + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":900,\"candidatesTokenCount\":12,"
        + "\"cachedContentTokenCount\":800,\"totalTokenCount\":912}}";
    assertEquals(new Usage(900, 12, 800), GeminiMapper.response(Buffer.buffer(body)).usage());
  }

  @Test
  void bedrockCacheReadInputTokens() throws Exception {
    String body = "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"hi\"}]}},"
        + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":500,\"outputTokens\":7,\"totalTokens\":507,"
        + "\"cacheReadInputTokens\":450,\"cacheWriteInputTokens\":20}}";
    // Converse counts cache reads and writes apart from inputTokens; the prompt is all of them.
    assertEquals(new Usage(970, 7, 450), BedrockMapper.response(JsonIo.MAPPER.readTree(body)).usage());
  }
}
