package ai.archon.gateway.pipeline;

import ai.archon.gateway.model.Relay;
import io.vertx.core.Future;

/**
 * A component that writes new candidates (generator, fuser): it can relay its first sample's tokens as the final
 * layer, so the relay-less run is the relayed one with no relay.
 */
interface CandidateWriter extends Component {

  @Override
  Future<PipelineState> apply(PipelineState in, RunContext run, ComponentTrace trace, Relay relay);

  @Override
  default Future<PipelineState> apply(PipelineState in, RunContext run, ComponentTrace trace) {
    return apply(in, run, trace, null);
  }

  @Override
  default boolean producesCandidates() { return true; }
}
