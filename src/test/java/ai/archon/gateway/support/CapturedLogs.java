package ai.archon.gateway.support;

import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log event of the process while open (root logger), to assert what never reaches a log. */
public final class CapturedLogs implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public CapturedLogs() {
    appender.start();
    root.addAppender(appender);
  }

  public List<ILoggingEvent> events() {
    synchronized (appender.list) {
      return List.copyOf(appender.list);
    }
  }

  /** Events at {@code level} or above whose message or any throwable message contains {@code text}. */
  public List<ILoggingEvent> containing(String text, Level level) {
    return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(level))
        .filter(e -> e.getFormattedMessage().contains(text) || mentions(e.getThrowableProxy(), text)).toList();
  }

  /** Fails when {@code text} (a prompt, a key) appears in any event above DEBUG. */
  public void assertNeverAboveDebug(String text) {
    List<ILoggingEvent> hits = containing(text, Level.INFO);
    if (!hits.isEmpty()) fail("logged above DEBUG: " + hits);
  }

  /** How many events at exactly {@code level} whose message contains {@code text}. */
  public long count(Level level, String text) {
    return events().stream().filter(e -> e.getLevel() == level && e.getFormattedMessage().contains(text)).count();
  }

  private static boolean mentions(IThrowableProxy t, String text) {
    for (IThrowableProxy p = t; p != null; p = p.getCause()) {
      if (p.getMessage() != null && p.getMessage().contains(text)) return true;
    }
    return false;
  }

  @Override
  public void close() {
    root.detachAppender(appender);
  }
}
