package ai.archon.gateway.ops;

import ai.archon.gateway.config.EnvNumber;
import ai.archon.gateway.server.GatewayServer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM: {@code /ready} turns 503 and new API requests get 503 while the requests in flight (streams included)
 * have up to {@code ARCHON_DRAIN_MS} to finish; then Vert.x closes and the process exits 0.
 */
public final class GracefulShutdown {
  public static final long DEFAULT_DRAIN_MS = 20_000;
  private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);
  private final GatewayServer server;
  private final long drainMs;
  private final Runnable beforeClose;
  private final AtomicBoolean started = new AtomicBoolean();

  public GracefulShutdown(GatewayServer server, long drainMs, Runnable beforeClose) {
    this.server = server;
    this.drainMs = drainMs;
    this.beforeClose = beforeClose;
  }

  /** Parses {@code ARCHON_DRAIN_MS} (milliseconds, 0 or more). */
  public static long drainMs(String value) {
    return EnvNumber.nonNegative("ARCHON_DRAIN_MS", value, DEFAULT_DRAIN_MS, "milliseconds");
  }

  /** Starts the drain once (a second SIGTERM changes nothing); the process exits 0 when it is done. */
  public void begin() {
    if (!started.compareAndSet(false, true)) return;
    LOG.info("SIGTERM: draining {} requests in flight (up to {} ms)", server.drain().inFlight(), drainMs);
    server.drain().start(server.vertx(), drainMs).onComplete(ar -> {
      int left = ar.succeeded() ? ar.result() : -1;
      if (left == 0) LOG.info("drained; shutting down");
      else LOG.warn("drain timeout after {} ms with {} requests still in flight; shutting down", drainMs, left);
      beforeClose.run();
      // The spend file is written a second after a change: write the last requests' spend before closing.
      server.scale().spend().flush().otherwiseEmpty().compose(v -> server.vertx().close()).onComplete(v -> {
        // Exit from a plain thread: System.exit runs the shutdown hooks and must not hold a Vert.x thread.
        Thread exit = new Thread(() -> System.exit(0), "archon-exit");
        exit.start();
      });
    });
  }
}
