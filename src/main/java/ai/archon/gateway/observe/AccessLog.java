package ai.archon.gateway.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one access line per chat request on the logger {@code archon.access} at info, as SLF4J key-value pairs: the
 * JSON log layout turns them into top-level fields, the text layout appends them as {@code key=value}.
 */
public final class AccessLog {
  private static final Logger LOG = LoggerFactory.getLogger("archon.access");

  private AccessLog() { }

  public static void write(AccessRecord r) {
    LOG.atInfo()
        .addKeyValue("request_id", r.request().id())
        .addKeyValue("key_name", r.request().keyName())
        .addKeyValue("model", r.request().model())
        .addKeyValue("stream", r.request().stream())
        .addKeyValue("status", r.outcome().status())
        .addKeyValue("latency_ms", r.outcome().latencyMs())
        .addKeyValue("ttft_ms", r.outcome().ttftMs() < 0 ? null : r.outcome().ttftMs())
        .addKeyValue("upstream_calls", r.counts().upstreamCalls())
        .addKeyValue("retries", r.counts().retries())
        .addKeyValue("prompt_tokens", r.counts().promptTokens())
        .addKeyValue("completion_tokens", r.counts().completionTokens())
        .addKeyValue("degraded", r.outcome().degraded())
        .log("access");
  }
}
