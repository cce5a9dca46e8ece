package ai.archon.gateway.spi;

import ai.archon.gateway.config.ProviderSpec;
import ai.archon.gateway.provider.AdapterFactory;
import ai.archon.gateway.provider.ChatProvider;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import java.util.Map;

/**
 * Adds a model type (Archon's {@code add_generator} for a new backend): found with {@link java.util.ServiceLoader}
 * (list the class in {@code META-INF/services/ai.archon.gateway.spi.ModelTypeProvider}). A component uses it with
 * {@code "model_type": "<modelType()>"} and {@code "custom": true}.
 */
public interface ModelTypeProvider extends AdapterFactory {

  /** The {@code model_type} configs name; must not be a built-in one. */
  String modelType();

  /** How to reach it, read from the environment (base URL, key variable names); the protocol is ignored. */
  ProviderSpec spec(Map<String, String> env);

  /** The adapter; {@code http} is the gateway's shared client, {@code apiKey} the key from the spec's variables or null. */
  @Override
  ChatProvider create(Vertx vertx, HttpClientAgent http, ProviderSpec spec, String apiKey);
}
