package ai.archon.gateway.server;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.MemoryBudget;
import ai.archon.gateway.resilience.ClientKeys;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;

/**
 * What the router learns of a request before its handler runs: its id (every route), the client key a key gate
 * matched, the body tree the gate read to check it, the memory
 * budget that admitted it, and the calls the chat handler starts (counted in the response
 * headers). The one object the routing context carries; {@link #of} is its only accessor, used where the router
 * hands a request from one step to the next. Used from the request's event loop only.
 */
final class Inbound {
  private static final String KEY = Inbound.class.getName();
  private final String requestId;
  private ClientKeys.ClientKey clientKey;
  private JsonNode body;
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

  /** The body's JSON tree when a key gate read it, so the chat handler need not parse it again; else null. */
  JsonNode body() { return body; }

  void body(JsonNode tree) { this.body = tree; }

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
