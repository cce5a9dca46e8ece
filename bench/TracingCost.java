import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.observe.AccessRecord;
import ai.archon.gateway.observe.GenAiSpans;
import ai.archon.gateway.observe.Spans;
import ai.archon.gateway.observe.Tracing;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.RequestOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;

/**
 * What tracing costs the gateway's hot path, in process (no HTTP, no load): the tracing hooks one ensemble request of
 * 4 layers, 6 components and 6 upstream attempts runs through, timed per request with tracing off (no endpoint set),
 * on but not sampled, and on and sampled (exporting to a closed port, so spans are built, queued and dropped). A short
 * single-threaded timing, not a JMH run: read the numbers as orders of magnitude. Run after {@code mvn package}:
 * {@code java -cp "target/archon-gateway.jar" bench/TracingCost.java [requests]}.
 */
public final class TracingCost {
  private static final int LAYERS = 4;
  private static final int[] COMPONENTS = {3, 1, 1, 1};
  private static final ChatRequest REQUEST = new ChatRequest("gpt-x", List.of(Message.user("hi")), 0.7, 100, null,
      List.of(), null, null, null, null);
  private static final Future<ChatResult> RESULT =
      Future.succeededFuture(new ChatResult("ok", new Usage(10, 2), "stop"));
  private static final AccessRecord RECORD =
      new AccessRecord("r-1", null, "tri", false, 200, 5, -1, 6, 0, 60, 12, false);
  /** This thread's CPU time, not wall time: on a shared machine the wall clock also counts other processes' turns. */
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static long sink;

  private TracingCost() { }

  public static void main(String[] args) {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    Tracing off = Tracing.create(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", ""));
    Tracing unsampled = Tracing.create(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9",
        "OTEL_TRACES_SAMPLER", "always_off"));
    Tracing sampled = Tracing.create(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9",
        "OTEL_TRACES_SAMPLER", "always_on", "OTEL_BSP_SCHEDULE_DELAY", "60000"));
    for (int round = 0; round < 5; round++) {
      System.out.printf("round %d: no hooks %.1f ns/request, off %.1f, on unsampled %.0f, on sampled %.0f%n",
          round + 1, time(null, requests), time(off, requests), time(unsampled, requests / 4),
          time(sampled, requests / 4));
    }
    System.out.println("(" + sink + ")");
    unsampled.close();
    sampled.close();
  }

  private static double time(Tracing tracing, int requests) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    RequestOptions options = new RequestOptions();
    for (int i = 0; i < requests / 5; i++) request(tracing, headers, options); // warm-up
    long start = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < requests; i++) request(tracing, headers, options);
    return (CPU.getCurrentThreadCpuTime() - start) / (double) requests;
  }

  /** The hooks of one request, in the order the gateway reaches them; {@code tracing} null: the same loop without. */
  private static void request(Tracing tracing, MultiMap headers, RequestOptions options) {
    if (tracing == null) {
      for (int l = 0; l < LAYERS; l++) {
        for (int c = 0; c < COMPONENTS[l]; c++) {
          if (RESULT.succeeded()) sink++;
        }
      }
      return;
    }
    Context server = tracing.on() ? tracing.request(headers, "POST", "/v1/chat/completions", "r-1") : null;
    for (int l = 0; l < LAYERS; l++) {
      Context layer = Spans.layer(server, "tri", l + 1);
      for (int c = 0; c < COMPONENTS[l]; c++) {
        Context component = layer == null ? null
            : Spans.component(layer, "tri", l + 1, "generator gpt-x (OpenAI_API)", "generator", "gpt-x", "OpenAI_API");
        Context attempt = Spans.attempt(component, "OpenAI_API", "gpt-x", 1);
        Spans.inject(attempt, options);
        if (GenAiSpans.chat(attempt, REQUEST, RESULT).succeeded()) sink++;
        Spans.endAttempt(attempt, "ok", 200, null);
        Spans.endComponent(component, "ok", Usage.ZERO, 1, 1, null);
      }
      Spans.endLayer(layer, 1, 1, null);
    }
    Spans.endRequest(server, RECORD);
  }
}
