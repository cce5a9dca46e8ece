package ai.archon.gateway.provider;

import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import java.util.List;

/**
 * {@code parallel_tool_calls: false} for protocols without such a switch (Gemini, Bedrock Converse): an answer with
 * several calls keeps the first, so the client still gets at most one, as it asked.
 */
public final class SerialCalls {
  private SerialCalls() { }

  public static ChatResult apply(ChatRequest request, ChatResult result) {
    if (!Boolean.FALSE.equals(request.output().parallelToolCalls()) || result.toolCalls().size() <= 1) return result;
    return new ChatResult(result.text(), result.usage(), result.finishReason(), List.of(result.toolCalls().get(0)));
  }
}
