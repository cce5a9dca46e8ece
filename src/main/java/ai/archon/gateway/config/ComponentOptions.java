package ai.archon.gateway.config;

/**
 * A component type's own settings, read from its config object by the type itself ({@code RankerOptions(topK,
 * useCritiques)}, …), so {@link ComponentSpec} keeps only what every component has.
 */
public interface ComponentOptions {
  /** For a type with no settings of its own (generator, critic, an extension that reads none). */
  ComponentOptions NONE = new ComponentOptions() {
    @Override
    public String toString() { return "no options"; }
  };
}
