package ai.archon.gateway.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A blocking HTTP client for tests (the JUnit thread may block; the gateway runs on its own event loops). */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Http() { }

  public static HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(30)).build());
  }

  public static HttpResponse<String> get(String url, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(30));
    headers.forEach(b::header);
    return send(b.build());
  }

  public static HttpResponse<String> post(String url, String body) {
    return post(url, body, Map.of());
  }

  public static HttpResponse<String> post(String url, String body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::setHeader); // replaces the JSON content type when a test sends another
    return send(b.build());
  }

  /** A chat completion from the gateway at {@code url} that must answer 200: its parsed body. */
  public static JsonNode completion(String url, String chatBody) {
    HttpResponse<String> resp = post(url + "/v1/chat/completions", chatBody);
    assertEquals(200, resp.statusCode(), resp.body());
    return Json.parse(resp.body());
  }

  public static HttpResponse<String> delete(String url, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).DELETE().timeout(Duration.ofSeconds(30));
    headers.forEach(b::header);
    return send(b.build());
  }

  private static HttpResponse<String> send(HttpRequest req) {
    try {
      return CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The {@code data:} payloads of an SSE body, in order (comments and blank lines dropped). */
  public static List<String> sseData(String body) {
    List<String> out = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("data: ")) out.add(line.substring(6));
    }
    return out;
  }

  /** The concatenated {@code choices[index].delta.content} of an SSE body. */
  public static String sseText(String body, int index) {
    StringBuilder sb = new StringBuilder();
    for (String d : sseData(body)) {
      if (d.equals("[DONE]")) continue;
      var node = Json.parse(d);
      for (var c : node.path("choices")) {
        if (c.path("index").asInt() == index && c.path("delta").has("content")) sb.append(c.path("delta").path("content").asText());
      }
    }
    return sb.toString();
  }

  public static String chat(String model, String userText, String extra) {
    return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
        + "{\"role\":\"user\",\"content\":\"" + userText + "\"}]" + (extra == null ? "" : "," + extra) + "}";
  }
}
