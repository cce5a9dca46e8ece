package ai.archon.gateway.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One component of an Archon layer, as loaded and validated: what every component has, plus the options its type
 * read for itself ({@code RankerOptions}, …). Optional numbers are null when the config leaves them out. {@code raw}
 * keeps the component's original JSON (for the trace and for extension components).
 *
 * @param type the component type, one of Archon's seven or an extension's
 * @param target which model it calls and how
 * @param decoding how many outputs and with which sampling settings
 * @param fallbacks models tried in order when this one's provider is open or its attempts are spent
 * @param options the settings its type reads for itself; {@link ComponentOptions#NONE} when it reads none
 * @param raw the component's JSON object as written
 */
public record ComponentSpec(
    String type, Target target, Decoding decoding, List<Fallback> fallbacks, ComponentOptions options, ObjectNode raw) {

  /**
   * The model a component calls.
   *
   * @param model the provider's model id
   * @param modelType the provider key (Archon's model_type), e.g. Together_API
   * @param baseUrl a per-component endpoint (vLLM, tgi), or null for the provider's
   * @param noSystem the model takes no system message (o1): fold the system text into the first user message
   */
  public record Target(String model, String modelType, String baseUrl, boolean noSystem) { }

  /**
   * How a component samples.
   *
   * @param samples how many outputs the component produces (generator, fuser); at least 1
   * @param temperature sampling temperature, or null for the provider default
   * @param maxTokens output limit from {@code max_tokens} or {@code max_context_length}, or null
   */
  public record Decoding(int samples, Double temperature, Integer maxTokens) { }

  /** Another model (and model_type) that can stand in for the component's own. */
  public record Fallback(String model, String modelType) { }

  public ComponentSpec {
    fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    options = options == null ? ComponentOptions.NONE : options;
  }

  public String model() { return target.model(); }

  public String modelType() { return target.modelType(); }

  public String baseUrl() { return target.baseUrl(); }

  public boolean noSystem() { return target.noSystem(); }

  public int samples() { return decoding.samples(); }

  public Double temperature() { return decoding.temperature(); }

  public Integer maxTokens() { return decoding.maxTokens(); }

  /** The options as the type's own record, e.g. {@code spec.options(RankerOptions.class)}. */
  public <T extends ComponentOptions> T options(Class<T> type) {
    if (!type.isInstance(options)) {
      throw new IllegalStateException(label() + " has " + options + ", not " + type.getSimpleName());
    }
    return type.cast(options);
  }

  /** This component calling {@code f}'s model instead of its own (no per-component base_url). */
  public ComponentSpec with(Fallback f) {
    return new ComponentSpec(type, new Target(f.model(), f.modelType(), null, target.noSystem()), decoding, List.of(),
        options, raw);
  }

  /** A short label for messages and traces: {@code fuser Qwen/Qwen2-72B-Instruct (Together_API)}. */
  public String label() {
    return type + " " + model() + " (" + modelType() + ")";
  }
}
