package ai.archon.gateway.provider;

import ai.archon.gateway.config.ProviderSpec;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;

/**
 * Makes the adapter of a model type an extension adds ({@code spi/ModelTypeProvider} is one). The provider package
 * sits below the extension interfaces, so {@link ProviderRegistry} is handed these instead of looking them up.
 */
@FunctionalInterface
public interface AdapterFactory {

  /** The adapter; {@code http} is the gateway's shared client, {@code apiKey} the key from the spec's variables or null. */
  ChatProvider create(Vertx vertx, HttpClientAgent http, ProviderSpec spec, String apiKey);
}
