package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A large body is read into a tree on a worker: the event loop answers other requests meanwhile. */
class BodyTreesTest {
  private final CountDownLatch parsing = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger parses = new AtomicInteger();
  private final AtomicReference<Boolean> onWorker = new AtomicReference<>();
  private Vertx vertx;
  private String url;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    BodyTrees bodies = new BodyTrees(vertx, BodyTrees.OFF_LOOP_BYTES, this::slowParse);
    Router router = Router.router(vertx);
    router.get("/health").handler(ctx -> ctx.end("ok"));
    router.post("/parse").handler(BodyHandler.create(false)).handler(ctx -> bodies.parse(ctx, RoutingContext::next))
        .handler(ctx -> ctx.end(Inbound.of(ctx).tree(ctx.body().buffer()).path("model").asText()));
    router.route().failureHandler(ctx -> ctx.response().setStatusCode(400).end(ctx.failure().getMessage()));
    // One server outside a verticle: one event loop serves every connection, so a parse on it would block /health.
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    url = "http://127.0.0.1:" + server.actualPort();
  }

  @AfterEach
  void stop() {
    release.countDown();
    vertx.close().await();
  }

  /** The real parse, once the test lets it go; notes the thread it ran on. */
  private JsonNode slowParse(Buffer body) {
    parses.incrementAndGet();
    onWorker.set(Context.isOnWorkerThread());
    parsing.countDown();
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ChatRequestParser.tree(body);
  }

  private CompletableFuture<HttpResponse<String>> post(String body) {
    return CompletableFuture.supplyAsync(() -> Http.post(url + "/parse", body));
  }

  private static String body(String model, int bytes) {
    return "{\"model\": \"" + model + "\", \"pad\": \"" + "x".repeat(bytes) + "\"}";
  }

  @Test
  void theLoopAnswersWhileALargeBodyIsParsed() throws Exception {
    CompletableFuture<HttpResponse<String>> big =
        CompletableFuture.supplyAsync(() -> Http.post(url + "/parse", body("big-one", 2 * BodyTrees.OFF_LOOP_BYTES)));
    assertTrue(parsing.await(30, TimeUnit.SECONDS), "the large body reached the parser");
    assertTrue(onWorker.get(), "parsed on a worker thread, not the event loop");
    HttpResponse<String> health = Http.get(url + "/health"); // the parse is still held
    assertEquals(200, health.statusCode());
    assertFalse(big.isDone(), "the large request waits for its parse");
    release.countDown();
    HttpResponse<String> answer = big.get(30, TimeUnit.SECONDS);
    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals("big-one", answer.body(), "the handler got the worker's tree");
    assertEquals(1, parses.get(), "parsed once");
  }

  @Test
  void largeBodiesAreParsedOneAtATime() throws Exception {
    String large = body("big", 2 * BodyTrees.OFF_LOOP_BYTES);
    CompletableFuture<HttpResponse<String>> first = post(large);
    CompletableFuture<HttpResponse<String>> second = post(large);
    assertTrue(parsing.await(30, TimeUnit.SECONDS));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (System.nanoTime() < until) { // the second body arrives meanwhile, and its parse must wait for the first
      assertEquals(1, parses.get(), "a second parse started while the first held its memory");
      Thread.sleep(50);
    }
    release.countDown();
    assertEquals(200, first.get(30, TimeUnit.SECONDS).statusCode());
    assertEquals(200, second.get(30, TimeUnit.SECONDS).statusCode());
    assertEquals(2, parses.get());
  }

  @Test
  void aSmallBodyIsLeftToTheHandler() {
    release.countDown();
    HttpResponse<String> answer = Http.post(url + "/parse", body("small", 100));
    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals("small", answer.body());
    assertEquals(0, parses.get(), "no hop to a worker for a few bytes");
  }

  @Test
  void aMalformedLargeBodyFailsAsA400ParsedOnce() {
    release.countDown();
    String whole = body("broken", 2 * BodyTrees.OFF_LOOP_BYTES);
    HttpResponse<String> answer = Http.post(url + "/parse", whole.substring(0, whole.length() - 1)); // cut short
    assertEquals(400, answer.statusCode());
    assertTrue(answer.body().contains("not valid JSON"), answer.body());
    assertEquals(1, parses.get(), "the worker's failure is kept, not parsed again on the loop");
  }
}
