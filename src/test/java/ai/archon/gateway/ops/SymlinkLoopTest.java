package ai.archon.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Http;
import ai.archon.gateway.support.TestGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A symbolic link loop in the configs folder is skipped with a warning; the configs around it load. */
class SymlinkLoopTest {
  @RegisterExtension final GatewayExtension gateway = new GatewayExtension();

  @Test
  void aLinkToAnAncestorIsSkipped() throws Exception {
    Path configs = TestGateway.configs(GatewayExtension.oneGenerator());
    Files.createDirectory(configs.resolve("sub"));
    Files.createSymbolicLink(configs.resolve("sub").resolve("loop"), configs);
    // strict start: any rejected path fails it
    String url = gateway.start(configs).url();
    assertEquals(200, Http.post(url + "/v1/chat/completions", Http.chat("one", "hi", null)).statusCode());
  }
}
