package ai.archon.gateway.config;

import java.util.Map;

/**
 * What validation needs to know of the component and model types that extensions add ({@code spi/Extensions}
 * implements it). Config sits below the extension interfaces, so it is handed this instead of importing them.
 */
public interface ExtensionTypes {
  /** The protocol name settings give an extension's model type. */
  String PROTOCOL = "extension";

  /** No extensions: only Archon's component types and the built-in or configured model types. */
  ExtensionTypes NONE = new ExtensionTypes() {
    @Override public ComponentKind componentKind(String type) { return null; }
    @Override public boolean hasModelType(String modelType) { return false; }
    @Override public Map<String, ProviderSpec> modelTypeSpecs(Map<String, String> env) { return Map.of(); }
  };

  /** The component type {@code type} an extension adds (how configs spell and parse it), or null. */
  ComponentKind componentKind(String type);

  /** True when an extension adds the model type {@code modelType}. */
  boolean hasModelType(String modelType);

  /** Each extension model type's provider spec as the extension reads it from {@code env}, in a stable order. */
  Map<String, ProviderSpec> modelTypeSpecs(Map<String, String> env);
}
