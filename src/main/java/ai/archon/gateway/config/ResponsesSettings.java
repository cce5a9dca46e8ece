package ai.archon.gateway.config;

/**
 * The Responses API's store ({@code POST /v1/responses} with {@code store: true}, what {@code previous_response_id},
 * {@code GET} and {@code DELETE /v1/responses/{id}} read): how long a response is kept ({@code ttlSeconds}) and, for
 * the in-memory store, how many responses at most ({@code maxEntries}; Redis bounds itself by its own eviction).
 * Settings {@code server.responses.store_ttl_seconds} and {@code server.responses.store_max_entries}; read at start.
 */
public record ResponsesSettings(long ttlSeconds, long maxEntries) {
  /** A day, as a conversation is usually continued within one; ten thousand responses of a few kB each. */
  public static final ResponsesSettings DEFAULT = new ResponsesSettings(86_400, 10_000);
}
