package ai.archon.gateway.bench.judge;

import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.MockUpstream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A fresh mock upstream (the scripted judge) and {@code bench judge}'s environment for each test. */
abstract class JudgeTestBase {
  @TempDir Path tmp;
  /** The Vert.x and mock upstream of each test, closed after it. */
  @RegisterExtension final GatewayExtension fixture = new GatewayExtension();
  final MockUpstream upstream = fixture.upstream();
  Map<String, String> env;

  @BeforeEach
  void judgeEnvironment() {
    env = JudgeRun.env(upstream, tmp);
  }
}
