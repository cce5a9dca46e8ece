package ai.archon.gateway.observe;

import ai.archon.gateway.config.Prices;
import ai.archon.gateway.model.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Records {@link GatewayEvents} as Micrometer meters whose Prometheus names are listed in the README ("Metrics").
 * Label values are bounded: model names come from loaded configs or configured providers, outcomes and states are
 * small fixed sets. Each meter is built once per label set and then found in a concurrent map keyed by its name and
 * label values: Micrometer's builders sort tags and build an id on every call, which showed in pass-through profiles.
 * The meters of every request and upstream call are kept closer still, in {@link HotMeters}. {@link Telemetry} is this
 * plus the access log, breaker warnings and traces.
 */
public sealed class PrometheusEvents implements GatewayEvents permits Telemetry {
  /** Buckets for whole requests: an ensemble costs several sequential LLM calls, so up to minutes. */
  private static final Duration[] REQUEST_BUCKETS = seconds(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300);
  /** Buckets for single upstream calls and time to first token. */
  private static final Duration[] CALL_BUCKETS = seconds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120);
  private static final List<String> BREAKER_STATES =
      List.of("closed", "open", "half_open", "disabled", "forced_open", "metrics_only");

  private final MeterRegistry registry;
  private final Supplier<Prices> prices;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile ModelLabels labels = ModelLabels.NONE;
  private final Map<String, AtomicReference<String>> breakerStates = new ConcurrentHashMap<>();
  /** 1 while the shared store (Redis) is reachable, 0 while not; -1 until the first report (no Redis configured). */
  private final AtomicInteger sharedStoreUp = new AtomicInteger(-1);
  private final Map<List<String>, Object> meters = new ConcurrentHashMap<>();
  private final HotMeters hot = new HotMeters();

  public PrometheusEvents(MeterRegistry registry, Supplier<Prices> prices) {
    this.registry = registry;
    this.prices = prices;
    Gauge.builder("archon.requests.in.flight", inFlight, AtomicInteger::get)
        .description("Chat completion requests being answered now").register(registry);
    Gauge.builder("archon.shared.store.up", sharedStoreUp, AtomicInteger::get)
        .description("1 while Redis (shared limits and cache) is reachable, 0 while not, -1 when not configured")
        .register(registry);
  }

  @Override
  public void providerGuarded(String provider, IntSupplier inFlight, IntSupplier queued) {
    Gauge.builder("archon.upstream.in.flight", inFlight, IntSupplier::getAsInt).strongReference(true)
        .description("Upstream calls in flight (each holds a pooled connection)").tags("provider", provider)
        .register(registry);
    Gauge.builder("archon.upstream.queued", queued, IntSupplier::getAsInt).strongReference(true)
        .description("Upstream calls waiting for a max_concurrency slot or a rate-limit permit")
        .tags("provider", provider).register(registry);
  }

  @Override
  public void requestStarted(String model, boolean stream) {
    inFlight.incrementAndGet();
  }

  @Override
  public void requestFinished(String model, boolean stream, int status, long durationNanos, long ttftNanos) {
    inFlight.decrementAndGet();
    String m = labels.request(model);
    String s = Boolean.toString(stream);
    HotMeters.ModelMeters meters = hot.model(m);
    int flag = stream ? 1 : 0;
    if (status >= HotMeters.MIN_STATUS && status < HotMeters.MIN_STATUS + HotMeters.STATUSES) {
      HotMeters.slot(meters.requests, flag * HotMeters.STATUSES + status - HotMeters.MIN_STATUS,
          () -> requestCounter(m, s, Integer.toString(status))).increment();
    } else {
      String code = Integer.toString(status);
      meter(Counter.class, List.of("archon.requests", m, s, code), () -> requestCounter(m, s, code)).increment();
    }
    HotMeters.slot(meters.duration, flag,
        () -> Timer.builder("archon.request.duration").description("Chat completion latency, request to last byte")
        .tags("model", m, "stream", s).serviceLevelObjectives(REQUEST_BUCKETS).register(registry))
        .record(durationNanos, TimeUnit.NANOSECONDS);
    if (ttftNanos >= 0) {
      HotMeters.slot(meters.firstToken, 0,
        () -> Timer.builder("archon.time.to.first.token").description("Streamed requests: time to the first content token")
        .tags("model", m).serviceLevelObjectives(REQUEST_BUCKETS).register(registry))
          .record(ttftNanos, TimeUnit.NANOSECONDS);
    }
  }

  private Counter requestCounter(String model, String stream, String code) {
    return Counter.builder("archon.requests").description("Chat completion requests by model, stream and HTTP status")
        .tags("model", model, "stream", stream, "status", code).register(registry);
  }

  @Override
  public void upstreamAttempt(String provider, String calledModel, String outcome, int status, long durationNanos) {
    String model = upstreamLabel(provider, calledModel);
    HotMeters.CallMeters meters = hot.call(provider, model);
    HotMeters.cached(meters.attempts, outcome, o -> Counter.builder("archon.upstream.requests")
        .description("Upstream HTTP attempts by provider, model and outcome")
        .tags("provider", provider, "model", model, "outcome", o).register(registry)).increment();
    HotMeters.cached(meters.durations, outcome, o -> Timer.builder("archon.upstream.request.duration")
        .description("Upstream attempt latency").tags("provider", provider, "model", model, "outcome", o)
        .serviceLevelObjectives(CALL_BUCKETS).register(registry)).record(durationNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void upstreamTokens(String provider, String calledModel, Usage usage) {
    if (usage == null) return;
    String model = upstreamLabel(provider, calledModel);
    HotMeters.CallMeters meters = hot.call(provider, model);
    tokens(meters, provider, model, 0, "input").increment(usage.promptTokens());
    tokens(meters, provider, model, 1, "output").increment(usage.completionTokens());
    // "other" stands for many models: its price is looked up per call, not cached with its meters
    Prices.Price price = model.equals(ModelLabels.OTHER) ? null : meters.price(prices.get(), provider, model);
    if (price != null) {
      double usd = (usage.promptTokens() * price.input() + usage.completionTokens() * price.output()) / 1_000_000.0;
      HotMeters.slot(meters.cost, 0,
        () -> Counter.builder("archon.estimated.cost.usd").description("Estimated spend from price_per_mtok in the settings")
        .tags("provider", provider, "model", model).register(registry)).increment(usd);
    }
  }

  @Override
  public void spent(String key, String model, double usd) {
    String m = labels.request(model);
    meter(Counter.class, List.of("archon.spend.usd", key, m),
        () -> Counter.builder("archon.spend.usd").description("US dollars spent by gateway key and requested model")
        .tags("key", key, "model", m).register(registry)).increment(usd);
  }

  private Counter tokens(HotMeters.CallMeters meters, String provider, String model, int slot, String direction) {
    Counter made = meters.tokens.get(slot); // read first: the builder below is a capturing lambda, made per call
    if (made != null) return made;
    return HotMeters.slot(meters.tokens, slot,
        () -> Counter.builder("archon.upstream.tokens").description("Tokens reported by providers (input = prompt)")
        .tags("provider", provider, "model", model, "direction", direction).register(registry));
  }

  @Override
  public void upstreamRetry(String provider, String calledModel, long delayMs) {
    String model = upstreamLabel(provider, calledModel);
    meter(Counter.class, List.of("archon.upstream.retries", provider, model),
        () -> Counter.builder("archon.upstream.retries").description("Upstream attempts that are retried")
        .tags("provider", provider, "model", model).register(registry)).increment();
  }

  @Override
  public void rateLimitWait(String scope, String name, long waitNanos) {
    meter(Timer.class, List.of("archon.rate.limit.wait", scope, name),
        () -> Timer.builder("archon.rate.limit.wait").description("Time calls waited for a rate-limit permit")
        .tags("scope", scope, "name", name).register(registry)).record(waitNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void rateLimitRejected(String scope, String name) {
    meter(Counter.class, List.of("archon.rate.limit.rejections", scope, name),
        () -> Counter.builder("archon.rate.limit.rejections").description("Calls or requests refused by a rate limit")
        .tags("scope", scope, "name", name).register(registry)).increment();
  }

  /** A bounded label for an upstream model: known to the configs and settings, or priced now (prices reload). */
  private String upstreamLabel(String provider, String model) {
    String label = labels.upstream(provider, model);
    return label.equals(ModelLabels.OTHER) && prices.get().of(provider, model) != null ? model : label;
  }

  @Override
  public void modelsKnown(ModelLabels known) {
    labels = known;
  }

  @Override
  public void breakerCreated(String provider) {
    breakerStates.computeIfAbsent(provider, this::breakerGauges);
  }

  @Override
  public void breakerTransition(String provider, String from, String to) {
    String f = state(from);
    String t = state(to);
    meter(Counter.class, List.of("archon.circuit.breaker.transitions", provider, f, t),
        () -> Counter.builder("archon.circuit.breaker.transitions").description("Circuit breaker state changes")
        .tags("provider", provider, "from", f, "to", t).register(registry)).increment();
    breakerStates.computeIfAbsent(provider, this::breakerGauges).set(t);
  }

  @Override
  public void sharedStoreState(String state) {
    sharedStoreUp.set("up".equals(state) ? 1 : 0);
  }

  @Override
  public void sharedStoreFallback(String scope, String action) {
    meter(Counter.class, List.of("archon.shared.limit.fallbacks", scope, action),
        () -> Counter.builder("archon.shared.limit.fallbacks").description("Rate-limit checks decided without Redis (local fallback or reject) while it was unreachable")
        .tags("scope", scope, "action", action).register(registry)).increment();
  }

  @Override
  public void cacheLookup(String requested, String result) {
    String model = labels.request(requested);
    HotMeters.cached(hot.model(model).cacheLookups, result, r -> Counter.builder("archon.cache.lookups")
        .description("Response cache lookups by model and result (hit, miss, bypass)")
        .tags("model", model, "result", r).register(registry)).increment();
  }

  /** The meter for {@code key} (name, then label values), built by {@code build} the first time. */
  private <M> M meter(Class<M> type, List<String> key, Supplier<M> build) {
    return type.cast(HotMeters.cached(meters, key, k -> build.get()));
  }

  /** One 0/1 gauge per state for the provider, the current state's being 1 (as resilience4j's own metrics do). */
  private AtomicReference<String> breakerGauges(String provider) {
    AtomicReference<String> current = new AtomicReference<>("closed");
    for (String s : BREAKER_STATES) {
      Gauge.builder("archon.circuit.breaker.state", current, c -> s.equals(c.get()) ? 1 : 0)
          .description("1 for the circuit breaker's current state per provider").tags(Tags.of("provider", provider, "state", s))
          .register(registry);
    }
    return current;
  }

  private static String state(String s) {
    return s == null ? "unknown" : s.toLowerCase(Locale.ROOT);
  }

  private static Duration[] seconds(double... values) {
    Duration[] d = new Duration[values.length];
    for (int i = 0; i < values.length; i++) d[i] = Duration.ofNanos((long) (values[i] * 1e9));
    return d;
  }
}
