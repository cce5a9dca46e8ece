package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayTestBase;
import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.Prometheus;
import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/embeddings} on pass-through models, against the mock upstream in each protocol's shape. */
class EmbeddingsEndToEndTest extends GatewayTestBase {
  private static final String JSON = "application/json";
  private static final Pattern SIGV4 = Pattern.compile("AWS4-HMAC-SHA256 Credential=AKIDTEST/\\d{8}/eu-west-3/"
      + "bedrock/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}");


  private String start(String settingsJson) {
    gateway.env().put("BEDROCK_BASE_URL", upstream.baseUrl());
    gateway.env().put("AWS_ACCESS_KEY_ID", "AKIDTEST");
    gateway.env().put("AWS_SECRET_ACCESS_KEY", "secret-test");
    gateway.env().put("AWS_REGION", "eu-west-3");
    return gateway.start(GatewayExtension.oneGenerator(), settingsJson, 100).url();
  }

  private static HttpResponse<String> embed(String url, String body) {
    return Http.post(url + "/v1/embeddings", body);
  }

  @Test
  void anOpenAiCompatibleProviderGetsTheBodyAsSentAndItsReplyIsRelayed() {
    String url = start("{}");
    String reply = "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":\"AACAPw==\"}],"
        + "\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2},\"extra\":true}";
    upstream.respond("text-embedding-3-small", Reply.raw(200, JSON, reply));
    String body = "{\"model\":\"OpenAI_API/text-embedding-3-small\",\"input\":[\"a\",\"b\"],\"encoding_format\":"
        + "\"base64\",\"dimensions\":256,\"user\":\"u-1\",\"vendor_option\":{\"x\":[1,2]}}";
    HttpResponse<String> resp = embed(url, body);
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals(reply, resp.body(), "relayed byte for byte");
    RecordedRequest sent = upstream.lastRequest();
    assertEquals("/v1/embeddings", sent.path());
    assertEquals("Bearer sk-test-openai", sent.header("authorization"));
    assertEquals(body.replace("OpenAI_API/", ""), sent.rawBody(), "every field kept, only model's prefix dropped");
    assertEquals("1", resp.headers().firstValue("x-archon-upstream-calls").orElse(""));
  }

  @Test
  void geminiEmbedsOneStringWithEmbedContentAndMapsTheReply() {
    String url = start("{}");
    upstream.respond("text-embedding-004", Reply.raw(200, JSON, "{\"embedding\":{\"values\":[0.5,-0.25,1]}}"));
    HttpResponse<String> resp = embed(url, "{\"model\":\"Google_API/text-embedding-004\",\"input\":\"hello\","
        + "\"dimensions\":3}");
    assertEquals(200, resp.statusCode(), resp.body());
    RecordedRequest sent = upstream.lastRequest();
    assertEquals("/v1beta/models/text-embedding-004:embedContent", sent.path());
    assertEquals("test-gemini", sent.header("x-goog-api-key"));
    assertEquals(Json.parse("{\"content\":{\"parts\":[{\"text\":\"hello\"}]},\"outputDimensionality\":3}"), sent.body());
    assertEquals(Json.parse("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":"
        + "[0.5,-0.25,1.0]}],\"model\":\"text-embedding-004\",\"usage\":{\"prompt_tokens\":0,\"total_tokens\":0}}"),
        Json.parse(resp.body()));
  }

  @Test
  void geminiEmbedsAnArrayInOneBatchAndEncodesBase64AsOpenAiDoes() {
    String url = start("{}");
    upstream.respond("text-embedding-004", Reply.raw(200, JSON,
        "{\"embeddings\":[{\"values\":[1.0,-2.0]},{\"values\":[0.1,3.5]}]}"));
    HttpResponse<String> resp = embed(url, "{\"model\":\"Google_API/text-embedding-004\",\"input\":[\"a\",\"b\"],"
        + "\"encoding_format\":\"base64\"}");
    assertEquals(200, resp.statusCode(), resp.body());
    RecordedRequest sent = upstream.lastRequest();
    assertEquals("/v1beta/models/text-embedding-004:batchEmbedContents", sent.path());
    assertEquals(Json.parse("{\"requests\":[{\"model\":\"models/text-embedding-004\",\"content\":{\"parts\":"
        + "[{\"text\":\"a\"}]}},{\"model\":\"models/text-embedding-004\",\"content\":{\"parts\":[{\"text\":\"b\"}]}}]}"),
        sent.body());
    JsonNode data = Json.parse(resp.body()).path("data");
    assertEquals(2, data.size());
    // 1.0f and -2.0f as little-endian float32 (00 00 80 3F, 00 00 00 C0), in standard base64: what OpenAI sends.
    assertEquals("AACAPwAAAMA=", data.at("/0/embedding").asText());
    assertEquals(1, data.at("/1/index").asInt());
    assertArrayEquals(new float[] {0.1f, 3.5f}, floats(data.at("/1/embedding").asText()));
  }

