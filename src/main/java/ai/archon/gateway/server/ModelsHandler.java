package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.config.ProviderSpec;
import ai.archon.gateway.config.Settings;
import ai.archon.gateway.pipeline.Pipeline;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}: OpenAI model objects, each with an {@code archon} object
 * saying how many layers and calls it has and which key variables its providers need and whether they are set.
 */
record ModelsHandler(ModelCatalog catalog, Settings settings) {

  void list(RoutingContext ctx) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    catalog.all().stream().filter(p -> KeyGate.allows(ctx, p.spec().name())).forEach(p -> data.add(model(p)));
    Responses.json(ctx, 200, root);
  }

  void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Pipeline p = catalog.get(id);
    if (p == null || !KeyGate.allows(ctx, id)) {
      ctx.fail(ApiException.notFound(id));
      return;
    }
    Responses.json(ctx, 200, model(p));
  }

  /** The OpenAI model object of {@code p} with its {@code archon} summary (also the base of the admin view). */
  ObjectNode model(Pipeline p) {
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    m.put("id", p.spec().name());
    m.put("object", "model");
    m.put("created", catalog.created());
    m.put("owned_by", "archon-gateway");
    ObjectNode a = m.putObject("archon");
    a.put("layers", p.spec().layers().size());
    a.put("components", p.spec().layers().stream().mapToInt(java.util.List::size).sum());
    a.put("streams_tokens", p.relaysFinalTokens());
    a.put("version", p.spec().sha256());
    ArrayNode types = a.putArray("model_types");
    ArrayNode env = a.putArray("env");
    boolean ready = true;
    for (String t : p.modelTypes()) {
      types.add(t);
      ProviderSpec spec = settings.providers().get(t);
      boolean set = settings.ready(spec);
      ready &= set;
      for (String var : spec.apiKeyEnvs()) {
        ObjectNode e = env.addObject();
        e.put("name", var);
        e.put("set", settings.env().get(var) != null && !settings.env().get(var).isBlank());
        e.put("required", spec.keyRequired());
      }
    }
    a.put("ready", ready);
    return m;
  }
}
