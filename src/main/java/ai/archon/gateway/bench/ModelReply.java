package ai.archon.gateway.bench;

import ai.archon.gateway.model.Usage;

/** One chat completion as the bench sees it: the answer text, its usage and how many upstream calls it took. */
public record ModelReply(String text, Usage usage, int upstreamCalls) {
}
