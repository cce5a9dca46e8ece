package ai.archon.gateway.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The gateway's Logback setup in code, found by Logback through {@code META-INF/services}: logs go to stderr so that
 * stdout carries only the command's own output (validate results, the listening line); one JSON object per line, or
 * {@code ARCHON_LOG_FORMAT=text}; root level {@code ARCHON_LOG_LEVEL} (default INFO). Prompts, answers and keys are
 * never logged above debug.
 *
 * <p>Lines are written by Logback's {@link AsyncAppender} thread, never by the thread that logs: stderr is a pipe to
 * whatever collects the container's logs, and when that reader stalls the pipe fills (64 KiB) and every write blocks.
 * Written from the event loop, one access-log line then held its requests for good (175 requests with a reader that
 * never read). The queue holds {@link #QUEUE_LINES} lines; when it is full, lines are dropped instead of blocking
 * ({@code neverBlock}). At exit a shutdown hook stops Logback, which writes what is queued (at most a second).
 *
 * <p>Why code and not {@code logback.xml}: Joran's XML parsing and reflection took about 350 ms of the gateway's
 * startup on one core. A {@code logback.configurationFile} system property or a {@code logback-test.xml} on the class
 * path (the tests) still wins: this configurator then steps aside.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  /** Log lines queued for the writer thread before new ones are dropped. */
  static final int QUEUE_LINES = 8192;

  @Override
  public ExecutionStatus configure(LoggerContext lc) {
    if (System.getProperty("logback.configurationFile") != null
        || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    LogLayout layout = new LogLayout();
    layout.setContext(lc);
    layout.setFormat(System.getenv("ARCHON_LOG_FORMAT"));
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(lc);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(lc);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    AsyncAppender async = new AsyncAppender();
    async.setContext(lc);
    async.setName("ASYNC_STDERR");
    async.setQueueSize(QUEUE_LINES);
    async.setDiscardingThreshold(0); // no line is dropped by its level, only when the queue is full
    async.setNeverBlock(true);
    async.addAppender(stderr);
    async.start();
    Runtime.getRuntime().addShutdownHook(new Thread(lc::stop, "archon-log-flush"));
    AcceptErrorThrottle throttle = new AcceptErrorThrottle();
    throttle.setContext(lc);
    throttle.start();
    lc.addTurboFilter(throttle);
    Logger root = lc.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(System.getenv("ARCHON_LOG_LEVEL"), Level.INFO));
    root.addAppender(async);
    lc.getLogger("io.netty").setLevel(Level.WARN);
    lc.getLogger("io.vertx").setLevel(Level.INFO);
    // Each event-loop instance registers Vert.x's shared HTTP-server gauges again; Micrometer warns once about it.
    lc.getLogger("io.micrometer.core.instrument.MeterRegistry").setLevel(Level.ERROR);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
