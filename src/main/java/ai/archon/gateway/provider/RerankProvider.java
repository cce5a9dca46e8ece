package ai.archon.gateway.provider;

import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.config.ProviderSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A rerank API (protocol {@code rerank}) as Cohere, Jina, vLLM and Hugging Face TEI serve it:
 * {@code POST {base_url}/v1/rerank} with {@code {model, query, documents, top_n}}, answered by
 * {@code {results: [{index, relevance_score}]}}. It backs reward-model rankers and is no chat adapter
 * ({@link ProviderRegistry#reranker} makes it, {@link ProviderRegistry#provider} refuses its model_type).
 */
public final class RerankProvider implements Reranker {
  private final ProviderLink link;
  private final String url;
  private final String authorization;

  public RerankProvider(Vertx vertx, HttpClientAgent http, ProviderSpec spec, String apiKeyOrNull) {
    this.link = ProviderLink.of(vertx, http, spec, apiKeyOrNull, Timeouts.DEFAULT);
    this.url = Urls.trimSlash(link.spec().baseUrl()) + "/v1/rerank";
    this.authorization = link.bearer();
  }

  /** The model_type this instance serves. */
  public String name() { return link.name(); }

  /** One unguarded call ({@code resilience/GuardedReranker} puts it behind its provider's guard). */
  @Override
  public Future<List<Score>> rerank(String model, String query, List<String> documents, int topN, CallContext ctx) {
    try {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("model", model);
      body.put("query", query);
      ArrayNode docs = body.putArray("documents");
      documents.forEach(docs::add);
      body.put("top_n", topN);
      RequestOptions options = link.calls().post(url, false);
      if (authorization != null) options.putHeader(HttpHeaders.AUTHORIZATION, authorization);
      return link.calls().send(options, Buffer.buffer(JsonIo.MAPPER.writeValueAsBytes(body)), model, ctx,
          buf -> scores(JsonIo.read(buf), documents.size(), topN));
    } catch (Throwable t) {
      return Future.failedFuture(t);
    }
  }

  /**
   * The scores of a rerank reply, best first (equal scores keep document order). Strict: every index must be a
   * document's and appear once, and there must be {@code min(topN, documents)} of them.
   */
  static List<Score> scores(JsonNode root, int documents, int topN) {
    JsonNode results = root.path("results");
    if (!results.isArray()) throw new IllegalArgumentException("rerank reply has no results array");
    List<Score> out = new ArrayList<>();
    boolean[] seen = new boolean[documents];
    for (JsonNode r : results) {
      JsonNode index = r.get("index");
      JsonNode score = r.has("relevance_score") ? r.get("relevance_score") : r.get("score");
      if (index == null || !index.canConvertToInt() || score == null || !score.isNumber()) {
        throw new IllegalArgumentException("rerank result without index or relevance_score");
      }
      int i = index.asInt();
      if (i < 0 || i >= documents || seen[i]) throw new IllegalArgumentException("rerank result index " + i + " invalid");
      seen[i] = true;
      out.add(new Score(i, score.asDouble()));
    }
    if (out.size() < Math.min(topN, documents)) throw new IllegalArgumentException("rerank reply has too few results");
    out.sort(Comparator.comparingDouble((Score s) -> -s.relevance()).thenComparingInt(Score::index));
    return List.copyOf(out.subList(0, Math.min(out.size(), topN)));
  }
}
