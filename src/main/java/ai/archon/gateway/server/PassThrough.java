package ai.archon.gateway.server;

import java.util.function.Predicate;

/**
 * A client's {@code model: "<model_type>/<model>"} resolved once: {@code name} as the client wrote it (answers carry
 * it), the provider's {@code modelType} and the upstream {@code model}.
 */
record PassThrough(String name, String modelType, String model) {

  /** The pass-through target {@code name} names, or null when its prefix is not a configured model_type. */
  static PassThrough resolve(String name, Predicate<String> knownModelType) {
    int slash = name.indexOf('/');
    if (slash <= 0 || !knownModelType.test(name.substring(0, slash))) return null;
    return new PassThrough(name, name.substring(0, slash), name.substring(slash + 1));
  }
}
