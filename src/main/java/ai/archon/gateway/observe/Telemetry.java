package ai.archon.gateway.observe;

import ai.archon.gateway.config.Prices;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link GatewayEvents} sink: the Prometheus meters it inherits ({@link PrometheusEvents}), the
 * access log ({@link AccessLog}), warnings for circuit breaker transitions and the OpenTelemetry traces
 * ({@link Tracing}), over one Prometheus registry that Vert.x's own HTTP and pool metrics share when the Vertx
 * instance comes from {@link #vertx}.
 */
public final class Telemetry extends PrometheusEvents {
  private static final Logger LOG = LoggerFactory.getLogger(Telemetry.class);
  private final PrometheusMeterRegistry registry;
  private final Tracing tracing;

  public Telemetry(Supplier<Prices> prices) {
    this(prices, Tracing.OFF);
  }

  /** With OpenTelemetry traces as {@code tracing} says (see {@link Tracing#fromEnvironment()}). */
  public Telemetry(Supplier<Prices> prices, Tracing tracing) {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), prices, tracing);
  }

  private Telemetry(PrometheusMeterRegistry registry, Supplier<Prices> prices, Tracing tracing) {
    super(registry, prices);
    this.registry = registry;
    this.tracing = tracing;
  }

  @Override
  public Tracing tracing() { return tracing; }

  /**
   * A Vertx whose worker pool and JVM metrics go to this registry. Vert.x's HTTP and TCP metrics are off, for the
   * server and the client: {@code archon_requests_total}, {@code archon_request_duration_seconds} and
   * {@code archon_requests_in_flight} say the same per model, {@code archon_upstream_*} per provider, and Vert.x
   * built or looked up its meters on every request and every upstream call (about 3 % and 2.5 % of a pass-through
   * request's CPU in profiles).
   */
  public Vertx vertx(VertxOptions options, Transport transport) {
    options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
        .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER).addDisabledMetricsCategory(MetricsDomain.NET_SERVER)
        .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT).addDisabledMetricsCategory(MetricsDomain.NET_CLIENT));
    return Vertx.builder().with(options).withTransport(transport).withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  public PrometheusMeterRegistry registry() { return registry; }

  /** {@code GET /metrics}: the registry in Prometheus text format. */
  public Handler<RoutingContext> scrapeHandler() {
    return PrometheusScrapingHandler.create(registry);
  }

  @Override
  public void requestCompleted(AccessRecord record) {
    AccessLog.write(record);
  }

  @Override
  public void breakerTransition(String provider, String from, String to) {
    LOG.warn("circuit breaker of provider {} went from {} to {}", provider, from, to);
    super.breakerTransition(provider, from, to);
  }
}
