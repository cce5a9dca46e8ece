package ai.archon.gateway.support;

import java.util.List;

/** A text {@link Reply} resolved for one request: the text, pieces, usage and ids the writers format. */
// finishReason stays in OpenAI terms; each writer maps it.
record Answer(String id, long created, String model, String text, List<String> chunks, int promptTokens,
    int completionTokens, String finishReason) {

  int totalTokens() {
    return promptTokens + completionTokens;
  }
}
