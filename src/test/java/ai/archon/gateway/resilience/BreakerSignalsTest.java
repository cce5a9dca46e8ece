package ai.archon.gateway.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Reply;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an open breaker tells clients (Retry-After) and monitoring (its state series from creation). */
class BreakerSignalsTest extends GatewayTestBase {

  @BeforeEach
  void start() throws Exception {
    String settings = "{\"providers\": {\"OpenAI_API\": {\"retry\": {\"max_attempts\": 1},"
        + " \"circuit_breaker\": {\"window_size\": 2, \"minimum_calls\": 2, \"open_ms\": 30000}}}}";
    url = gateway.startWithMetrics(Map.of(), settings).url();
  }

  private HttpResponse<String> chat() {
    return Http.post(url + "/v1/chat/completions", Http.chat("OpenAI_API/gpt-x", "hi", null));
  }

  @Test
  void retryAfterIsTheBreakersRemainingOpenTime() {
    upstream.respond("gpt-x", Reply.status(500));
    chat();
    chat();
    HttpResponse<String> open = chat();
    assertEquals(503, open.statusCode(), open.body());
    long seconds = Long.parseLong(open.headers().firstValue("retry-after").orElse("0"));
    assertTrue(seconds >= 25 && seconds <= 30, "open_ms 30000 just began, Retry-After " + seconds);
  }

  @Test
  void stateSeriesExistsBeforeTheFirstTransition() {
    assertEquals(200, chat().statusCode());
    String metrics = Http.get(url + "/metrics").body();
    assertTrue(metrics.contains("archon_circuit_breaker_state{provider=\"OpenAI_API\",state=\"closed\"} 1.0"), metrics);
    assertTrue(metrics.contains("archon_circuit_breaker_state{provider=\"OpenAI_API\",state=\"open\"} 0.0"), metrics);
  }
}
