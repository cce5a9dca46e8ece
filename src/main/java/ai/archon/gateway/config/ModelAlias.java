package ai.archon.gateway.config;

/**
 * Where settings' {@code model_aliases} send a model name from the configs: a provider (model_type) and, optionally, the
 * model to call there (null = that provider's {@code default_model}, else the original name).
 */
public record ModelAlias(String modelType, String model) { }
