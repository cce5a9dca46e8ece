package ai.archon.gateway.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
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
 * <p>Why code and not {@code logback.xml}: Joran's XML parsing and reflection took about 350 ms of the gateway's
 * startup on one core. A {@code logback.configurationFile} system property or a {@code logback-test.xml} on the class
 * path (the tests) still wins: this configurator then steps aside.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

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
    AcceptErrorThrottle throttle = new AcceptErrorThrottle();
    throttle.setContext(lc);
    throttle.start();
    lc.addTurboFilter(throttle);
    Logger root = lc.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(System.getenv("ARCHON_LOG_LEVEL"), Level.INFO));
    root.addAppender(stderr);
    lc.getLogger("io.netty").setLevel(Level.WARN);
    lc.getLogger("io.vertx").setLevel(Level.INFO);
    // Each event-loop instance registers Vert.x's shared HTTP-server gauges again; Micrometer warns once about it.
    lc.getLogger("io.micrometer.core.instrument.MeterRegistry").setLevel(Level.ERROR);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
