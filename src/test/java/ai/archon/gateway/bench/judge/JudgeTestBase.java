package ai.archon.gateway.bench.judge;

import ai.archon.gateway.support.MockUpstream;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh mock upstream (the scripted judge) and {@code bench judge}'s environment for each test. */
abstract class JudgeTestBase {
  @TempDir Path tmp;
  Vertx vertx;
  MockUpstream upstream;
  Map<String, String> env;

  @BeforeEach
  void startUpstream() {
    vertx = Vertx.vertx();
    upstream = JudgeRun.upstream(vertx);
    env = JudgeRun.env(upstream, tmp);
  }

  @AfterEach
  void stopUpstream() {
    vertx.close().await();
  }
}