  @Test
  void bedrockTitanIsSignedOneCallPerTextAndMapped() {
    String url = start("{}");
    String model = "amazon.titan-embed-text-v2:0";
    upstream.respond(model, r -> Reply.raw(200, JSON, "{\"embedding\":[" + ("one".equals(r.body().path("inputText")
        .asText()) ? "0.1,0.2" : "0.3,0.4") + "],\"inputTextTokenCount\":3}"));
    HttpResponse<String> resp = embed(url, "{\"model\":\"Bedrock_API/" + model + "\",\"input\":[\"one\",\"two\"],"
        + "\"dimensions\":256}");
    assertEquals(200, resp.statusCode(), resp.body());
    List<RecordedRequest> calls = upstream.requests(model);
    assertEquals(2, calls.size());
    for (RecordedRequest r : calls) {
      assertEquals("/model/amazon.titan-embed-text-v2%3A0/invoke", r.uri());
      assertTrue(SIGV4.matcher(String.valueOf(r.header("authorization"))).matches(), r.header("authorization"));
      assertEquals(256, r.body().path("dimensions").asInt());
    }
    assertEquals(List.of("one", "two"), calls.stream().map(r -> r.body().path("inputText").asText()).sorted().toList());
    JsonNode out = Json.parse(resp.body());
    assertEquals(Json.parse("[0.1,0.2]"), out.at("/data/0/embedding"));
    assertEquals(Json.parse("[0.3,0.4]"), out.at("/data/1/embedding"));
    assertEquals(model, out.path("model").asText());
    assertEquals(6, out.at("/usage/prompt_tokens").asInt(), "inputTextTokenCount summed");
  }

  @Test
  void bedrockCohereTakesEveryTextInOneCall() {
    String url = start("{}");
    String model = "cohere.embed-english-v3";
    upstream.respond(model, Reply.raw(200, JSON, "{\"id\":\"x\",\"embeddings\":[[0.5],[0.75]],\"texts\":[\"a\",\"b\"]}"));
    HttpResponse<String> resp = embed(url, "{\"model\":\"Bedrock_API/" + model + "\",\"input\":[\"a\",\"b\"]}");
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals(Json.parse("{\"texts\":[\"a\",\"b\"],\"input_type\":\"search_document\"}"), upstream.lastRequest().body());
    assertEquals(Json.parse("[0.75]"), Json.parse(resp.body()).at("/data/1/embedding"));
    HttpResponse<String> fixed = embed(url, "{\"model\":\"Bedrock_API/" + model + "\",\"input\":\"a\",\"dimensions\":8}");
    assertEquals(400, fixed.statusCode(), fixed.body());
    assertEquals("dimensions", Json.parse(fixed.body()).at("/error/param").asText());
    HttpResponse<String> other = embed(url, "{\"model\":\"Bedrock_API/meta.llama3-70b-instruct-v1:0\",\"input\":\"a\"}");
    assertEquals(400, other.statusCode(), other.body());
    assertTrue(Json.parse(other.body()).at("/error/message").asText().contains("Titan"), other.body());
    assertEquals(1, upstream.calls(), "refused requests make no call");
  }

  @Test
  void anthropicHasNoEmbeddingsAndAnEnsembleMakesNone() {
    String url = start("{}");
    HttpResponse<String> anthropic = embed(url, "{\"model\":\"Anthropic_API/claude-3-5-haiku\",\"input\":\"a\"}");
    assertEquals(400, anthropic.statusCode(), anthropic.body());
    JsonNode error = Json.parse(anthropic.body()).path("error");
    assertEquals("model_not_supported", error.path("code").asText());
    assertTrue(error.path("message").asText().contains("Anthropic_API"), anthropic.body());
    HttpResponse<String> ensemble = embed(url, "{\"model\":\"one\",\"input\":\"a\"}");
    assertEquals(400, ensemble.statusCode(), ensemble.body());
    error = Json.parse(ensemble.body()).path("error");
    assertEquals("model_not_supported", error.path("code").asText());
    assertEquals("model", error.path("param").asText());
    assertTrue(error.path("message").asText().contains("'one'"), ensemble.body());
    assertEquals(404, embed(url, "{\"model\":\"nowhere\",\"input\":\"a\"}").statusCode());
    assertEquals(0, upstream.calls());
  }

