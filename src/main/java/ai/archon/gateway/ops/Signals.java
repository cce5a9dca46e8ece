package ai.archon.gateway.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * POSIX signal handlers through {@code sun.misc.Signal} (module jdk.unsupported, present in every JDK 17 and kept for
 * exactly this use): the JDK has no public API to catch SIGTERM without exiting 143 or to catch SIGHUP at all.
 */
public final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private Signals() { }

  /** Runs {@code action} on the JVM's signal thread each time {@code name} (TERM, HUP, ...) arrives. */
  public static void on(String name, Runnable action) {
    try {
      Signal.handle(new Signal(name), sig -> action.run());
    } catch (IllegalArgumentException e) {
      LOG.warn("cannot handle SIG{} on this platform: {}", name, e.getMessage());
    }
  }
}
