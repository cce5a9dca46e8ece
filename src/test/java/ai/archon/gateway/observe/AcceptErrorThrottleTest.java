package ai.archon.gateway.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.support.CapturedLogs;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Descriptor exhaustion is logged at most once per interval, whatever the accept loop throws at the log. */
class AcceptErrorThrottleTest {
  @Test
  void oneEmfileLinePerInterval() {
    LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
    AcceptErrorThrottle throttle = new AcceptErrorThrottle(60_000);
    throttle.setContext(lc);
    throttle.start();
    lc.addTurboFilter(throttle);
    Logger netty = LoggerFactory.getLogger("io.netty.channel.DefaultChannelPipeline");
    try (CapturedLogs logs = new CapturedLogs()) {
      for (int i = 0; i < 10_000; i++) {
        netty.warn("An exceptionCaught() event was fired", new IOException("accept(..) failed: Too many open files"));
      }
      netty.warn("something else");
      assertEquals(1, logs.count(Level.WARN, "exceptionCaught"));
      assertEquals(1, logs.count(Level.WARN, "something else"));
      assertEquals(9_999, throttle.dropped());
    } finally {
      lc.getTurboFilterList().remove(throttle);
    }
  }
}
