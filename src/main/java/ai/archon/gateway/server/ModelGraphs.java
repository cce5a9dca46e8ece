package ai.archon.gateway.server;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.config.ConfigProblem;
import ai.archon.gateway.pipeline.Pipeline;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /v1/archon/models} (admin): every virtual model as {@code /v1/models} lists it, plus its file and its
 * architecture layer by layer (each component's type, model, provider, samples, temperature, max_tokens and
 * fallbacks), and the errors of config files that were rejected at the last load. The console draws it.
 */
record ModelGraphs(ModelCatalog catalog, ModelsHandler models) {

  void list(RoutingContext ctx) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    for (Pipeline p : catalog.all()) {
      ObjectNode m = models.model(p);
      ObjectNode a = (ObjectNode) m.get("archon");
      a.put("file", p.spec().file() == null ? null : p.spec().file().getFileName().toString());
      ArrayNode missing = a.putArray("missing_env");
      a.withArray("env").forEach(e -> {
        if (!e.path("set").asBoolean() && e.path("required").asBoolean()) missing.add(e.path("name").asText());
      });
      ArrayNode layers = a.putArray("architecture");
      List<List<ComponentSpec>> specs = p.spec().layers();
      for (int i = 0; i < specs.size(); i++) {
        ObjectNode layer = layers.addObject().put("layer", i + 1);
        ArrayNode components = layer.putArray("components");
        for (ComponentSpec c : specs.get(i)) components.add(component(c));
      }
      data.add(m);
    }
    ArrayNode rejected = root.putArray("rejected");
    for (ConfigProblem problem : catalog.problems()) {
      rejected.addObject().put("file", String.valueOf(problem.file())).put("where", problem.where())
          .put("reason", problem.reason());
    }
    Responses.json(ctx, 200, root);
  }

  private static ObjectNode component(ComponentSpec c) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("type", c.type());
    n.put("model", c.model());
    n.put("provider", c.modelType());
    n.put("samples", c.samples());
    if (c.temperature() != null) n.put("temperature", c.temperature());
    if (c.maxTokens() != null) n.put("max_tokens", c.maxTokens());
    ArrayNode fallbacks = n.putArray("fallbacks");
    c.fallbacks().forEach(f -> fallbacks.addObject().put("model", f.model()).put("provider", f.modelType()));
    return n;
  }
}