  @Test
  void aFieldOrInputATranslationCannotCarryIsA400NamingIt() {
    String url = start("{}");
    HttpResponse<String> tokens = embed(url, "{\"model\":\"Google_API/text-embedding-004\",\"input\":[1,2,3]}");
    assertEquals(400, tokens.statusCode(), tokens.body());
    assertEquals("input", Json.parse(tokens.body()).at("/error/param").asText());
    HttpResponse<String> unknown = embed(url, "{\"model\":\"Google_API/text-embedding-004\",\"input\":\"a\","
        + "\"task\":\"x\"}");
    assertEquals("task", Json.parse(unknown.body()).at("/error/param").asText(), unknown.body());
    HttpResponse<String> format = embed(url, "{\"model\":\"OpenAI_API/e\",\"input\":\"a\",\"encoding_format\":\"hex\"}");
    assertEquals("encoding_format", Json.parse(format.body()).at("/error/param").asText(), format.body());
    HttpResponse<String> mixed = embed(url, "{\"model\":\"OpenAI_API/e\",\"input\":[\"a\",[1]]}");
    assertEquals("input", Json.parse(mixed.body()).at("/error/param").asText(), mixed.body());
    assertEquals(0, upstream.calls());
  }

  @Test
  void anUpstream429IsRetriedByTheProvidersGuard() {
    String url = start("{\"providers\": {\"Google_API\": {\"retry\": {\"max_attempts\": 3, \"initial_backoff_ms\": 1}}}}");
    upstream.respondInOrder("text-embedding-004", Reply.status(429).retryAfter(0));
    upstream.respond("text-embedding-004", Reply.raw(200, JSON, "{\"embedding\":{\"values\":[1]}}"));
    HttpResponse<String> resp = embed(url, "{\"model\":\"Google_API/text-embedding-004\",\"input\":\"a\"}");
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals(2, upstream.calls("text-embedding-004"));
    assertEquals("1", resp.headers().firstValue("x-archon-retries").orElse(""));
  }

  @Test
  void theOfficialSdkReadsAMappedReplyWhateverTheEncodingItAsksFor() {
    String url = start("{}");
    upstream.respond("text-embedding-004", Reply.raw(200, JSON,
        "{\"embeddings\":[{\"values\":[1.0,-2.0,0.5]},{\"values\":[0.25,0,-0.125]}]}"));
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(url + "/v1").apiKey("k").maxRetries(0).build();
    try {
      for (EmbeddingCreateParams.EncodingFormat format : List.of(EmbeddingCreateParams.EncodingFormat.FLOAT,
          EmbeddingCreateParams.EncodingFormat.BASE64)) {
        CreateEmbeddingResponse resp = client.embeddings().create(EmbeddingCreateParams.builder()
            .model("Google_API/text-embedding-004").inputOfArrayOfStrings(List.of("a", "b")).encodingFormat(format)
            .build());
        resp.validate();
        assertEquals(List.of(1.0f, -2.0f, 0.5f), resp.data().get(0).embedding(), format.toString());
        assertEquals(List.of(0.25f, 0f, -0.125f), resp.data().get(1).embedding(), format.toString());
      }
    } finally {
      client.close();
    }
  }

  @Test
  void theCallIsCountedInTheMetricsLikeAnyUpstreamCall() {
    String url = gateway.startWithMetrics(GatewayExtension.oneGenerator(), null).url();
    upstream.respond("text-embedding-3-small", Reply.raw(200, JSON, "{\"object\":\"list\",\"data\":[],"
        + "\"usage\":{\"prompt_tokens\":4,\"total_tokens\":4}}"));
    assertEquals(200, embed(url, "{\"model\":\"OpenAI_API/text-embedding-3-small\",\"input\":\"a\"}").statusCode());
    Pattern counted = Pattern.compile("(?m)^archon_requests_total\\{[^}]*status=\"200\"[^}]*} 1\\.0$");
    String metrics = Prometheus.scrapeWhen(url, counted);
    assertTrue(Pattern.compile("(?m)^archon_upstream_requests_total\\{[^}]*outcome=\"ok\"[^}]*provider=\"OpenAI_API\""
        + "[^}]*} 1\\.0$").matcher(metrics).find(), metrics);
    assertTrue(counted.matcher(metrics).find(), metrics);
  }

  private static float[] floats(String base64) {
    ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[bytes.remaining() / Float.BYTES];
    for (int i = 0; i < out.length; i++) out[i] = bytes.getFloat();
    return out;
  }
}
