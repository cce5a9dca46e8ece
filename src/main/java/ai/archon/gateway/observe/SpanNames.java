package ai.archon.gateway.observe;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The span attribute keys the gateway writes: OpenTelemetry's HTTP and GenAI semantic conventions, and its own
 * {@code archon.*} ones (docs/tracing.md lists them per span). Made once, not per span.
 */
final class SpanNames {
  private SpanNames() { }

  // HTTP server conventions.
  static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
  static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  // GenAI conventions (on the attempt spans: one per model call, so backends that sum tokens count each call once).
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
  /** The name the conventions used before {@code gen_ai.provider.name}; many backends still read it. */
  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
  static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
  static final AttributeKey<Double> TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
  static final AttributeKey<Long> SEED = AttributeKey.longKey("gen_ai.request.seed");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<List<String>> FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  /** Prompt and completion text: only with {@link Tracing#CAPTURE_CONTENT} (they may hold personal data). */
  static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
  static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");

  // The gateway's own.
  static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("archon.request_id");
  static final AttributeKey<String> MODEL = AttributeKey.stringKey("archon.model");
  static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("archon.stream");
  static final AttributeKey<Long> LAYER = AttributeKey.longKey("archon.layer");
  static final AttributeKey<String> COMPONENT = AttributeKey.stringKey("archon.component");
  static final AttributeKey<String> COMPONENT_TYPE = AttributeKey.stringKey("archon.component.type");
  static final AttributeKey<String> STATUS = AttributeKey.stringKey("archon.status");
  static final AttributeKey<Boolean> DEGRADED = AttributeKey.booleanKey("archon.degraded");
  static final AttributeKey<String> NOTE = AttributeKey.stringKey("archon.error");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("archon.provider");
  static final AttributeKey<String> PURPOSE = AttributeKey.stringKey("archon.purpose");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("archon.attempt");
  static final AttributeKey<Long> CANDIDATES_IN = AttributeKey.longKey("archon.candidates_in");
  static final AttributeKey<Long> CANDIDATES_OUT = AttributeKey.longKey("archon.candidates_out");
  static final AttributeKey<Long> UPSTREAM_CALLS = AttributeKey.longKey("archon.upstream_calls");
  static final AttributeKey<Long> RETRIES = AttributeKey.longKey("archon.retries");
  /** Sums over a component's or a request's calls: not gen_ai.usage.*, which would count those calls twice. */
  static final AttributeKey<Long> TOTAL_INPUT_TOKENS = AttributeKey.longKey("archon.usage.input_tokens");
  static final AttributeKey<Long> TOTAL_OUTPUT_TOKENS = AttributeKey.longKey("archon.usage.output_tokens");
  static final AttributeKey<Long> WAIT_MS = AttributeKey.longKey("archon.wait_ms");
  static final AttributeKey<Long> DELAY_MS = AttributeKey.longKey("archon.delay_ms");
  static final AttributeKey<String> REASON = AttributeKey.stringKey("archon.reason");
}
