package ai.archon.gateway.server;

/** The three ways a chat request is answered: a fresh ensemble run, through the response cache, or pass-through. */
record ChatResponders(EnsembleResponder ensembles, CachedResponder cached, ProxyResponder proxy) {
}
