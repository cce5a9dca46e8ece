package ai.archon.gateway.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.config.Prices;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.support.Prometheus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The per-event meters straight against a registry: labels, status slots, and prices that change on reload. */
class PrometheusEventsTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<Prices> prices =
      new AtomicReference<>(new Prices(Map.of("vLLM/m", new Prices.Price(2.0, 0.0))));
  private final PrometheusEvents events = new PrometheusEvents(registry, prices::get);

  PrometheusEventsTest() {
    events.modelsKnown(ModelLabels.of(java.util.Set.of("a", "vLLM/m")));
  }

  @Test
  void unknownModelsAreCountedAsOther() {
    events.requestFinished("OpenAI_API/invented", false, 200, 1_000_000, -1);
    events.upstreamAttempt("OpenAI_API", "invented", "ok", 200, 1_000_000);
    String m = registry.scrape();
    assertEquals(1.0, Prometheus.value(m, "archon_requests_total", "model=\"other\"", "status=\"200\""));
    assertEquals(1.0, Prometheus.value(m, "archon_upstream_requests_total", "model=\"other\""));
  }

  @Test
  void requestsAreCountedByModelStreamAndStatusIncludingOddStatuses() {
    events.requestFinished("a", false, 200, 1_000_000, -1);
    events.requestFinished("a", false, 200, 1_000_000, -1);
    events.requestFinished("a", true, 200, 1_000_000, 500_000);
    events.requestFinished("a", false, 599, 1_000_000, -1);
    events.requestFinished(null, false, 99, 1_000_000, -1);
    events.requestFinished(null, false, 600, 1_000_000, -1);
    String m = registry.scrape();
    assertEquals(2.0, Prometheus.value(m, "archon_requests_total", "model=\"a\"", "stream=\"false\"", "status=\"200\""));
    assertEquals(1.0, Prometheus.value(m, "archon_requests_total", "model=\"a\"", "stream=\"true\"", "status=\"200\""));
    assertEquals(1.0, Prometheus.value(m, "archon_requests_total", "model=\"a\"", "status=\"599\""));
    assertEquals(1.0, Prometheus.value(m, "archon_requests_total", "model=\"unknown\"", "status=\"99\""));
    assertEquals(1.0, Prometheus.value(m, "archon_requests_total", "model=\"unknown\"", "status=\"600\""));
    assertEquals(3.0, Prometheus.value(m, "archon_request_duration_seconds_count", "model=\"a\"", "stream=\"false\""));
    assertEquals(1.0, Prometheus.value(m, "archon_time_to_first_token_seconds_count", "model=\"a\""));
  }

  @Test
  void upstreamCallsTokensAndCostFollowAReloadedPriceTable() {
    events.upstreamAttempt("vLLM", "m", "ok", 200, 2_000_000);
    events.upstreamAttempt("vLLM", "m", "error", 500, 2_000_000);
    events.upstreamAttempt("vLLM", "m", "ok", 200, 2_000_000);
    events.upstreamTokens("vLLM", "m", new Usage(1_000_000, 10));
    prices.set(new Prices(Map.of("vLLM/m", new Prices.Price(3.0, 0.0))));
    events.upstreamTokens("vLLM", "m", new Usage(1_000_000, 5));
    prices.set(Prices.NONE);
    events.upstreamTokens("vLLM", "m", new Usage(1_000_000, 5));
    String m = registry.scrape();
    assertEquals(2.0, Prometheus.value(m, "archon_upstream_requests_total", "outcome=\"ok\""));
    assertEquals(1.0, Prometheus.value(m, "archon_upstream_requests_total", "outcome=\"error\""));
    assertEquals(1.0, Prometheus.value(m, "archon_upstream_request_duration_seconds_count", "outcome=\"error\""));
    assertEquals(3_000_000.0, Prometheus.value(m, "archon_upstream_tokens_total", "direction=\"input\""));
    assertEquals(20.0, Prometheus.value(m, "archon_upstream_tokens_total", "direction=\"output\""));
    assertEquals(5.0, Prometheus.value(m, "archon_estimated_cost_usd_total", "model=\"m\""), 1e-9);
  }
}
