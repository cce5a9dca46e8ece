package ai.archon.gateway.observe;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.vertx.core.MultiMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's OpenTelemetry traces: the SDK as its autoconfigure module builds it from the standard {@code OTEL_*}
 * variables, or {@link #OFF} when no OTLP endpoint is set (or {@code OTEL_SDK_DISABLED=true}). Off, a request gets no
 * trace context at all, so every span helper in {@link Spans} returns at its first null check. Each trace context it
 * makes carries this object, so the helpers find the tracer and the content switch in the parent context they are
 * given instead of in a field of every class on the way.
 */
public final class Tracing implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);
  /** Tracing is on only with one of these set: without a collector to send to, spans would be built for nothing. */
  static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
  static final String TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
  static final String DISABLED = "OTEL_SDK_DISABLED";
  /** The GenAI conventions' opt-in for prompt and completion text on spans; off unless set to true. */
  public static final String CAPTURE_CONTENT = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";
  static final String SCOPE = "ai.archon.gateway";
  static final ContextKey<Tracing> KEY = ContextKey.named("archon-tracing");

  /** No SDK, no spans, no propagation. */
  public static final Tracing OFF = new Tracing(null, false);

  private static final TextMapGetter<MultiMap> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(MultiMap carrier) { return carrier.names(); }

    @Override
    public String get(MultiMap carrier, String key) { return carrier == null ? null : carrier.get(key); }
  };

  private final OpenTelemetrySdk sdk;
  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final boolean captureContent;

  private Tracing(OpenTelemetrySdk sdk, boolean captureContent) {
    this.sdk = sdk;
    this.tracer = sdk == null ? null : sdk.getTracer(SCOPE);
    this.propagator = sdk == null ? TextMapPropagator.noop() : sdk.getPropagators().getTextMapPropagator();
    this.captureContent = captureContent;
  }

  /** From the process's environment and system properties, as the SDK itself reads them. */
  public static Tracing fromEnvironment() {
    return create(Map.of());
  }

  /**
   * With {@code overrides} (environment-variable names such as {@code OTEL_EXPORTER_OTLP_ENDPOINT}) taking precedence
   * over the process's environment: a JVM cannot change its own environment, so tests configure tracing this way.
   */
  public static Tracing create(Map<String, String> overrides) {
    UnaryOperator<String> setting = name -> {
      String v = overrides.get(name);
      if (v == null) v = System.getProperty(property(name));
      return v != null ? v : System.getenv(name);
    };
    if (!enabled(setting)) return OFF;
    try {
      OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> defaults(setting))
          .addPropertiesCustomizer(config -> properties(overrides))
          // Closed by the gateway after its own shutdown, so the spans of the requests it drained are exported too.
          .disableShutdownHook()
          .build().getOpenTelemetrySdk();
      boolean capture = "true".equalsIgnoreCase(trim(setting.apply(CAPTURE_CONTENT)));
      LOG.info("tracing on: OTLP export to {}{}", endpoint(setting),
          capture ? " (prompt and completion text on spans: " + CAPTURE_CONTENT + "=true)" : "");
      return new Tracing(sdk, capture);
    } catch (RuntimeException e) {
      // A tracing misconfiguration (e.g. the grpc protocol, whose sender is not bundled) must not stop the gateway.
      Throwable root = e;
      while (root.getCause() != null) root = root.getCause();
      boolean grpc = "grpc".equalsIgnoreCase(trim(setting.apply("OTEL_EXPORTER_OTLP_PROTOCOL")))
          || "grpc".equalsIgnoreCase(trim(setting.apply("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")));
      LOG.error("tracing off: the OpenTelemetry SDK could not be configured from the OTEL_* settings: {}{}",
          root == e ? e.getMessage() : e.getMessage() + ": " + root.getMessage(),
          grpc ? " (the gateway exports OTLP over http/protobuf only: unset OTEL_EXPORTER_OTLP_PROTOCOL or set it to"
              + " http/protobuf, and point the endpoint at the collector's HTTP port, usually 4318)" : "");
      return OFF;
    }
  }

  static boolean enabled(UnaryOperator<String> setting) {
    if ("true".equalsIgnoreCase(trim(setting.apply(DISABLED)))) return false;
    if ("none".equalsIgnoreCase(trim(setting.apply("OTEL_TRACES_EXPORTER")))) return false;
    return !trim(setting.apply(ENDPOINT)).isEmpty() || !trim(setting.apply(TRACES_ENDPOINT)).isEmpty();
  }

  /**
   * What the gateway changes from the SDK's defaults (any OTEL_* setting still wins): its service name, OTLP over
   * http/protobuf (the bundled sender is the JDK's HTTP client: no gRPC), and traces only (no OTel metrics or logs:
   * metrics are Prometheus' job here, logs go to stderr).
   */
  private static Map<String, String> defaults(UnaryOperator<String> setting) {
    Map<String, String> d = new HashMap<>();
    if (!trim(setting.apply("OTEL_RESOURCE_ATTRIBUTES")).contains("service.name=")) {
      d.put("otel.service.name", "archon-gateway");
    }
    d.put("otel.exporter.otlp.protocol", "http/protobuf");
    d.put("otel.metrics.exporter", "none");
    d.put("otel.logs.exporter", "none");
    return d;
  }

  private static Map<String, String> properties(Map<String, String> env) {
    Map<String, String> p = new HashMap<>();
    env.forEach((k, v) -> p.put(property(k), v));
    return p;
  }

  /** {@code OTEL_EXPORTER_OTLP_ENDPOINT} → {@code otel.exporter.otlp.endpoint}, as the SDK maps them. */
  static String property(String envName) {
    return envName.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  private static String endpoint(UnaryOperator<String> setting) {
    String traces = trim(setting.apply(TRACES_ENDPOINT));
    return traces.isEmpty() ? trim(setting.apply(ENDPOINT)) : traces;
  }

  private static String trim(String s) {
    return s == null ? "" : s.trim();
  }

  /** True when requests are traced. */
  public boolean on() { return tracer != null; }

  /** True when the operator opted in to prompt and completion text on spans ({@link #CAPTURE_CONTENT}). */
  boolean capturesContent() { return captureContent; }

  Tracer tracer() { return tracer; }

  TextMapPropagator propagator() { return propagator; }

  /**
   * Starts the server span of one API request, its parent taken from the request's {@code traceparent} and
   * {@code tracestate} (and baggage) headers. Returns the context for everything the request does, or null when off.
   */
  public Context request(MultiMap headers, String method, String route, String requestId) {
    if (tracer == null) return null;
    Context parent = propagator.extract(Context.root(), headers, HEADERS);
    Span span = tracer.spanBuilder(method + " " + route).setParent(parent).setSpanKind(SpanKind.SERVER)
        .setAttribute(SpanNames.HTTP_METHOD, method)
        .setAttribute(SpanNames.HTTP_ROUTE, route)
        .setAttribute(SpanNames.REQUEST_ID, requestId)
        .startSpan();
    return parent.with(span).with(KEY, this);
  }

  /** Exports what is buffered now (tests, shutdown). */
  public void flush() {
    if (sdk != null) sdk.getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
  }

  /** Exports what is left and stops the SDK (blocks up to 5 s: call it off the event loops, at shutdown). */
  @Override
  public void close() {
    if (sdk != null) sdk.shutdown().join(5, TimeUnit.SECONDS);
  }
}
