package ai.archon.gateway.server;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.MemoryBudget;
import ai.archon.gateway.resilience.ClientKeys;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;

/**
 * What the router learns of a request before its handler runs: its id (every route), the client key a key gate
 * matched, the body's JSON tree (read once: by a worker when large, else by the first step that needs it), the memory
 * budget that admitted it, and the calls the chat handler starts (counted in the response
 * headers). The one object the routing context carries; {@link #of} is its only accessor, used where the router
 * hands a request from one step to the next. Used from the request's event loop only.
 */
final class Inbound {
  private static final String KEY = Inbound.class.getName();
  private final String requestId;
  private ClientKeys.ClientKey clientKey;
  private JsonNode body;
  private RuntimeException bodyFailure;
  private CallContext calls;
  private MemoryBudget memory = MemoryBudget.UNBOUNDED;
  private SpendTab spend;

  private Inbound(String requestId) {
    this.requestId = requestId;
  }

  /** Tags a request at the router's first step. */
  static Inbound attach(RoutingContext ctx, String requestId) {
    Inbound in = new Inbound(requestId);
    ctx.put(KEY, in);
    return in;
  }

  /** The request's inbound state; an untagged one (id "-") for a request that skipped the first step. */
  static Inbound of(RoutingContext ctx) {
    Inbound in = ctx.get(KEY);
    return in != null ? in : attach(ctx, "-");
  }

  String requestId() { return requestId; }

  /** The inbound key that authenticated the request, or null (no keys configured). */
  ClientKeys.ClientKey clientKey() { return clientKey; }

  void clientKey(ClientKeys.ClientKey key) { this.clientKey = key; }

  /**
   * The request body as a JSON tree, read once per request: the tree a worker ({@link BodyTrees}) or the key gate
   * already read, else {@code body} parsed now and kept; the failure to read it (a 400) again if that is what the
   * first read got.
   */
  JsonNode tree(io.vertx.core.buffer.Buffer raw) {
    if (bodyFailure != null) throw bodyFailure;
    if (body == null) {
      try {
        body = ChatRequestParser.tree(raw);
      } catch (RuntimeException e) {
        bodyFailure = e;
        throw e;
      }
    }
    return body;
  }

  void body(JsonNode tree) { this.body = tree; }

  void bodyFailure(RuntimeException e) { this.bodyFailure = e; }

  /** The call context of the request's upstream calls, once the chat handler made it; else null. */
  CallContext calls() { return calls; }

  void calls(CallContext call) { this.calls = call; }

  /** The memory budget that admitted the request's body; its upstream replies are gathered against it too. */
  MemoryBudget memory() { return memory; }

  void memory(MemoryBudget budget) { this.memory = budget; }

  /** The request's spend (prices and usage), once the spend gate admitted it; else null. */
  SpendTab spend() { return spend; }

  void spend(SpendTab tab) { this.spend = tab; }

  /** Who asked, for keying what is kept per key: the key's SHA-256 in hex (never the key), or "" without keys. */
  String identity() {
    return clientKey == null ? "" : java.util.HexFormat.of().formatHex(clientKey.digest());
  }
}
