package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.ProviderSpec;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OutputLimitsTest {
  static final ProviderSpec ANTHROPIC = new ProviderSpec("Anthropic_API", "anthropic", "http://x", List.of("K"), true, null);
  static final ProviderSpec OPENAI = new ProviderSpec("OpenAI_API", "openai", "http://x", List.of("K"), true, null);
  static final ProviderSpec GEMINI = new ProviderSpec("Google_API", "gemini", "http://x", List.of("K"), true, null);

  @Test
  void builtInTableUsesTheLongestPrefixAtABoundary() {
    assertEquals(8192, OutputLimits.builtIn("claude-3-5-sonnet-20241022"));
    assertEquals(8192, OutputLimits.builtIn("claude-3-5-sonnet-latest"));
    assertEquals(8192, OutputLimits.builtIn("claude-3-5-haiku-20241022"));
    assertEquals(4096, OutputLimits.builtIn("claude-3-opus-20240229"));
    assertEquals(4096, OutputLimits.builtIn("claude-3-haiku-20240307"));
    assertEquals(64000, OutputLimits.builtIn("claude-3-7-sonnet-20250219"));
    assertEquals(64000, OutputLimits.builtIn("claude-sonnet-4-20250514"));
    assertEquals(64000, OutputLimits.builtIn("claude-sonnet-4-5"));
    assertEquals(32000, OutputLimits.builtIn("claude-opus-4-20250514"));
    assertEquals(32000, OutputLimits.builtIn("claude-opus-4-1-20250805"));
    assertEquals(16384, OutputLimits.builtIn("gpt-4o"));
    assertEquals(16384, OutputLimits.builtIn("gpt-4o-2024-08-06"));
    assertEquals(4096, OutputLimits.builtIn("gpt-4o-2024-05-13"));
    assertEquals(16384, OutputLimits.builtIn("gpt-4o-mini"));
    assertEquals(4096, OutputLimits.builtIn("gpt-4-turbo-2024-04-09"));
    assertEquals(4096, OutputLimits.builtIn("gpt-4-0314"));
    assertEquals(4096, OutputLimits.builtIn("gpt-4"));
    assertEquals(32768, OutputLimits.builtIn("gpt-4.1-mini"));
    assertEquals(65536, OutputLimits.builtIn("o1-mini"));
    assertEquals(100000, OutputLimits.builtIn("o3-mini-2025-01-31"));
    assertEquals(8192, OutputLimits.builtIn("gemini-1.5-pro-002"));
    assertEquals(8192, OutputLimits.builtIn("models/gemini-2.0-flash"));
    assertEquals(65536, OutputLimits.builtIn("gemini-2.5-pro"));
    assertEquals(8192, OutputLimits.builtIn("anthropic/Claude-3-5-Sonnet-20240620"), "vendor path and case are ignored");
  }

  @Test
  void unknownModelsAndNonBoundaryPrefixesAreNotClamped() {
    assertNull(OutputLimits.builtIn("Qwen/Qwen2-72B-Instruct"));
    assertNull(OutputLimits.builtIn("meta-llama/Llama-3-70b-chat-hf"));
    assertNull(OutputLimits.builtIn("gpt-4x-custom"));
    assertNull(OutputLimits.builtIn("o1x"));
    assertNull(OutputLimits.builtIn(""));
    assertNull(OutputLimits.builtIn(null));
    assertEquals(200000, OutputLimits.clamp(OPENAI, "my-finetune", 200000));
  }

  @Test
  void clampsOnlyAboveTheLimit() {
    assertEquals(8192, OutputLimits.clamp(ANTHROPIC, "claude-3-5-sonnet-20241022", 200000));
    assertEquals(2048, OutputLimits.clamp(ANTHROPIC, "claude-3-5-sonnet-20241022", 2048));
    assertEquals(8192, OutputLimits.clamp(ANTHROPIC, "claude-3-5-sonnet-20241022", 8192));
    assertEquals(16384, OutputLimits.clamp(OPENAI, "gpt-4o", 100000));
    assertEquals(8192, OutputLimits.clamp(GEMINI, "gemini-1.5-flash", 9000));
  }

  @Test
  void nullStaysNullExceptForAnthropic() {
    assertNull(OutputLimits.clamp(OPENAI, "gpt-4o", null));
    assertNull(OutputLimits.clamp(GEMINI, "gemini-1.5-flash", null));
    assertEquals(4096, OutputLimits.clamp(ANTHROPIC, "claude-3-7-sonnet-20250219", null));
    assertEquals(4096, OutputLimits.clamp(ANTHROPIC, "some-future-model", null));
    ProviderSpec small = new ProviderSpec("Anthropic_API", "anthropic", "http://x", List.of(), true, 1000);
    assertEquals(1000, OutputLimits.clamp(small, "claude-3-7-sonnet-20250219", null));
  }

  @Test
  void configuredMaximumWinsOverTheTable() {
    ProviderSpec capped = new ProviderSpec("vLLM", "openai", "http://x", List.of(), false, 2000);
    assertEquals(2000, OutputLimits.clamp(capped, "Qwen/Qwen2-72B-Instruct", 4000));
    assertEquals(2000, OutputLimits.clamp(capped, "gpt-4o", 4000));
    assertEquals(1500, OutputLimits.clamp(capped, "gpt-4o", 1500));
    ProviderSpec roomy = new ProviderSpec("Proxy", "openai", "http://x", List.of(), false, 50000);
    assertEquals(50000, OutputLimits.clamp(roomy, "gpt-4-0314", 60000));
  }

  @Test
  void clampIsLoggedOncePerProviderAndModel() {
    Logger logger = (Logger) LoggerFactory.getLogger(OutputLimits.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      String model = "claude-3-opus-" + UUID.randomUUID();
      for (int i = 0; i < 3; i++) OutputLimits.clamp(ANTHROPIC, model, 200000);
      OutputLimits.clamp(ANTHROPIC, model, 100);
      String other = "claude-3-haiku-" + UUID.randomUUID();
      OutputLimits.clamp(ANTHROPIC, other, 200000);
      ProviderSpec otherProvider = new ProviderSpec("Bedrock_Proxy", "anthropic", "http://x", List.of(), false, null);
      OutputLimits.clamp(otherProvider, model, 200000);

      List<ILoggingEvent> warns = appender.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
      assertEquals(3, warns.size(), warns.toString());
      String first = warns.get(0).getFormattedMessage();
      assertTrue(first.contains("200000") && first.contains("4096") && first.contains(model) && first.contains("Anthropic_API"), first);
    } finally {
      logger.detachAppender(appender);
    }
  }
}
