package ai.archon.gateway.support;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.ArrayList;
import java.util.List;

/** Streams through the official OpenAI Java SDK, as an application would, for the SDK compatibility tests. */
public final class SdkStreams {
  private SdkStreams() { }

  /** Every chunk of the streamed completion, each validated against the SDK's model as it arrives. */
  public static List<ChatCompletionChunk> chunks(OpenAIClient client, ChatCompletionCreateParams params) {
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      stream.stream().forEach(chunk -> {
        chunk.validate();
        chunks.add(chunk);
      });
    }
    return chunks;
  }

  /** The content the chunks' first-and-only choices carry, joined. */
  public static String text(List<ChatCompletionChunk> chunks) {
    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
    return text.toString();
  }
}
