package ai.archon.gateway.bench;

import ai.archon.gateway.config.EnsembleSpec;
import ai.archon.gateway.model.Sampling;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.model.Overrides;
import ai.archon.gateway.pipeline.Pipeline;
import ai.archon.gateway.pipeline.RunContext;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.provider.ChatProvider;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.assembly.Assembly;
import ai.archon.gateway.server.ModelCatalog;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the model in this process, without HTTP: a virtual model's {@link Pipeline} through a {@link RunContext}, or
 * {@code <model_type>/<model>} straight through its provider adapter; both share one {@link Assembly}, so
 * provider limits apply as in the gateway. Must be called on one Vert.x context (call contexts are not thread-safe).
 */
final class InProcessAnswerer implements Answerer {
  private final Assembly assembly;
  private final Pipeline pipeline;
  private final Direct direct;
  private final AtomicLong ids = new AtomicLong();

  /** {@code <model_type>/<model>}: its guarded provider and the names it is priced by. */
  private record Direct(ChatProvider provider, String modelType, String model) { }

  private InProcessAnswerer(Assembly assembly, Pipeline pipeline, Direct direct) {
    this.assembly = assembly;
    this.pipeline = pipeline;
    this.direct = direct;
  }

  /** Resolves {@code model} as the gateway would; fails fast when it is unknown or a needed key is missing. */
  static InProcessAnswerer of(Assembly assembly, List<EnsembleSpec> ensembles, String model) {
    Pipeline pipeline = new ModelCatalog(ensembles, assembly.components()).get(model);
    if (pipeline != null) {
      requireKeys(assembly, model, pipeline.modelTypes());
      return new InProcessAnswerer(assembly, pipeline, null);
    }
    int slash = model.indexOf('/');
    if (slash > 0 && assembly.adapters().knows(model.substring(0, slash))) {
      String modelType = model.substring(0, slash);
      requireKeys(assembly, model, List.of(modelType));
      return new InProcessAnswerer(assembly, null,
          new Direct(assembly.providers().guarded(modelType), modelType, model.substring(slash + 1)));
    }
    List<String> names = ensembles.stream().map(EnsembleSpec::name).sorted().toList();
    throw new IllegalArgumentException("model '" + model + "' is neither a loaded config (" + String.join(", ", names)
        + ") nor <model_type>/<model>");
  }

  @Override
  public Future<ModelReply> ask(List<Message> messages, Double temperature, Integer maxTokens) {
    CallContext call = new CallContext("bench-" + ids.incrementAndGet());
    if (direct != null) {
      Sampling sampling = new Sampling(temperature, maxTokens, null, List.of(), null, null);
      ChatRequest req = new ChatRequest(direct.model(), messages, sampling, null, null);
      return direct.provider().complete(req, call).map(r -> new ModelReply(r.text(), priced(r.usage()), 1));
    }
    Overrides overrides = new Overrides(temperature, maxTokens, null, List.of(), null, null);
    RunContext run = new RunContext(messages, overrides, call, assembly.providers(), GatewayEvents.NONE);
    run.prices(assembly.prices());
    return pipeline.run(run, null).map(r -> new ModelReply(r.answers().get(0), r.usage(), r.upstreamCalls()));
  }

  /** A direct call's usage with its cost at the settings' price (null without one). */
  private ai.archon.gateway.model.Usage priced(ai.archon.gateway.model.Usage u) {
    ai.archon.gateway.config.Prices.Price p = assembly.prices().of(direct.modelType(), direct.model());
    return u.withCost(p == null ? null : p.cost(u));
  }

  private static void requireKeys(Assembly assembly, String model, List<String> modelTypes) {
    List<String> missing = assembly.adapters().missingKeys(modelTypes);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("model '" + model + "' needs provider keys that are not set: "
          + String.join(", ", missing));
    }
  }

  @Override
  public void close() {
    assembly.close();
  }
}
