package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.config.Budget;
import ai.archon.gateway.resilience.ClientKeys;
import ai.archon.gateway.scale.Spend;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/archon/spend?key=NAME&period=day} (or {@code model=NAME}): what a gateway key or virtual model spent
 * in the current UTC period, by model, with its budget and what is left of it. The admin key reads any; a gateway key
 * reads its own. Also the per-key spend of the admin view.
 */
final class SpendReport {
  private final Spend spend;
  private final ClientKeys keys;
  private final List<ClientKeys.ClientKey> named;
  private final Map<String, Budget> modelBudgets;
  private final AdminGate admin;

  SpendReport(Spend spend, ClientKeys keys, List<ClientKeys.ClientKey> named, Map<String, Budget> modelBudgets,
      AdminGate admin) {
    this.spend = spend;
    this.keys = keys;
    this.named = List.copyOf(named);
    this.modelBudgets = Map.copyOf(modelBudgets);
    this.admin = admin;
  }

  void handle(RoutingContext ctx) {
    String keyName = ctx.request().getParam("key");
    String model = ctx.request().getParam("model");
    String periodId = ctx.request().getParam("period", "day");
    Budget.Period period = Budget.Period.of(periodId);
    if (period == null) throw ApiException.invalid("period", "period must be day, week, month or total");
    if ((keyName == null) == (model == null)) throw ApiException.invalid("key", "give one of key=NAME or model=NAME");
    authorize(ctx, keyName);
    Spend.Account account;
    if (keyName != null) {
      ClientKeys.ClientKey k = named.stream().filter(c -> c.name().equals(keyName)).findFirst().orElse(null);
      if (k == null) throw new ApiException(404, "invalid_request_error", "key_not_found", "key",
          "no gateway key is named '" + keyName + "'");
      account = new Spend.Account("key", keyName, k.spec().budget());
    } else {
      account = new Spend.Account("model", model, modelBudgets.get(model));
    }
    Instant now = Instant.now();
    spend.report(account, period, now).onComplete(ar -> {
      if (ar.failed()) ctx.fail(ar.cause());
      else Responses.json(ctx, 200, json(account, period, ar.result(), now));
    });
  }

  /** The admin key reads every report; without one, or with another key, a gateway key reads only its own. */
  private void authorize(RoutingContext ctx, String keyName) {
    if (admin.admits(ctx)) return;
    if (!keys.required() && !admin.configured()) return;
    ClientKeys.ClientKey caller = keys.match(KeyGate.bearer(ctx.request().getHeader("authorization")));
    if (caller == null) {
      throw new ApiException(401, "invalid_request_error", "invalid_api_key", null,
          "the spend report needs Authorization: Bearer <ARCHON_ADMIN_KEY> or the gateway key it is about");
    }
    if (keyName == null || !keyName.equals(caller.name())) {
      throw new ApiException(403, "invalid_request_error", "permission_denied", "key",
          "a gateway key may read only its own spend report (the admin key reads all)");
    }
  }

  /** The admin view's {@code spend}: per named key, its spend in its budget's period (day without a budget). */
  Future<ObjectNode> keysView() {
    Instant now = Instant.now();
    List<Future<ObjectNode>> parts = new ArrayList<>();
    for (ClientKeys.ClientKey k : named) {
      Spend.Account a = new Spend.Account("key", k.name(), k.spec().budget());
      Budget.Period p = a.budget() == null ? Budget.Period.DAY : a.budget().period();
      parts.add(spend.report(a, p, now).map(r -> json(a, p, r, now)));
    }
    return Future.join(parts).transform(done -> {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      ObjectNode byKey = out.putObject("keys");
      for (int i = 0; i < parts.size(); i++) {
        if (parts.get(i).succeeded()) byKey.set(named.get(i).name(), parts.get(i).result());
      }
      return Future.succeededFuture(out);
    });
  }

  private static ObjectNode json(Spend.Account a, Budget.Period period, Spend.Report r, Instant now) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put(a.kind(), a.name());
    n.put("period", period.id());
    n.put("window", period.window(now));
    n.put("start", period.start(now).toString());
    Instant end = period.end(now);
    if (end != null) n.put("resets_at", end.toString());
    n.put("spent_usd", r.spent());
    n.put("held_usd", r.held());
    ObjectNode models = n.putObject("by_model");
    new java.util.TreeMap<>(r.byModel()).forEach(models::put);
    Budget b = a.budget();
    if (b != null) {
      ObjectNode budget = n.putObject("budget");
      budget.put("usd", b.usd());
      budget.put("period", b.period().id());
      // What is left is known for the budget's own period only.
      if (b.period() == period) budget.put("remaining_usd", Math.max(0, b.usd() - r.spent() - r.held()));
    }
    return n;
  }
}
