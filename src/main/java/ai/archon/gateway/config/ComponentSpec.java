package ai.archon.gateway.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One component of an Archon layer, as loaded and validated. Optional numbers are null when the config leaves them
 * out. {@code raw} keeps the component's original JSON (for the trace and for extension components).
 *
 * @param type one of generator, critic, ranker, fuser, verifier, unit_test_generator, unit_test_evaluator
 * @param model the provider's model id
 * @param modelType the provider key (Archon's model_type), e.g. Together_API
 * @param samples how many outputs the component produces (generator, fuser); at least 1
 * @param temperature sampling temperature, or null for the provider default
 * @param maxTokens output limit from {@code max_tokens} or {@code max_context_length}, or null
 * @param topK ranker: how many candidates to keep; null elsewhere means "all"
 * @param useCritiques ranker: show critiques to the ranker
 * @param lengthControl fuser: keep the fused answer no longer than the longest candidate
 * @param noSystem the model takes no system message (o1): fold the system text into the first user message
 * @param firstK verifier / unit_test_evaluator early stop, or null
 * @param unitTestCap unit_test_generator: how many tests, or null for the default
 * @param removeUnitTestsFromPrompt unit_test_evaluator: later layers see the query without the tests
 * @param baseUrl a per-component endpoint (vLLM, tgi), or null for the provider's
 * @param fallbacks models tried in order when this one's provider is open or its attempts are spent
 */
public record ComponentSpec(
    String type,
    String model,
    String modelType,
    int samples,
    Double temperature,
    Integer maxTokens,
    Integer topK,
    boolean useCritiques,
    boolean lengthControl,
    boolean noSystem,
    Integer firstK,
    Integer unitTestCap,
    boolean removeUnitTestsFromPrompt,
    String baseUrl,
    ObjectNode raw,
    List<Fallback> fallbacks) {

  /** Another model (and model_type) that can stand in for the component's own. */
  public record Fallback(String model, String modelType) { }

  public ComponentSpec {
    fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
  }

  public ComponentSpec(String type, String model, String modelType, int samples, Double temperature, Integer maxTokens,
      Integer topK, boolean useCritiques, boolean lengthControl, boolean noSystem, Integer firstK, Integer unitTestCap,
      boolean removeUnitTestsFromPrompt, String baseUrl, ObjectNode raw) {
    this(type, model, modelType, samples, temperature, maxTokens, topK, useCritiques, lengthControl, noSystem, firstK,
        unitTestCap, removeUnitTestsFromPrompt, baseUrl, raw, List.of());
  }

  /** This component calling {@code f}'s model instead of its own (no per-component base_url). */
  public ComponentSpec with(Fallback f) {
    return new ComponentSpec(type, f.model(), f.modelType(), samples, temperature, maxTokens, topK, useCritiques,
        lengthControl, noSystem, firstK, unitTestCap, removeUnitTestsFromPrompt, null, raw, List.of());
  }

  /** A short label for messages and traces: {@code fuser Qwen/Qwen2-72B-Instruct (Together_API)}. */
  public String label() {
    return type + " " + model + " (" + modelType + ")";
  }
}
