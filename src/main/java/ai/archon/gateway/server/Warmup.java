package ai.archon.gateway.server;

import ai.archon.gateway.config.EnvNumber;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Loopback warm-up before {@code /ready} says ready ({@code ARCHON_WARMUP_REQUESTS}). A fresh process runs its
 * connection and request paths in the interpreter while the JIT compiles them: measured with bench/abuse.py on one
 * core, the first burst of 1,300 connections then held the event loop for 200-700 ms, and a {@code /health} probe
 * waited that long. Sending the gateway's own port cheap requests first, each on a new connection, gets those paths
 * compiled before traffic is let in. A thousand of them left the connection paths with C1's profiling code, and the
 * same burst then delayed {@code /health} by 100-230 ms; four thousand take them on to C2 (a method is compiled there
 * after about 5,000 calls, and each connection calls its setup methods once or twice), and the burst delayed it by
 * 31-93 ms in six runs (docs/resilience.md, "Round 10"). The price is a later {@code /ready}: about 3 s after
 * {@code listening} on two cores instead of 1.5, 5-6 s on one instead of 2.5.
 * Only requests without side effects are sent ({@code /health}, {@code /ready}, an unknown path): a chat request
 * would be counted, logged and metered as a client's.
 */
public final class Warmup {
  public static final String ENV = "ARCHON_WARMUP_REQUESTS";
  public static final int DEFAULT_REQUESTS = 4000;
  /** Requests in flight at once: enough to overlap accepts and replies, few enough not to queue. */
  private static final int CONCURRENCY = 8;
  private static final Buffer[] REQUESTS = Stream.of("/health", "/health", "/health", "/ready", "/health",
      "/health", "/health", "/archon-warmup-unknown-path")
      .map(path -> Buffer.buffer("GET " + path + " HTTP/1.1\r\nHost: archon-warmup\r\nConnection: close\r\n\r\n"))
      .toArray(Buffer[]::new);
  /** A request not answered by then is counted out: a warm-up never holds startup for long. */
  private static final long REQUEST_TIMEOUT_MS = 2_000;
  private volatile boolean running;

  /** Parses {@code ARCHON_WARMUP_REQUESTS}: a whole number, 0 or more (0: no warm-up). */
  public static int requests(String value) {
    return (int) Math.min(Integer.MAX_VALUE, EnvNumber.nonNegative(ENV, value, DEFAULT_REQUESTS, "requests"));
  }

  /** While true, {@code /ready} answers 503 "warming up". */
  boolean running() {
    return running;
  }

  /**
   * Sends {@code requests} GET requests to {@code host:port}, each on a new connection that the server closes
   * ({@code Connection: close}); completes with how many got an answer once all have ended. Never fails: a request
   * that fails is counted out, not retried. A raw TCP client, not an HTTP one: the client's own work shares the
   * core with the server's, and only the server's paths need warming.
   */
  Future<Integer> run(Vertx vertx, String host, int port, int requests) {
    if (requests <= 0) return Future.succeededFuture(0);
    running = true;
    NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) REQUEST_TIMEOUT_MS)
        .setTcpNoDelay(true));
    String target = loopback(host);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    // Lanes never fail (a failed request is counted out), so all of them ending is the warm-up's end.
    List<Future<Void>> lanes = IntStream.range(0, Math.min(CONCURRENCY, requests))
        .mapToObj(lane -> lane(client, target, port, next, requests, answered)).toList();
    return Future.all(lanes).eventually(() -> client.close()).map(v -> answered.get())
        .onComplete(v -> running = false);
  }

  /** One request after another until {@code requests} have been sent across all lanes. */
  private static Future<Void> lane(NetClient client, String host, int port, AtomicInteger next, int requests,
      AtomicInteger answered) {
    int i = next.getAndIncrement();
    if (i >= requests) return Future.succeededFuture();
    return client.connect(port, host).compose(socket -> exchange(socket, REQUESTS[i % REQUESTS.length]))
        .andThen(ar -> { if (ar.succeeded() && ar.result()) answered.incrementAndGet(); })
        .transform(ar -> lane(client, host, port, next, requests, answered));
  }

  /** Writes one request and waits for the server to close the connection: true when any reply came back first. */
  private static Future<Boolean> exchange(NetSocket socket, Buffer request) {
    Promise<Boolean> closed = Promise.promise();
    boolean[] replied = {false};
    socket.handler(data -> replied[0] |= data.length() > 0);
    socket.closeHandler(v -> closed.tryComplete(replied[0]));
    socket.exceptionHandler(e -> socket.close());
    socket.write(request);
    return closed.future().timeout(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .andThen(ar -> { if (ar.failed()) socket.close(); });
  }

  /** The address to reach a server listening on {@code host}: a wildcard address is reached on loopback. */
  static String loopback(String host) {
    return switch (host) {
      case "0.0.0.0", "" -> "127.0.0.1";
      case "::", "[::]", "::0" -> "::1";
      default -> host;
    };
  }
}
