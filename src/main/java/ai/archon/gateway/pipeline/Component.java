package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.Relay;
import io.vertx.core.Future;

/** One configured component of a layer: turns the layer's input state into its contribution to the layer output. */
public interface Component {

  ComponentSpec spec();

  /**
   * Runs the component. A generator or fuser whose calls all fail returns a failed future (it adds nothing); a
   * component that only judges candidates (critic, ranker) degrades to passing its input through instead.
   */
  Future<PipelineState> apply(PipelineState in, RunContext run, ComponentTrace trace);

  /**
   * Runs the component as the final layer's only one for a streaming client: a component that writes candidates
   * sends its first sample's tokens to {@code relay} as they arrive. Others ignore the relay.
   */
  default Future<PipelineState> apply(PipelineState in, RunContext run, ComponentTrace trace, Relay relay) {
    return apply(in, run, trace);
  }

  /** True for components that write new candidates (generator, fuser) and can relay tokens as the final layer. */
  default boolean producesCandidates() {
    return false;
  }
}
