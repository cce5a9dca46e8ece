package ai.archon.gateway.server;

import ai.archon.gateway.config.ConfigProblem;
import ai.archon.gateway.config.EnsembleSpec;
import ai.archon.gateway.pipeline.ComponentFactory;
import ai.archon.gateway.pipeline.Pipeline;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The virtual models being served, by name. Swapped whole (one volatile write) so a request always sees one
 * consistent set and keeps the pipeline it started with.
 */
public final class ModelCatalog {
  private volatile Map<String, Pipeline> models = Map.of();
  private final long created = System.currentTimeMillis() / 1000;
  private final ComponentFactory components;

  private volatile java.util.function.Consumer<Collection<EnsembleSpec>> onReplace = e -> { };
  private volatile List<ConfigProblem> problems = List.of();

  /** With Archon's seven component types only. */
  public ModelCatalog(Collection<EnsembleSpec> ensembles) {
    this(ensembles, ComponentFactory.BUILT_IN);
  }

  /** @param components builds each component, extension types included */
  public ModelCatalog(Collection<EnsembleSpec> ensembles, ComponentFactory components) {
    this.components = components;
    replace(ensembles);
  }

  /** Called with the new configs after every {@link #replace} (and now, with the current ones). */
  void onReplace(java.util.function.Consumer<Collection<EnsembleSpec>> listener) {
    onReplace = listener;
    listener.accept(models.values().stream().map(Pipeline::spec).toList());
  }

  public void replace(Collection<EnsembleSpec> ensembles) {
    Map<String, Pipeline> next = new LinkedHashMap<>();
    ensembles.stream().sorted(Comparator.comparing(EnsembleSpec::name))
        .forEach(e -> next.put(e.name(), Pipeline.build(e, components)));
    models = Map.copyOf(next);
    onReplace.accept(List.copyOf(ensembles));
  }

  /** The errors of the last load: files rejected (or kept at their previous version), for the admin view. */
  public void problems(List<ConfigProblem> latest) {
    problems = List.copyOf(latest);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  public Pipeline get(String name) {
    return models.get(name);
  }

  public List<Pipeline> all() {
    return models.values().stream().sorted(Comparator.comparing(p -> p.spec().name())).toList();
  }

  public int size() {
    return models.size();
  }

  /** When the catalog was built, as the {@code created} of its model objects. */
  public long created() {
    return created;
  }
}
