package ai.archon.gateway.provider;

import ai.archon.gateway.support.MockUpstream;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fixture of the provider tests: the test's Vert.x (closed by {@link VertxExtension} after each test), calls run on
 * one of its event-loop contexts ({@link #loop}), and a mock upstream on it. It starts before the subclass's own
 * {@code @BeforeEach}, which builds the provider against {@link #upstream}.
 */
@ExtendWith(VertxExtension.class)
abstract class ProviderTestBase {
  Vertx vertx;
  MockUpstream upstream;
  LoopCalls loop;

  @BeforeEach
  void startUpstream(Vertx vertx) {
    this.vertx = vertx;
    loop = new LoopCalls(vertx);
    upstream = MockUpstream.startBlocking(vertx);
  }
}
