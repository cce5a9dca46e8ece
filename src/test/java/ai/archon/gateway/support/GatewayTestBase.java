package ai.archon.gateway.support;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Base of the end-to-end tests: the gateway fixture ({@link GatewayExtension}, a fresh Vert.x per test), the one mock
 * upstream every built-in provider points at, and the URL of the gateway the test started ({@code url =
 * gateway.start(...).url()}). The fixture closes after the test class's own {@code @AfterEach} methods.
 */
public abstract class GatewayTestBase {
  @RegisterExtension protected final GatewayExtension gateway = new GatewayExtension();
  protected final MockUpstream upstream = gateway.upstream();
  /** The base URL of the gateway under test, once the test has started it. */
  protected String url;
}
