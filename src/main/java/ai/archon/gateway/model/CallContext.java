package ai.archon.gateway.model;

import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every upstream call of one client request shares: its request id (for logs) and its cancellation. When the
 * client disconnects or the deadline passes, {@link #cancel()} resets every upstream HTTP request still running.
 * It also carries the request's trace context (the span its calls' spans hang under), because Vert.x has no
 * context propagation the gateway could rely on. Used only from the request's event loop, so it needs no locking.
 */
public final class CallContext {
  private final String requestId;
  // The actions to run on cancel, oldest first, as a doubly linked list: every upstream attempt registers one and
  // forgets it when it ends, and an ArrayList's remove scanned the request's whole list for it (about 1 % of the
  // gateway's CPU per ensemble call in the round-7 profile); unlinking a node is constant time.
  private Registration first;
  private Registration last;
  private boolean cancelled;
  // Shared with the attempt and child contexts made from this one: they count for the whole request.
  private final AtomicInteger attempts;
  private final AtomicInteger retries;
  private Outlet outlet = Outlet.OPEN;
  private MemoryBudget memory = MemoryBudget.UNBOUNDED;
  /** When the caller stops waiting ({@link System#nanoTime()}); meaningful only while {@code cutPoint} is true. */
  private long finishByNanos;
  private boolean cutPoint;
  /** The OpenTelemetry context whose span is the parent of these calls' spans; null when the request is not traced. */
  private Context trace;

  /**
   * Where a relayed stream's text goes (the client's socket), as far as its readers need to know: when it is
   * {@link #full()} a reader of an upstream stream pauses, and resumes when {@link #whenDrained} runs its action.
   */
  public interface Outlet {
    /** Never full: calls whose text is not relayed to a client. */
    Outlet OPEN = new Outlet() {
      @Override public boolean full() { return false; }
      @Override public void whenDrained(Runnable resume) { resume.run(); }
    };

    boolean full();

    /** Runs {@code resume} once the outlet can take more (at once if it already can). */
    void whenDrained(Runnable resume);
  }

  public CallContext(String requestId) {
    this(requestId, new AtomicInteger(), new AtomicInteger());
  }

  private CallContext(String requestId, AtomicInteger attempts, AtomicInteger retries) {
    this.requestId = requestId;
    this.attempts = attempts;
    this.retries = retries;
  }

  public static CallContext detached() {
    return new CallContext("-");
  }

  public String requestId() { return requestId; }

  /** The outlet of this request's relayed stream ({@link Outlet#OPEN} unless the server set one). */
  public Outlet outlet() { return outlet; }

  public void outlet(Outlet outlet) { this.outlet = outlet == null ? Outlet.OPEN : outlet; }

  /** The trace context these calls' spans are children of, or null when tracing is off (then nothing is traced). */
  public Context trace() { return trace; }

  public void trace(Context context) { this.trace = context; }

  /** The memory budget upstream replies being gathered for this request count against. */
  public MemoryBudget memory() { return memory; }

  public void memory(MemoryBudget memory) { this.memory = memory == null ? MemoryBudget.UNBOUNDED : memory; }

  /**
   * A context for one attempt of this request's calls: its own cancellation; the same id, counters, outlet, memory
   * budget, cut point and trace context.
   */
  public CallContext attempt() {
    CallContext own = new CallContext(requestId, attempts, retries);
    own.outlet = outlet;
    own.memory = memory;
    own.finishByNanos = finishByNanos;
    own.cutPoint = cutPoint;
    own.trace = trace;
    return own;
  }

  /**
   * A part of this request's calls that can be cancelled on its own (one component of a layer, cut as a straggler):
   * cancelling this context cancels the child, not the other way round; the id, outlet and cut point are inherited.
   */
  public CallContext child() {
    CallContext child = attempt();
    onCancel(child::cancel);
    return child;
  }

  /**
   * The point ({@link System#nanoTime()}) past which the caller stops waiting for these calls: no retry should start
   * that cannot finish before it. Keeps an earlier point already set.
   */
  public void finishBy(long nanos) {
    if (cutPoint && finishByNanos - nanos <= 0) return;
    finishByNanos = nanos;
    cutPoint = true;
  }

  /** Nanoseconds left until the cut point ({@link Long#MAX_VALUE} when there is none; negative once passed). */
  public long nanosToCut() {
    return cutPoint ? finishByNanos - System.nanoTime() : Long.MAX_VALUE;
  }

  public boolean cancelled() { return cancelled; }

  /** Counts one upstream HTTP attempt of this request (reported as {@code x-archon-upstream-calls}). */
  public void attempted() { attempts.incrementAndGet(); }

  /** Counts one retry of this request (reported as {@code x-archon-retries}). */
  public void retried() { retries.incrementAndGet(); }

  public int attempts() { return attempts.get(); }

  public int retries() { return retries.get(); }

  /** Registers an action to run on cancel (at once if already cancelled); returns a handle that forgets it. */
  public Runnable onCancel(Runnable action) {
    if (cancelled) {
      action.run();
      return () -> { };
    }
    Registration r = new Registration(action);
    r.prev = last;
    if (last == null) first = r;
    else last.next = r;
    last = r;
    return r;
  }

  /** Runs the registered actions in the order they were registered, each once. */
  public void cancel() {
    if (cancelled) return;
    cancelled = true;
    Registration r = first;
    first = null;
    last = null;
    while (r != null) {
      Registration next = r.next;
      r.prev = null;
      r.next = null;
      r.action.run();
      r = next;
    }
  }

  /** One registered action; running it forgets the action (once, and not once the context is cancelled). */
  private final class Registration implements Runnable {
    final Runnable action;
    Registration prev;
    Registration next;
    boolean forgotten;

    Registration(Runnable action) {
      this.action = action;
    }

    @Override
    public void run() {
      if (forgotten || cancelled) return;
      forgotten = true;
      if (prev == null) first = next;
      else prev.next = next;
      if (next == null) last = prev;
      else next.prev = prev;
      prev = null;
      next = null;
    }
  }
}
