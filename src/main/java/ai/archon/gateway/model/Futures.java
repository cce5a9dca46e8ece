package ai.archon.gateway.model;

import io.vertx.core.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The one guard between code that returns a future and code that may throw before it does. */
public final class Futures {
  private Futures() { }

  /**
   * {@code s.get()}, with a synchronous throw (or a null future) turned into a failed future: a bug in what is called
   * must fail its own future, not escape into the event loop or leak the permit, slot or count taken before the call.
   */
  public static <T> Future<T> safely(Supplier<Future<T>> s) {
    return safely(s, e -> { });
  }

  /** As {@link #safely(Supplier)}, telling {@code thrown} about a synchronous throw first. */
  public static <T> Future<T> safely(Supplier<Future<T>> s, Consumer<RuntimeException> thrown) {
    try {
      Future<T> f = s.get();
      return f == null ? Future.failedFuture(new IllegalStateException("call returned no future")) : f;
    } catch (RuntimeException e) {
      thrown.accept(e);
      return Future.failedFuture(e);
    }
  }
}
