package ai.archon.gateway.scale;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.config.Budget;
import ai.archon.gateway.config.RedisSettings;
import ai.archon.gateway.observe.GatewayEvents;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What keys and virtual models spend, and their budgets: a request reserves its worst-case estimate on every budget
 * it falls under before any upstream call ({@link #reserve}) and settles its real cost when it ends
 * ({@link #settle}), so concurrent requests overspend a budget by at most one estimate. Counters live in Redis when
 * configured (exact across replicas); while Redis cannot answer, {@code redis.on_failure} decides as for the rate
 * limits: {@code local} counts in this process against its share of each budget (usd ÷ {@code replicas_hint}),
 * {@code reject} refuses budgeted requests with 503. Without Redis the counters are this process's, kept in a file
 * across restarts when one is configured.
 */
public final class Spend {
  private static final Budget.Period[] PERIODS = Budget.Period.values();
  private static final Hold NOTHING_HELD = new Hold(true, null, List.of(), 0, List.of(), null);
  private final Counters counters = new Counters();
  private final LocalSpend local;
  private final RedisSpend redis;
  private final RedisState state;
  private final GatewayEvents events;

  /** Who spends: a gateway key ({@code key}) or a virtual model ({@code model}), with its budget or null. */
  public record Account(String kind, String name, Budget budget) {
    String counter(Budget.Period period, Instant now) {
      return kind + ":" + name + ":" + period.id() + ":" + period.window(now);
    }
  }

  /** What is left of one budget after an admission: its limit and the remaining US dollars (holds included). */
  public record Left(Account account, double limit, double remaining) { }

  /**
   * The outcome of {@link #reserve}: allowed or not ({@code refusedBy} names the spent budget), what is left of each
   * budget, and what {@link #settle} needs to release the hold.
   */
  public static final class Hold {
    private final boolean allowed;
    private final Account refusedBy;
    private final List<Left> left;
    private final double estimate;
    private final List<String> held;
    private final SpendStore store;

    Hold(boolean allowed, Account refusedBy, List<Left> left, double estimate, List<String> held, SpendStore store) {
      this.allowed = allowed;
      this.refusedBy = refusedBy;
      this.left = List.copyOf(left);
      this.estimate = estimate;
      this.held = List.copyOf(held);
      this.store = store;
    }

    public boolean allowed() { return allowed; }

    /** The account whose budget is spent, or null. */
    public Account refusedBy() { return refusedBy; }

    public List<Left> left() { return left; }

    public double estimate() { return estimate; }
  }

  /** One account's spend in one period: settled, held by requests in flight, and settled by model. */
  public record Report(double spent, double held, Map<String, Double> byModel) { }

  /**
   * The counters an account settles into, one per period, made once per account and UTC day: every request
   * settles two accounts in four periods, and joining each counter's name (and hashing it) per request was the spend
   * gate's largest cost (round 18 profiles). An account's budget does not change its counters.
   */
  private static final class Counters {
    private record Today(long day, List<SpendStore.Slot> slots) { }

    private final Map<String, Map<String, Today>> byKind = new ConcurrentHashMap<>();

    List<SpendStore.Slot> of(Account a, Instant now) {
      long day = Math.floorDiv(now.getEpochSecond(), 86_400L);
      Map<String, Today> byName = byKind.computeIfAbsent(a.kind(), k -> new ConcurrentHashMap<>());
      Today t = byName.get(a.name());
      if (t != null && t.day() == day) return t.slots();
      List<SpendStore.Slot> slots = new ArrayList<>(PERIODS.length);
      for (Budget.Period p : PERIODS) slots.add(new SpendStore.Slot(a.counter(p, now), 0, ttl(p)));
      // Names of past days are never settled again; a name that stops being used keeps one entry.
      if (byName.size() >= MAX_NAMES) byName.clear();
      t = new Today(day, List.copyOf(slots));
      byName.put(a.name(), t);
      return t.slots();
    }
  }

  /** Account names kept per kind before the cache starts again (client-chosen pass-through model names). */
  static final int MAX_NAMES = 10_000;

  /** @param redis the shared store, or null (counters in this process only) */
  Spend(LocalSpend local, RedisState redis, GatewayEvents events) {
    this.local = local;
    this.state = redis;
    this.redis = redis == null ? null : new RedisSpend(redis);
    this.events = events;
  }

  /** This process only (the Java library, the bench command, tests of the accounting). */
  public static Spend inMemory() {
    return new Spend(new LocalSpend(null, null), null, GatewayEvents.NONE);
  }

  /**
   * Holds {@code estimate} US dollars on the budget of every account that has one, if none is spent yet; an account
   * without a budget takes no hold. Fails with 503 only when Redis is down and {@code on_failure} is reject.
   */
  public Future<Hold> reserve(List<Account> accounts, double estimate, Instant now) {
    List<Account> budgeted = null;
    for (Account a : accounts) {
      if (a.budget() == null) continue;
      if (budgeted == null) budgeted = new ArrayList<>(accounts.size());
      budgeted.add(a);
    }
    if (budgeted == null) return Future.succeededFuture(NOTHING_HELD);
    if (!shared()) return reserveIn(fallback(), budgeted, estimate, now);
    List<Account> withBudget = budgeted;
    return reserveIn(redis, withBudget, estimate, now)
        .recover(t -> reserveIn(fallback(), withBudget, estimate, now));
  }

  private Future<Hold> reserveIn(SpendStore store, List<Account> budgeted, double estimate, Instant now) {
    if (store == null) return unavailable();
    // The local fallback of a shared budget counts against this replica's share of it.
    int share = store == local && state != null ? Math.max(1, state.settings().replicasHint()) : 1;
    List<SpendStore.Slot> slots = new ArrayList<>();
    for (Account a : budgeted) {
      Budget.Period p = a.budget().period();
      slots.add(new SpendStore.Slot(a.counter(p, now), a.budget().usd() / share, ttl(p)));
    }
    return store.reserve(slots, estimate).map(admit -> {
      List<Left> left = new ArrayList<>();
      for (int i = 0; i < slots.size(); i++) {
        double limit = slots.get(i).limit();
        left.add(new Left(budgeted.get(i), limit, Math.max(0, limit - admit.spent()[i] - admit.held()[i])));
      }
      Account refused = admit.allowed() ? null : budgeted.get(admit.refused());
      return new Hold(admit.allowed(), refused, left, admit.allowed() ? estimate : 0,
          admit.allowed() ? slots.stream().map(SpendStore.Slot::counter).toList() : List.of(), store);
    });
  }

  /**
   * Releases {@code hold} and adds {@code cost} to every period of every account, by {@code model} too (best
   * effort: a settlement that cannot reach Redis is counted in this process).
   */
  public Future<Void> settle(Hold hold, List<Account> accounts, double cost, String model, Instant now) {
    List<SpendStore.Slot> records = new ArrayList<>(accounts.size() * PERIODS.length);
    for (Account a : accounts) records.addAll(counters.of(a, now));
    SpendStore store = hold != null && hold.store != null ? hold.store : shared() ? redis : local;
    List<String> held = hold == null ? List.of() : hold.held;
    double estimate = hold == null ? 0 : hold.estimate;
    return store.settle(held, estimate, cost, model, records)
        .recover(t -> store == local ? Future.failedFuture(t) : local.settle(List.of(), 0, cost, model, records));
  }

  /** What {@code account} spent in the current {@code period} (from Redis when it answers, else this process's). */
  public Future<Report> report(Account account, Budget.Period period, Instant now) {
    String counter = account.counter(period, now);
    Future<SpendStore.Standing> read = shared() ? redis.read(counter).recover(t -> local.read(counter))
        : local.read(counter);
    return read.map(s -> new Report(s.spent(), s.held(), s.byModel()));
  }

  /** Reads the spend file (at start). */
  Future<Void> load() { return local.load(); }

  /** Writes the spend file now (at shutdown). */
  public Future<Void> flush() { return local.flush(); }

  private boolean shared() {
    return redis != null && state.up();
  }

  /** The store to count in while Redis is down: this process's, or none when on_failure is reject. */
  private SpendStore fallback() {
    if (state == null) return local;
    boolean reject = state.settings().rejectWhenDown();
    events.sharedStoreFallback("spend", reject ? RedisSettings.REJECT : RedisSettings.LOCAL);
    return reject ? null : local;
  }

  private static Future<Hold> unavailable() {
    return Future.failedFuture(new ApiException(503, "server_error", "shared_limits_unavailable", null,
        "the shared spend store (Redis) is unreachable and redis.on_failure is \"reject\"; try again shortly"));
  }

  /** How long a counter must outlive its period's start: past its end (with a margin), or forever for total. */
  private static long ttl(Budget.Period p) {
    switch (p) {
      case DAY: return 2 * 86_400;
      case WEEK: return 8 * 86_400;
      case MONTH: return 32 * 86_400;
      default: return 0;
    }
  }
}
