package ai.archon.gateway.observe;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.Usage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vertx.core.http.RequestOptions;
import java.util.Locale;
import java.util.Map;

/**
 * The spans of one request below its server span: a span per pipeline layer, per component and per upstream attempt,
 * and events for what happens between attempts. Every method takes the parent's trace context and does nothing (and
 * returns null) when it is null, which is what an untraced request carries: with tracing off the hot path costs one
 * null check per call site.
 */
public final class Spans {
  /** {@code gen_ai.provider.name} for the built-in model_types the conventions name; others are lower-cased. */
  private static final Map<String, String> PROVIDER_NAMES = Map.of("OpenAI_API", "openai",
      "Anthropic_API", "anthropic", "Google_API", "gcp.gemini", "Bedrock_API", "aws.bedrock", "Groq_API", "groq");

  private static final TextMapSetter<RequestOptions> HEADERS = (options, key, value) -> {
    if (options != null) options.removeHeader(key).putHeader(key, value);
  };

  private Spans() { }

  /** The span in {@code context}, or null when it holds none (not traced). */
  static Span span(Context context) {
    return context == null ? null : Span.fromContextOrNull(context);
  }

  /** Tracing settings of the request {@code context} belongs to (null when not traced). */
  static Tracing tracing(Context context) {
    return context == null ? null : context.get(Tracing.KEY);
  }

  private static Context start(Context parent, String name, SpanKind kind, String model) {
    Tracing tracing = tracing(parent);
    if (tracing == null) return null;
    Span span = tracing.tracer().spanBuilder(name).setParent(parent).setSpanKind(kind).startSpan();
    if (model != null) span.setAttribute(SpanNames.MODEL, model);
    return parent.with(span);
  }

  /** The span of layer {@code number} of virtual model {@code model}. */
  public static Context layer(Context parent, String model, int number) {
    if (parent == null) return null; // before the name is built: off, nothing is allocated
    Context c = start(parent, "layer " + number, SpanKind.INTERNAL, model);
    if (c != null) Span.fromContext(c).setAttribute(SpanNames.LAYER, number);
    return c;
  }

  /** A layer ended with these candidate counts; {@code failure} is why it failed, or null. */
  public static void endLayer(Context layer, int in, int out, String failure) {
    Span span = span(layer);
    if (span == null) return;
    span.setAttribute(SpanNames.CANDIDATES_IN, in).setAttribute(SpanNames.CANDIDATES_OUT, out);
    if (failure != null) span.setStatus(StatusCode.ERROR, failure);
    span.end();
  }

  /**
   * The span of one component of a layer: its spec's label names it as the trace JSON does (type, model and provider),
   * and its attempts' spans are its children.
   */
  public static Context component(Context layer, String model, int number, ComponentSpec spec) {
    if (layer == null) return null;
    String type = spec.type();
    String componentModel = spec.model();
    String provider = spec.modelType();
    Context c = start(layer, type + " " + componentModel, SpanKind.INTERNAL, model);
    if (c == null) return null;
    Span.fromContext(c).setAttribute(SpanNames.LAYER, number).setAttribute(SpanNames.COMPONENT, spec.label())
        .setAttribute(SpanNames.COMPONENT_TYPE, type).setAttribute(SpanNames.REQUEST_MODEL, componentModel)
        .setAttribute(SpanNames.PROVIDER_NAME, providerName(provider)).setAttribute(SpanNames.PROVIDER, provider);
    return c;
  }

  /**
   * A component finished with {@code status} (ok, partial, failed, unparsed, skipped, cut): anything but ok means the
   * answer was built without all of it. {@code error} is its last failure, or null.
   */
  public static void endComponent(Context component, String status, Usage usage, int in, int out, String error) {
    Span span = span(component);
    if (span == null) return;
    boolean degraded = !"ok".equals(status);
    span.setAttribute(SpanNames.STATUS, status).setAttribute(SpanNames.DEGRADED, degraded)
        .setAttribute(SpanNames.TOTAL_INPUT_TOKENS, usage.promptTokens())
        .setAttribute(SpanNames.TOTAL_OUTPUT_TOKENS, usage.completionTokens())
        .setAttribute(SpanNames.CANDIDATES_IN, in).setAttribute(SpanNames.CANDIDATES_OUT, out);
    if (error != null) span.setAttribute(SpanNames.NOTE, error);
    if ("failed".equals(status)) span.setStatus(StatusCode.ERROR, error == null ? status : error);
    span.end();
  }

