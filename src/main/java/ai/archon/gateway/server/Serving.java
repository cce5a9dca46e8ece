package ai.archon.gateway.server;

import ai.archon.gateway.config.Governance;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.resilience.GuardedProviders;
import io.vertx.core.Vertx;

/**
 * What every model-serving handler (chat completions, embeddings) works with: the verticle's Vertx, the virtual
 * models, the guarded providers, the governance settings (deadlines, policies) and the event sink.
 */
record Serving(Vertx vertx, ModelCatalog catalog, GuardedProviders providers, Governance governance,
    GatewayEvents events) {
}
