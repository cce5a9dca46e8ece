package ai.archon.gateway.resilience;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Comparator;
import java.util.Map;

/** The admin view {@code GET /v1/archon/providers}: per provider called so far, its breakers, calls and limits. */
public final class ProvidersView {
  private ProvidersView() { }

  public static ObjectNode of(Guards guards) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    guards.all().stream().sorted(Comparator.comparing(Guard::provider)).forEach(g -> data.add(provider(g)));
    return root;
  }

  private static ObjectNode provider(Guard g) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("provider", g.provider());
    n.put("calls", g.attempts());
    n.put("retries", g.retries());
    ArrayNode breakers = n.putArray("breakers");
    String state = "CLOSED";
    for (Map.Entry<String, CircuitBreaker> e : g.breakers().entrySet()) {
      CircuitBreaker cb = e.getValue();
      CircuitBreaker.Metrics m = cb.getMetrics();
      ObjectNode b = breakers.addObject();
      b.put("name", e.getKey());
      b.put("state", cb.getState().name());
      b.put("failure_rate", m.getFailureRate());
      b.put("buffered_calls", m.getNumberOfBufferedCalls());
      b.put("failed_calls", m.getNumberOfFailedCalls());
      b.put("not_permitted_calls", m.getNumberOfNotPermittedCalls());
      if (cb.getState() != CircuitBreaker.State.CLOSED) state = cb.getState().name();
    }
    n.put("breaker_state", state);
    var rate = g.policy().rateLimit();
    Limiter.Usage u = g.limiter().usage();
    n.putObject("rate_limit").put("rpm", rate.rpm()).put("requests_last_minute", u.requests())
        .put("tpm", rate.tpm()).put("tokens_last_minute", u.tokens())
        .put("max_concurrency", rate.maxConcurrency()).put("in_flight", g.gate().inFlight()).put("queued", g.queued());
    return n;
  }
}
