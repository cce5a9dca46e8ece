package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.Purpose;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one critique per candidate in a single call. A reply with the wrong number of blocks is asked once more;
 * after that (or when the calls fail) the candidates pass on without critiques rather than failing the request.
 */
final class Critic implements Component {
  private static final Logger LOG = LoggerFactory.getLogger(Critic.class);
  private final ComponentSpec spec;

  Critic(ComponentSpec spec) {
    this.spec = spec;
  }

  @Override
  public ComponentSpec spec() { return spec; }

  @Override
  public Future<PipelineState> apply(PipelineState in, RunContext run, ComponentTrace trace) {
    var messages = Prompts.critic(run.conversation(), in.candidates());
    Purpose purpose = new Purpose(Purpose.CRITIC, in.size());
    return attempt(in, run, trace, messages, purpose, 2);
  }

  private Future<PipelineState> attempt(PipelineState in, RunContext run, ComponentTrace trace,
      List<ai.archon.gateway.model.Message> messages, Purpose purpose, int triesLeft) {
    return run.call(spec, messages, purpose, trace)
        .map(r -> CritiqueParser.parse(r.text(), in.size()))
        .transform(ar -> {
          if (ar.failed()) {
            trace.degrade("failed", "critic call failed; candidates passed on without critiques");
            return Future.succeededFuture(in.withCritiques(null));
          }
          Optional<List<String>> critiques = ar.result();
          if (critiques.isPresent()) return Future.succeededFuture(in.withCritiques(critiques.get()));
          if (triesLeft > 1) return attempt(in, run, trace, messages, purpose, triesLeft - 1);
          LOG.warn("[{}] critic {} did not write {} critiques twice; going on without critiques",
              run.callContext().requestId(), spec.model(), in.size());
          trace.degrade("unparsed", "reply did not hold one critique per candidate (asked twice)");
          return Future.succeededFuture(in.withCritiques(null));
        });
  }
}
