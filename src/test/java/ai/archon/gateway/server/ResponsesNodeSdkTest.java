package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Prerequisites;
import ai.archon.gateway.support.TestGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official OpenAI Node SDK ({@code src/test/node}, pinned in its package-lock.json) runs its Responses API
 * checks ({@code responses.create} with a string, instructions, function call items and previous_response_id,
 * {@code responses.stream}, retrieve and delete) against the demo ensemble. Without node or without
 * {@code npm ci} having been run there the test is skipped with a message, except under {@code CI=true}, where it
 * fails: CI installs both.
 */
class ResponsesNodeSdkTest {
  private static final Path PROJECT = Path.of("src/test/node");
  @RegisterExtension
  final GatewayExtension gateway = new GatewayExtension();

  @Test
  void theNodeSdkCreatesChainsStreamsRetrievesAndDeletes() throws IOException, InterruptedException {
    String missing = !nodeRuns() ? "node is not installed"
        : !Files.isDirectory(PROJECT.resolve("node_modules/openai")) ? "run 'npm ci' in " + PROJECT : null;
    if (missing != null) Prerequisites.missing(missing + " (.ci/run installs it)");
    String url = TestGateway.start(gateway.vertx(), Path.of("gateway-configs"), gateway.env(), null, 200, true).url();
    ProcessBuilder pb = new ProcessBuilder("node", "responses.mjs").directory(PROJECT.toFile()).redirectErrorStream(true);
    pb.environment().put("GATEWAY_URL", url);
    pb.environment().put("MODEL", "demo-ensemble");
    Process p = pb.start();
    // Read on this thread until the process closes its output: the gateway answers on its own event loops.
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "node did not finish: " + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("OK {"), out);
  }

  private static boolean nodeRuns() {
    try {
      Process p = new ProcessBuilder(List.of("node", "--version")).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
