package ai.archon.gateway.spi.shouter;

import ai.archon.gateway.config.ComponentFields;
import ai.archon.gateway.config.ComponentOptions;
import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.pipeline.CallOptions;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.Purpose;
import ai.archon.gateway.pipeline.Component;
import ai.archon.gateway.pipeline.ComponentTrace;
import ai.archon.gateway.pipeline.PipelineState;
import ai.archon.gateway.pipeline.RunContext;
import ai.archon.gateway.spi.ComponentTypeProvider;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Example extension component {@code "type": "shouter"}, a whole component type in one package registered by one line
 * in {@code META-INF/services/ai.archon.gateway.spi.ComponentTypeProvider}: it reads its own key {@code "prefix"}
 * into {@link ShoutOptions}, asks its model to rewrite each candidate (one call each, all at once) and upper-cases
 * the rewrites.
 */
public final class ShoutingComponentType implements ComponentTypeProvider {
  @Override
  public String type() { return "shouter"; }

  @Override
  public Set<String> usedKeys() { return Set.of("prefix"); }

  @Override
  public ComponentOptions parse(ComponentFields fields) {
    String prefix = fields.string("prefix");
    return new ShoutOptions(prefix == null ? "" : prefix);
  }

  @Override
  public Component create(ComponentSpec spec, boolean finalLayer) {
    String prefix = spec.options(ShoutOptions.class).prefix();
    return new Component() {
      @Override
      public ComponentSpec spec() { return spec; }

      @Override
      public Future<PipelineState> apply(PipelineState in, RunContext run, ComponentTrace trace) {
        List<Future<ChatResult>> calls = new ArrayList<>();
        for (String c : in.candidates()) {
          calls.add(run.call(spec, new CallOptions(List.of(Message.user(c)), new Purpose("shouter", 1),
              spec.temperature(), spec.maxTokens(), finalLayer), trace));
        }
        return Future.all(calls).map(done -> {
          List<String> out = new ArrayList<>();
          for (Future<ChatResult> f : calls) out.add(prefix + f.result().text().toUpperCase(Locale.ROOT));
          return in.withCandidates(out);
        });
      }
    };
  }
}
