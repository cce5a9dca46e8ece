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
        .addKeyValue("request_id", r.requestId())
        .addKeyValue("key_name", r.keyName())
        .addKeyValue("model", r.model())
        .addKeyValue("stream", r.stream())
        .addKeyValue("status", r.status())
        .addKeyValue("latency_ms", r.latencyMs())
        .addKeyValue("ttft_ms", r.ttftMs() < 0 ? null : r.ttftMs())
        .addKeyValue("upstream_calls", r.upstreamCalls())
        .addKeyValue("retries", r.retries())
        .addKeyValue("prompt_tokens", r.promptTokens())
        .addKeyValue("completion_tokens", r.completionTokens())
        .addKeyValue("degraded", r.degraded())
        .log("access");
  }
}
