package ai.archon.gateway.model;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Timeouts that almost never fire (request deadline, attempt timeout, silence watchdog), kept on a small timing wheel
 * of each event loop instead of Vert.x timers or a timer thread.
 *
 * <p>Why: every upstream call arms and cancels one or two such timeouts. A Vert.x timer is a map entry plus a task in
 * the event loop's scheduled-task heap, added and removed each time; Netty's {@code HashedWheelTimer} (round 4) made
 * that a queue offer per arm and per cancel, but its own thread woke every tick and drained those queues: 3.8 % of
 * the gateway's CPU samples at 100 concurrent ensembles (round 7 profile; this wheel's frames: 0.3 %). Here arming
 * links an entry into a slot of the loop's own wheel and cancelling unlinks it, both plain field writes on the loop's
 * thread; one Netty scheduled task per loop walks the wheel every tick while any timeout is armed, and none runs
 * while none is.
 *
 * <p>A timeout never fires early and up to one tick ({@value #TICK_MS} ms, more when the loop is busy) late. The task
 * runs on the Vert.x context that armed it, so callers keep their single-threaded state. Armed from another thread,
 * the entry is linked on the context's loop; cancelled from another thread, it is only flagged and leaves the wheel
 * when its slot comes round (within one turn of the wheel: 512 slots × {@value #TICK_MS} ms = 5.12 s).
 */
public final class CoarseTimer {
  /** Wheel resolution. */
  public static final long TICK_MS = 10;
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MS);
  private static final FastThreadLocal<Wheel> WHEELS = new FastThreadLocal<>();

  private CoarseTimer() { }

  /** A timeout armed with {@link #schedule}. */
  public interface Timeout {
    /** The task will not run (no effect once it ran). */
    void cancel();
  }

  /** Runs {@code task} on the caller's context after {@code delayMs}, unless the returned timeout is cancelled first. */
  public static Timeout schedule(Vertx vertx, long delayMs, Runnable task) {
    ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
    Entry e = new Entry(context, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, delayMs)), task);
    EventLoop loop = context.nettyEventLoop();
    if (loop.inEventLoop()) {
      wheel(loop).add(e);
    } else {
      try {
        loop.execute(() -> wheel(loop).add(e));
      } catch (RejectedExecutionException closed) {
        // the Vertx instance is closed: nothing is left to time out
      }
    }
    return e;
  }

  private static Wheel wheel(EventLoop loop) {
    Wheel w = WHEELS.get();
    if (w == null) {
      w = new Wheel(loop);
      WHEELS.set(w);
    }
    return w;
  }

  /** One armed timeout: a node of its slot's doubly linked list while it is on the wheel. */
  private static final class Entry implements Timeout {
    final ContextInternal context;
    final long deadline;
    final Runnable task;
    long tick;
    Wheel wheel; // set while linked
    Entry prev;
    Entry next;
    volatile boolean cancelled;

    Entry(ContextInternal context, long deadline, Runnable task) {
      this.context = context;
      this.deadline = deadline;
      this.task = task;
    }

    @Override
    public void cancel() {
      cancelled = true;
      Wheel w = wheel;
      if (w != null && w.loop.inEventLoop()) w.unlink(this);
    }

    void fire() {
      try {
        context.runOnContext(v -> {
          if (!cancelled) task.run();
        });
      } catch (RejectedExecutionException closed) {
        // the Vertx instance is closed
      }
    }
  }

  /**
   * The wheel of one event loop, used only from its thread: {@value #SLOTS} slots of {@value #TICK_MS} ms; an entry
   * sits in the slot of the first tick at or after its deadline and fires when the walk reaches that tick (a later
   * round of the wheel passes it by).
   */
  private static final class Wheel {
    static final int SLOTS = 512;
    final EventLoop loop;
    final Entry[] heads = new Entry[SLOTS];
    final long origin = System.nanoTime();
    final Runnable walk = this::walk;
    long walked; // the last tick walked
    int size;
    boolean scheduled;

    Wheel(EventLoop loop) {
      this.loop = loop;
      this.walked = tickOf(origin);
    }

    long tickOf(long nanos) {
      return Math.floorDiv(nanos - origin, TICK_NANOS);
    }

    void add(Entry e) {
      if (e.cancelled) return;
      // ceil: the slot's tick starts at or after the deadline, so walking it never fires early
      long tick = Math.max(walked + 1, -Math.floorDiv(origin - e.deadline, TICK_NANOS));
      e.tick = tick;
      int slot = (int) (tick & (SLOTS - 1));
      e.next = heads[slot];
      if (e.next != null) e.next.prev = e;
      heads[slot] = e;
      e.wheel = this;
      size++;
      if (!scheduled) {
        scheduled = true;
        loop.schedule(walk, TICK_MS, TimeUnit.MILLISECONDS);
      }
    }

    void unlink(Entry e) {
      if (e.wheel != this) return;
      if (e.prev != null) e.prev.next = e.next;
      else heads[(int) (e.tick & (SLOTS - 1))] = e.next;
      if (e.next != null) e.next.prev = e.prev;
      e.prev = null;
      e.next = null;
      e.wheel = null;
      size--;
    }

    void walk() {
      scheduled = false;
      long now = tickOf(System.nanoTime());
      // after a long stall one full round covers every slot
      long from = Math.max(walked + 1, now - SLOTS + 1);
      for (long t = from; t <= now; t++) {
        Entry e = heads[(int) (t & (SLOTS - 1))];
        while (e != null) {
          Entry next = e.next;
          if (e.cancelled) {
            unlink(e);
          } else if (e.tick <= now) {
            unlink(e);
            e.fire();
          }
          e = next;
        }
      }
      walked = now;
      if (size > 0) {
        scheduled = true;
        loop.schedule(walk, TICK_MS, TimeUnit.MILLISECONDS);
      }
    }
  }
}
