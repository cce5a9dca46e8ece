package ai.archon.gateway.ops;

import io.vertx.core.transport.Transport;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The socket transport of the gateway's Vertx, from {@code ARCHON_NATIVE_TRANSPORT}: by default io_uring where the
 * kernel allows it, else epoll, else Java NIO; {@code epoll} or {@code io_uring} ask for one (falling back the same
 * way when it is not available); {@code false} or {@code nio} for NIO.
 *
 * <p>Why io_uring first: a proxy's CPU goes mostly to socket system calls (two sends and two receives per proxied
 * request, ~40 % of the gateway's CPU in profiles), and io_uring submits and completes them in batches. Measured with
 * the bench's steady state on one core, interleaved runs of the same jar: median 0.069 ms CPU per pass-through
 * request against 0.083 with epoll (15–20 % less), for ~10 MiB more RSS.
 * Container runtimes often forbid io_uring in their default seccomp profile; Netty then reports it unavailable and
 * epoll is used.
 */
public final class Transports {
  public static final String ENV = "ARCHON_NATIVE_TRANSPORT";

  private Transports() { }

  public static Transport choose(String setting) {
    return choose(setting, Transport::available);
  }

  static Transport choose(String setting, Predicate<Transport> available) {
    String s = setting == null ? "" : setting.trim().toLowerCase(Locale.ROOT);
    switch (s) {
      case "false":
      case "nio":
        return Transport.NIO;
      case "":
      case "true":
      case "io_uring":
        if (available.test(Transport.IO_URING)) return Transport.IO_URING;
        // falls back as epoll does
      case "epoll":
        return available.test(Transport.EPOLL) ? Transport.EPOLL : Transport.NIO;
      default:
        throw new IllegalArgumentException(ENV + " must be io_uring, epoll, nio or false, got '" + setting + "'");
    }
  }
}
