package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.provider.bedrock.BedrockMapper;
import ai.archon.gateway.provider.gemini.GeminiMapper;
import ai.archon.gateway.provider.openai.OpenAiMapper;
import ai.archon.gateway.provider.openai.RelayedUsage;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/**
 * Each protocol's count of prompt tokens served from the provider's prompt cache, as its replies report it. The
 * replies are the fixtures {@code provider/<protocol>/cached-tokens.json}.
 */
class CachedTokensTest {

  @Test
  void openAiPromptTokensDetails() {
    // prompt_tokens 2006 with usage.prompt_tokens_details.cached_tokens 1920
    Buffer body = Buffer.buffer(Fixtures.bytes("openai/cached-tokens.json"));
    assertEquals(new Usage(2006, 300, 1920), OpenAiMapper.response(body).usage());
    assertEquals(new Usage(2006, 300, 1920), RelayedUsage.of(body), "relayed as is");
  }

  @Test
  void geminiCachedContentTokenCount() {
    // promptTokenCount 900 with usageMetadata.cachedContentTokenCount 800
    assertEquals(new Usage(900, 12, 800),
        GeminiMapper.response(Buffer.buffer(Fixtures.bytes("gemini/cached-tokens.json"))).usage());
  }

  @Test
  void bedrockCacheReadInputTokens() throws Exception {
    // Converse counts cache reads (450) and writes (20) apart from inputTokens (500); the prompt is all of them.
    assertEquals(new Usage(970, 7, 450),
        BedrockMapper.response(JsonIo.MAPPER.readTree(Fixtures.bytes("bedrock/cached-tokens.json"))).usage());
  }
}
