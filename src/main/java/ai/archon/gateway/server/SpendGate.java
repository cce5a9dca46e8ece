package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.config.Budget;
import ai.archon.gateway.config.Prices;
import ai.archon.gateway.model.TokenEstimate;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.resilience.ClientKeys;
import ai.archon.gateway.scale.Spend;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Spend at the chat route: before any upstream call a request reserves its worst-case cost on the budgets of its
 * key ({@code keys[].budget}) and model ({@code spend.budgets}) and is refused with 429 {@code budget_exceeded} when
 * one is spent; a budgeted key's replies carry {@code x-ratelimit-limit-usd} and {@code x-ratelimit-remaining-usd};
 * when the request ends its real cost is settled, counted per key and model, and reported to the metrics.
 */
final class SpendGate {
  static final String LIMIT = "x-ratelimit-limit-usd";
  static final String REMAINING = "x-ratelimit-remaining-usd";
  /** The key label of requests without a gateway key (no keys configured). */
  static final String NO_KEY = "none";
  private final Spend spend;
  private final Supplier<Prices> prices;
  private final Map<String, Budget> modelBudgets;
  private final GatewayEvents events;

  SpendGate(Spend spend, Supplier<Prices> prices, Map<String, Budget> modelBudgets, GatewayEvents events) {
    this.spend = spend;
    this.prices = prices;
    this.modelBudgets = Map.copyOf(modelBudgets);
    this.events = events;
  }

  /**
   * Admits {@code ex} under its budgets: {@code estimate} gives the worst case at the request's prices (null when a
   * model has no price, refused then for a budgeted request: its spend could not be counted). Settles at the end.
   */
  Future<SpendTab> admit(ChatExchange ex, Function<Prices, Double> estimate) {
    SpendTab tab = new SpendTab(prices.get());
    ex.inbound().spend(tab);
    ClientKeys.ClientKey key = ex.inbound().clientKey();
    String model = ex.chat().model();
    List<Spend.Account> accounts = new ArrayList<>(2);
    if (key != null) accounts.add(new Spend.Account("key", key.name(), key.spec().budget()));
    accounts.add(new Spend.Account("model", model, modelBudgets.get(model)));
    boolean budgeted = false;
    for (Spend.Account a : accounts) budgeted |= a.budget() != null;
    Double worst = budgeted ? estimate.apply(tab.prices()) : Double.valueOf(0);
    if (worst == null) {
      return Future.failedFuture(new ApiException(400, "invalid_request_error", "model_not_priced", "model",
          "model '" + model + "' calls a model without a price in price_per_mtok, so its spend cannot be counted"
              + " against a budget"));
    }
    Instant now = Instant.now();
    return spend.reserve(accounts, worst, now).compose(hold -> {
      headers(ex.response(), hold);
      if (!hold.allowed()) return Future.failedFuture(refusal(ex.response(), hold.refusedBy(), now));
      ex.ctx().addEndHandler(ar -> settle(tab, hold, accounts, key, model));
      return Future.succeededFuture(tab);
    });
  }

  /** A rough prompt size for the estimate: the body's bytes, about four per token. */
  static long promptTokens(ChatExchange ex) {
    return TokenEstimate.of(ex.ctx().body().length(), 0L);
  }

  private void settle(SpendTab tab, Spend.Hold hold, List<Spend.Account> accounts, ClientKeys.ClientKey key,
      String model) {
    ai.archon.gateway.model.Usage used = tab.usage();
    Double cost = used == null ? Double.valueOf(hold.estimate()) : used.cost();
    double usd = cost == null ? 0 : cost;
    spend.settle(hold, accounts, usd, model, Instant.now());
    if (usd > 0) events.spent(key == null ? NO_KEY : key.name(), model, usd);
  }

  /** The key budget's limit and what is left of it (holds of requests in flight included). */
  private static void headers(HttpServerResponse resp, Spend.Hold hold) {
    for (Spend.Left l : hold.left()) {
      if (!l.account().kind().equals("key")) continue;
      resp.putHeader(LIMIT, usd(l.limit()));
      resp.putHeader(REMAINING, usd(l.remaining()));
    }
  }

  private static ApiException refusal(HttpServerResponse resp, Spend.Account spent, Instant now) {
    Budget b = spent.budget();
    long reset = b.period().secondsToReset(now);
    if (reset > 0) resp.putHeader("retry-after", Long.toString(reset));
    String whose = spent.kind().equals("key") ? "gateway key '" + spent.name() + "'" : "model '" + spent.name() + "'";
    return new BudgetExceededException(whose + " has spent its " + b.period().id() + " budget of $" + usd(b.usd())
        + (reset > 0 ? "; it resets in " + reset + " s (UTC " + b.period().id() + ")" : "; it does not reset"));
  }

  static String usd(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }
}
