package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import io.vertx.core.Future;

/** One configured component of a layer: turns the layer's input state into its contribution to the layer output. */
public interface Component {

  ComponentSpec spec();

  /**
   * Runs the component. A generator or fuser whose calls all fail returns a failed future (it adds nothing); a
   * component that only judges candidates (critic, ranker) degrades to passing its input through instead.
   */
  Future<PipelineState> apply(PipelineState in, RunContext run, ComponentTrace trace);

  /** True for components that write new candidates (generator, fuser) and can relay tokens as the final layer. */
  default boolean producesCandidates() {
    return false;
  }
}
