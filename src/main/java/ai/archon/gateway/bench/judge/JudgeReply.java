package ai.archon.gateway.bench.judge;

import ai.archon.gateway.bench.ModelReply;
import ai.archon.gateway.model.Usage;
import java.util.List;

/**
 * What the judge said about one question: its replies (two when the first had no verdict and it was asked again)
 * and the verdict read from the last one, or null when none had one (recorded as missing, never guessed).
 */
record JudgeReply<T>(List<ModelReply> replies, T verdict) {
  JudgeReply {
    replies = List.copyOf(replies);
  }

  ModelReply last() {
    return replies.get(replies.size() - 1);
  }

  Usage usage() {
    Usage u = Usage.FREE;
    for (ModelReply r : replies) u = u.plus(r.usage());
    return u;
  }

  int calls() {
    return replies.stream().mapToInt(ModelReply::upstreamCalls).sum();
  }
}
