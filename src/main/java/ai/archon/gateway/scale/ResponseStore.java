package ai.archon.gateway.scale;

import io.vertx.core.Future;

/**
 * Where the Responses API keeps what {@code store: true} asks it to keep (a response and the conversation that led
 * to it, as one opaque JSON text): in this replica's memory, or in Redis so that any replica continues a
 * conversation. Every entry belongs to the {@code owner} that created it (the identity of its gateway key, "" without
 * keys): another owner neither sees nor deletes it, exactly as if it did not exist.
 */
public interface ResponseStore {

  /** Keeps {@code body} under {@code id} for {@code owner}; fails when the shared store cannot take it. */
  Future<Void> put(String id, String owner, String body);

  /** The body kept under {@code id} for {@code owner}, or null (absent, expired or someone else's). */
  Future<String> get(String id, String owner);

  /** Deletes {@code id} when it is {@code owner}'s; true when it was there. */
  Future<Boolean> delete(String id, String owner);

  /** The value kept: the owner, a newline (never in an owner), then the body. */
  static String entry(String owner, String body) {
    return owner + "\n" + body;
  }

  /** The body of an {@link #entry} when it is {@code owner}'s, else null. */
  static String bodyFor(String entry, String owner) {
    if (entry == null) return null;
    int nl = entry.indexOf('\n');
    return nl >= 0 && entry.substring(0, nl).equals(owner) ? entry.substring(nl + 1) : null;
  }
}
