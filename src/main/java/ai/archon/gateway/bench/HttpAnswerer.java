package ai.archon.gateway.bench;

import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks any OpenAI-compatible endpoint ({@code POST <base-url>/chat/completions}, non-streaming), e.g. this gateway
 * or a provider. It sends {@code x-archon-trace: 1} so that this gateway reports {@code archon.upstream_calls};
 * elsewhere one request counts as one upstream call.
 */
final class HttpAnswerer implements Answerer {
  /** An ensemble answer can take minutes; a connection silent this long is dead. */
  private static final long IDLE_TIMEOUT_MS = 15 * 60_000L;
  private final WebClient client;
  private final String url;
  private final String model;
  private final String apiKey;

  HttpAnswerer(Vertx vertx, String baseUrl, String model, String apiKey, int parallel) {
    this.client = WebClient.wrap(vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
        .setDecompressionSupported(true), new PoolOptions().setHttp1MaxSize(Math.max(1, parallel))));
    this.url = baseUrl.replaceAll("/+$", "") + "/chat/completions";
    this.model = model;
    this.apiKey = apiKey;
  }

  @Override
  public Future<ModelReply> ask(List<Message> messages, Double temperature, Integer maxTokens) {
    return send(body(messages, temperature, maxTokens));
  }

  @Override
  public Future<ModelReply> askWithLogprobs(List<Message> messages, Double temperature, Integer maxTokens,
      int topLogprobs) {
    // An Archon ensemble refuses logprobs with a 400 naming the field: then ask without, as the contract says.
    return send(body(messages, temperature, maxTokens).put("logprobs", true).put("top_logprobs", topLogprobs))
        .recover(e -> String.valueOf(e.getMessage()).startsWith("HTTP 400") && e.getMessage().contains("logprobs")
            ? ask(messages, temperature, maxTokens) : Future.failedFuture(e));
  }

  private ObjectNode body(List<Message> messages, Double temperature, Integer maxTokens) {
    ObjectNode body = AnswerJson.object();
    body.put("model", model);
    ArrayNode arr = body.putArray("messages");
    messages.forEach(m -> arr.addObject().put("role", m.role()).put("content", m.content()));
    if (temperature != null) body.put("temperature", temperature);
    if (maxTokens != null) body.put("max_tokens", maxTokens);
    return body;
  }

  private Future<ModelReply> send(ObjectNode body) {
    HttpRequest<Buffer> req = client.postAbs(url).idleTimeout(IDLE_TIMEOUT_MS)
        .putHeader("content-type", "application/json").putHeader("x-archon-trace", "1");
    if (apiKey != null && !apiKey.isBlank()) req.putHeader("authorization", "Bearer " + apiKey);
    return req.sendBuffer(Buffer.buffer(AnswerJson.line(body, false))).compose(HttpAnswerer::reply);
  }

  private static Future<ModelReply> reply(HttpResponse<Buffer> resp) {
    JsonNode body;
    try {
      body = AnswerJson.parse(resp.bodyAsString() == null ? "null" : resp.bodyAsString());
    } catch (IOException e) {
      return Future.failedFuture("HTTP " + resp.statusCode() + ": the body is not JSON");
    }
    if (resp.statusCode() != 200) {
      String message = body.at("/error/message").asText("");
      return Future.failedFuture("HTTP " + resp.statusCode() + (message.isEmpty() ? "" : ": " + message));
    }
    JsonNode content = body.at("/choices/0/message/content");
    if (!content.isTextual()) return Future.failedFuture("the reply has no choices[0].message.content");
    JsonNode cost = body.at("/usage/cost"); // the gateway's; absent (unknown) from a provider
    Usage usage = new Usage(body.at("/usage/prompt_tokens").asLong(0), body.at("/usage/completion_tokens").asLong(0),
        body.at("/usage/prompt_tokens_details/cached_tokens").asLong(0), cost.isNumber() ? cost.asDouble() : null);
    int calls = body.at("/archon/upstream_calls").asInt(1);
    // OpenAI: choices[0].logprobs.content[0].top_logprobs = [{token, logprob, bytes}, ...]
    Map<String, Double> top = new LinkedHashMap<>();
    for (JsonNode t : body.at("/choices/0/logprobs/content/0/top_logprobs")) {
      if (t.path("token").isTextual() && t.path("logprob").isNumber()) {
        top.putIfAbsent(t.get("token").textValue(), t.get("logprob").doubleValue());
      }
    }
    return Future.succeededFuture(new ModelReply(content.textValue(), usage, calls, top));
  }

  @Override
  public void close() {
    client.close();
  }
}
