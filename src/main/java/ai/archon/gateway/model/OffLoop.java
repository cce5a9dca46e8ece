package ai.archon.gateway.model;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/**
 * Work on a request's bytes that runs on one shared worker thread when the bytes are many, so that the event loop
 * keeps answering its other connections (reading a 9.5 MB body into a tree, or writing one for a provider, held
 * {@code /health} back for hundreds of milliseconds), and right away on the caller's thread when they are few (a hop
 * to a worker costs more than a few kilobytes). The result comes back on the caller's context, so a route's or a
 * call's steps keep their thread and order.
 *
 * <p>One thread per pool name, shared by every verticle: such work holds a few times its bytes while it runs, and
 * doing one at a time keeps that bounded (the admission budget bounds how many wait).
 */
public final class OffLoop {
  /** Work on at least this many bytes goes to the worker. */
  public static final int LARGE_BYTES = 256 * 1024;
  private final Vertx vertx;
  private final String pool;
  private final long largeBytes;
  private volatile WorkerExecutor worker;

  /** @param pool the worker pool's name: every OffLoop of one name shares its one thread */
  public OffLoop(Vertx vertx, String pool, long largeBytes) {
    this.vertx = vertx;
    this.pool = pool;
    this.largeBytes = largeBytes;
  }

  /** True when work on {@code bytes} bytes goes to the worker. */
  public boolean large(long bytes) {
    return bytes >= largeBytes;
  }

  /** {@code work} on the worker; its result (or what it threw) comes back on the caller's context. */
  public <T> Future<T> submit(Callable<T> work) {
    return worker().executeBlocking(() -> {
      lowerPriority();
      return work.call();
    }, false);
  }

  /**
   * The worker runs below the event loops: where thread priorities reach the OS (jvm.options'
   * {@code -XX:ThreadPriorityPolicy=1}), the minimum is nice 4, so on a shared core a loop that wakes with a request
   * gets the core first (bench/abuse.py: two 9.5 MB parses on one core held {@code /health} back otherwise).
   * Elsewhere it changes nothing.
   */
  private static void lowerPriority() {
    Thread t = Thread.currentThread();
    if (t.getPriority() != Thread.MIN_PRIORITY) t.setPriority(Thread.MIN_PRIORITY);
  }

  /** {@code work} on the worker when {@code bytes} is {@link #large}, else here and now; what it throws fails it. */
  public <T> Future<T> run(long bytes, Callable<T> work) {
    if (large(bytes)) return submit(work);
    try {
      return Future.succeededFuture(work.call());
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  /** Made on first use: most instances (providers whose requests are all small) never need one. */
  private WorkerExecutor worker() {
    WorkerExecutor w = worker;
    if (w == null) {
      synchronized (this) {
        if (worker == null) worker = vertx.createSharedWorkerExecutor(pool, 1);
        w = worker;
      }
    }
    return w;
  }
}