  /**
   * The CLIENT span of one upstream HTTP attempt ({@code number} counts the attempts of one logical call from 1, so
   * retries are its siblings). Named and attributed as the GenAI conventions' inference span; the adapter's call
   * adds the request's and the reply's details ({@link GenAiSpans}).
   */
  public static Context attempt(Context parent, String provider, String model, int number) {
    if (parent == null) return null;
    Context c = start(parent, "chat " + model, SpanKind.CLIENT, null);
    if (c == null) return null;
    String name = providerName(provider);
    Span.fromContext(c).setAttribute(SpanNames.OPERATION, "chat").setAttribute(SpanNames.PROVIDER_NAME, name)
        .setAttribute(SpanNames.SYSTEM, name).setAttribute(SpanNames.PROVIDER, provider)
        .setAttribute(SpanNames.REQUEST_MODEL, model).setAttribute(SpanNames.ATTEMPT, number);
    return c;
  }

  /** An attempt ended: {@code outcome} as the metrics name it (ok, error, timeout, io, cancelled), the HTTP status. */
  public static void endAttempt(Context attempt, String outcome, int status, Throwable failure) {
    Span span = span(attempt);
    if (span == null) return;
    span.setAttribute(SpanNames.STATUS, outcome);
    if (status > 0) span.setAttribute(SpanNames.HTTP_STATUS, status);
    // A cancelled attempt (client gone, straggler cut) is the gateway's decision, not the upstream's failure.
    if (failure != null && !"cancelled".equals(outcome)) {
      span.setAttribute(SpanNames.ERROR_TYPE, status > 0 ? Integer.toString(status) : outcome);
      span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
    }
    span.end();
  }

  /** The call waited {@code waitMs} for a rate-limit permit or a concurrency slot before its attempt (0: no event). */
  public static void waited(Context parent, long waitMs) {
    Span span = span(parent);
    if (span != null && waitMs > 0) span.addEvent("archon.rate_limit.wait", Attributes.of(SpanNames.WAIT_MS, waitMs));
  }

  /**
   * The gateway refused the attempt itself ({@code reason}: breaker_open, rate_limited, unavailable): no request
   * left, so there is no attempt span.
   */
  public static void rejected(Context parent, String provider, String reason) {
    Span span = span(parent);
    if (span != null) {
      span.addEvent("archon.upstream.rejected", Attributes.of(SpanNames.PROVIDER, provider,
          SpanNames.REASON, reason));
    }
  }

  /** A failed attempt will be retried after {@code delayMs}. */
  public static void retrying(Context parent, long delayMs, int status, String outcome) {
    Span span = span(parent);
    if (span != null) {
      span.addEvent("archon.upstream.retry", Attributes.of(SpanNames.DELAY_MS, delayMs,
          SpanNames.ERROR_TYPE, status > 0 ? Integer.toString(status) : outcome));
    }
  }

  /**
   * Writes {@code context}'s W3C {@code traceparent} and {@code tracestate} (as the configured propagators say) into
   * an upstream request, so the provider's side of the call joins the trace.
   */
  public static void inject(Context context, RequestOptions options) {
    Tracing tracing = tracing(context);
    if (tracing != null) tracing.propagator().inject(context, options, HEADERS);
  }

  /** The request ended: its server span gets what the access log line says, and ends. */
  public static void endRequest(Context request, AccessRecord r) {
    Span span = span(request);
    if (span == null) return;
    span.setAttribute(SpanNames.HTTP_STATUS, r.outcome().status()).setAttribute(SpanNames.STREAM, r.request().stream())
        .setAttribute(SpanNames.UPSTREAM_CALLS, r.counts().upstreamCalls())
        .setAttribute(SpanNames.RETRIES, r.counts().retries())
        .setAttribute(SpanNames.TOTAL_INPUT_TOKENS, r.counts().promptTokens())
        .setAttribute(SpanNames.TOTAL_OUTPUT_TOKENS, r.counts().completionTokens())
        .setAttribute(SpanNames.DEGRADED, r.outcome().degraded());
    if (r.request().model() != null) span.setAttribute(SpanNames.MODEL, r.request().model());
    // Server spans are errors for 5xx only: a 4xx is the client's mistake, not the gateway's failure.
    if (r.outcome().status() >= 500) {
      span.setAttribute(SpanNames.ERROR_TYPE, Integer.toString(r.outcome().status()));
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  /** {@code gen_ai.provider.name} of a model_type. */
  static String providerName(String modelType) {
    String known = PROVIDER_NAMES.get(modelType);
    if (known != null) return known;
    String lower = modelType.toLowerCase(Locale.ROOT);
    return lower.endsWith("_api") ? lower.substring(0, lower.length() - 4) : lower;
  }
}
