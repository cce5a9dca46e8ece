package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import ai.archon.gateway.provider.anthropic.AnthropicMapper;
import ai.archon.gateway.provider.gemini.GeminiMapper;
import ai.archon.gateway.provider.openai.OpenAiMapper;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each protocol's stop or finish reason as the OpenAI finish_reason the gateway reports, in one table. */
class FinishReasonsTest {
  private static final Named<UnaryOperator<String>> ANTHROPIC = Named.of("Anthropic", AnthropicMapper::finishReason);
  private static final Named<UnaryOperator<String>> GEMINI = Named.of("Gemini", GeminiMapper::finishReason);
  private static final Named<UnaryOperator<String>> OPENAI = Named.of("OpenAI", OpenAiMapper::finishReason);

  /** The mapper, the finish_reason of a reply without any reason (null: not asserted), each reason's finish_reason. */
  static Stream<Arguments> reasons() {
    return Stream.of(
        arguments(ANTHROPIC, "stop", Map.of("end_turn", "stop", "stop_sequence", "stop", "max_tokens", "length",
            "tool_use", "tool_calls", "refusal", "content_filter")),
        // the blocking reasons are content_filter, an unknown one a stop
        arguments(GEMINI, null, Map.of("STOP", "stop", "MAX_TOKENS", "length", "SAFETY", "content_filter",
            "RECITATION", "content_filter", "PROHIBITED_CONTENT", "content_filter", "OTHER", "stop")),
        // OpenAI-compatible servers' reasons, normalised; an unknown one is a stop
        arguments(OPENAI, "stop", Map.of("length", "length", "max_tokens", "length", "content_filter", "content_filter",
            "tool_calls", "tool_calls", "eos", "stop")));
  }

  @ParameterizedTest
  @MethodSource("reasons")
  void finishReason(UnaryOperator<String> mapper, String withoutReason, Map<String, String> finishReasons) {
    finishReasons.forEach((reason, expected) -> assertEquals(expected, mapper.apply(reason), reason));
    if (withoutReason != null) assertEquals(withoutReason, mapper.apply(null));
  }
}
