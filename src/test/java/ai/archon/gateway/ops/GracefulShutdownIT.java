package ai.archon.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.Http;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SIGTERM against the real jar as a child process: drain a slow stream in flight, then exit 0. */
class GracefulShutdownIT {
  private static final Path JAR = Path.of("target", "archon-gateway.jar");
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private Process process;
  private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
  private Thread errors;

  @AfterEach
  void kill() {
    if (process != null && process.isAlive()) process.destroyForcibly();
  }

  @Test
  void sigtermDrainsAStreamInFlightThenExitsZero() throws Exception {
    String url = start("15000");
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch firstData = new CountDownLatch(1);
    long streamStart = System.nanoTime();
    CompletableFuture<Void> stream = stream(url, "Mock/mock-slow@100ms/100ms", lines, firstData);
    assertTrue(firstData.await(10, TimeUnit.SECONDS), "stream started");

    process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its stderr
    long signalled = System.nanoTime();
    awaitDraining(url + "/ready");
    HttpResponse<String> refused = Http.post(url + "/v1/chat/completions",
        Http.chat("demo-ensemble", "hi", null));
    assertEquals(503, refused.statusCode());
    assertTrue(refused.body().contains("shutting_down"), refused.body());
    assertEquals(200, Http.get(url + "/health").statusCode(), "liveness stays up while draining");

    stream.get(20, TimeUnit.SECONDS);
    assertTrue(process.waitFor(20, TimeUnit.SECONDS), "exited after the drain");
    assertEquals(0, process.exitValue());
    assertEquals("data: [DONE]", lines.get(lines.size() - 1), "the stream in flight finished: " + lines);
    assertTrue(lines.size() > 10, "a multi-chunk stream: " + lines.size());
    long streamMs = (System.nanoTime() - streamStart) / 1_000_000;
    long sinceSignalMs = (System.nanoTime() - signalled) / 1_000_000;
    assertTrue(streamMs > 1000, "the stream was still running when SIGTERM came (took " + streamMs + " ms)");
    assertTrue(sinceSignalMs < 15000, "exited when the stream ended, not at the drain timeout: " + sinceSignalMs);
    errors.join(5000); // the reader thread drains what the process wrote before it exited
    assertTrue(stderr.stream().anyMatch(l -> l.contains("\"message\":\"drained; shutting down\"")), String.join("\n", stderr));
  }

  @Test
  void drainTimeoutCutsWhatIsLeftAndStillExitsZero() throws Exception {
    String url = start("500");
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch firstData = new CountDownLatch(1);
    CompletableFuture<Void> stream = stream(url, "Mock/mock-slow@100ms/1000ms", lines, firstData);
    assertTrue(firstData.await(10, TimeUnit.SECONDS), "stream started");
    long signalled = System.nanoTime();
    process.toHandle().destroy();
    assertTrue(process.waitFor(15, TimeUnit.SECONDS), "exited after the drain timeout");
    assertEquals(0, process.exitValue());
    long ms = (System.nanoTime() - signalled) / 1_000_000;
    assertTrue(ms >= 450 && ms < 10000, "exit about 500 ms after SIGTERM, took " + ms);
    stream.handle((v, t) -> null).get(10, TimeUnit.SECONDS);
    assertFalse(lines.contains("data: [DONE]"), "the slow stream was cut at the drain timeout");
  }

  /** Starts the jar on a free port with the shipped configs; returns its base URL. */
  private String start(String drainMs) throws Exception {
    assertTrue(Files.isRegularFile(JAR), "run in the verify phase, after package: " + JAR);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "--port", "0",
        "--configs", "gateway-configs");
    pb.environment().put("ARCHON_DRAIN_MS", drainMs);
    pb.environment().put("ARCHON_LOG_FORMAT", "json");
    process = pb.start();
    errors = new Thread(() -> new BufferedReader(new InputStreamReader(process.getErrorStream(),
        StandardCharsets.UTF_8)).lines().forEach(stderr::add));
    errors.setDaemon(true);
    errors.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> listening = CompletableFuture.supplyAsync(() -> {
      try (Stream<String> lines = out.lines()) {
        return lines.filter(l -> l.startsWith("archon-gateway listening on ")).findFirst()
            .map(l -> l.substring("archon-gateway listening on ".length())).orElse(null);
      }
    });
    String url = listening.get(60, TimeUnit.SECONDS);
    assertTrue(url != null, "gateway did not start: " + String.join("\n", stderr));
    return url;
  }

  private static CompletableFuture<Void> stream(String url, String model, List<String> lines, CountDownLatch firstData) {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Http.chat(model, "Tell me a long story", "\"stream\":true")))
        .build();
    return CLIENT.sendAsync(req, HttpResponse.BodyHandlers.ofLines()).thenAccept(resp -> resp.body().forEach(l -> {
      if (l.isEmpty()) return;
      lines.add(l);
      if (l.startsWith("data:")) firstData.countDown();
    }));
  }

  /**
   * Waits for {@code /ready} to say "draining": a 503 alone is not the signal's doing while the fresh process's
   * loopback warm-up runs ("warming up"), and a request sent then is still answered.
   */
  private static void awaitDraining(String url) {
    long deadline = System.currentTimeMillis() + 5000;
    HttpResponse<String> last = null;
    while (System.currentTimeMillis() < deadline) {
      last = Http.get(url);
      if (last.statusCode() == 503 && last.body().contains("\"draining\"")) return;
      Thread.onSpinWait();
    }
    throw new AssertionError(url + " answered " + (last == null ? "nothing" : last.statusCode() + " " + last.body())
        + ", expected 503 draining");
  }
}
