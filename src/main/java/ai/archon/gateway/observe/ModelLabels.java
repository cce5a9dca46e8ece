package ai.archon.gateway.observe;

import ai.archon.gateway.config.ClientKeySpec;
import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.config.EnsembleSpec;
import ai.archon.gateway.config.ModelAlias;
import ai.archon.gateway.config.ModelTypeIndex;
import ai.archon.gateway.config.Settings;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model names that may become metric label values: the virtual models, the {@code <model_type>/<model>} each
 * config's components (and fallbacks) call, the models with a price, the models of gateway keys' allow-lists and of
 * {@code model_aliases}. Anything else a client names is labelled {@link #OTHER}, so {@code /metrics} stays bounded
 * however many pass-through names clients invent.
 */
public final class ModelLabels {
  public static final String OTHER = "other";
  public static final ModelLabels NONE = new ModelLabels(Set.of());
  /** The known names, looked up whole (a requested model) or by model_type and model (an upstream call). */
  private final ModelTypeIndex<Boolean> known;

  private ModelLabels(Set<String> names) {
    Map<String, Boolean> joined = new HashMap<>();
    for (String n : names) joined.put(n, Boolean.TRUE);
    this.known = new ModelTypeIndex<>(joined);
  }

  /** Exactly these names (virtual models and {@code <model_type>/<model>}). */
  public static ModelLabels of(Set<String> names) {
    return new ModelLabels(names);
  }

  public static ModelLabels of(Collection<EnsembleSpec> ensembles, Settings settings) {
    Set<String> known = new HashSet<>();
    for (EnsembleSpec e : ensembles) {
      known.add(e.name());
      for (List<ComponentSpec> layer : e.layers()) {
        for (ComponentSpec c : layer) {
          known.add(c.modelType() + "/" + c.model());
          for (ComponentSpec.Fallback f : c.fallbacks()) known.add(f.modelType() + "/" + f.model());
        }
      }
    }
    known.addAll(settings.prices().byModel().keySet());
    for (ClientKeySpec k : settings.governance().keys()) {
      k.models().stream().filter(m -> !m.equals("*")).forEach(known::add);
    }
    for (Map.Entry<String, ModelAlias> a : settings.modelAliases().entrySet()) {
      if (a.getValue().model() != null) known.add(a.getValue().modelType() + "/" + a.getValue().model());
    }
    return new ModelLabels(known);
  }

  /** The label of a requested model (a virtual model or {@code <model_type>/<model>}); null = not yet resolved. */
  public String request(String model) {
    if (model == null) return "unknown";
    return known.get(model) != null ? model : OTHER;
  }

  /** The label of the model in an upstream call to {@code provider}. */
  public String upstream(String provider, String model) {
    return known.get(provider, model) != null ? model : OTHER;
  }

  public int size() { return known.size(); }
}
