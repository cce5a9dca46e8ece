package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.ParsedChat;
import ai.archon.gateway.pipeline.Pipeline;
import ai.archon.gateway.resilience.GuardedProviders;

/**
 * Refuses a request with tools, before any call, when one of the ensemble's candidate writers (generators, fusers)
 * runs on a provider that cannot take tools: a rerank API, or an adapter that says so. The 400 names the component.
 */
final class ToolCapability {
  private ToolCapability() { }

  static void check(Pipeline pipeline, ParsedChat chat, GuardedProviders providers) {
    if (!chat.overrides().output().hasTools()) return;
    for (ComponentSpec c : pipeline.writers()) {
      boolean rerank = providers.rerankerFor(c).isPresent();
      if (rerank || !providers.forComponent(c).takesTools()) {
        throw new ApiException(400, "invalid_request_error", "tools_not_supported", "tools",
            "'tools' cannot be honoured by the ensemble '" + chat.model() + "': its component " + c.label() + " ("
                + c.modelType() + (rerank ? ", a rerank API" : "") + ") cannot take tools");
      }
    }
  }
}
