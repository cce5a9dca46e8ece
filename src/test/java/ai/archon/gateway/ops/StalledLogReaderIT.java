package ai.archon.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real jar as a child process whose stderr (its logs) nobody reads, as when a log collector stalls: the pipe
 * fills after some hundred lines, and the gateway must go on answering. Each request writes an access-log line; with
 * lines written by the logging thread, the 176th request on this machine never got its answer.
 */
class StalledLogReaderIT {
  private static final Path JAR = Path.of("target", "archon-gateway.jar");
  private static final int REQUESTS = 400;
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private Process process;

  @AfterEach
  void kill() {
    if (process != null && process.isAlive()) process.destroyForcibly();
  }

  @Test
  void aLogReaderThatStopsReadingDoesNotStopTheGateway() throws Exception {
    assertTrue(Files.isRegularFile(JAR), "run in the verify phase, after package: " + JAR);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "--port", "0",
        "--configs", "gateway-configs");
    pb.environment().put("ARCHON_LOG_FORMAT", "json");
    pb.environment().put("ARCHON_WARMUP_REQUESTS", "0");
    process = pb.start(); // its stderr is a pipe this test never reads
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String url = CompletableFuture.supplyAsync(() -> {
      try (Stream<String> lines = out.lines()) {
        return lines.filter(l -> l.startsWith("archon-gateway listening on ")).findFirst()
            .map(l -> l.substring("archon-gateway listening on ".length())).orElse(null);
      }
    }).get(60, TimeUnit.SECONDS);
    assertTrue(url != null, "the gateway printed its listening line");
    HttpRequest chat = HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
        .header("content-type", "application/json").timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\":\"demo-ensemble\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
        .build();
    for (int i = 1; i <= REQUESTS; i++) {
      HttpResponse<String> resp = CLIENT.send(chat, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, resp.statusCode(), "request " + i + ": " + resp.body());
    }
    HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/health"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
    assertTrue(process.isAlive());
  }
}
