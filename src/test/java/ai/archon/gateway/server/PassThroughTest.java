package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PassThroughTest {
  private static final Set<String> TYPES = Set.of("Together_API", "OpenAI_API");

  @Test
  void theModelTypeIsTheFirstSegmentAndTheUpstreamModelKeepsItsOwnSlashes() {
    assertEquals(new PassThrough("Together_API/meta-llama/Llama-3-70b", "Together_API", "meta-llama/Llama-3-70b"),
        PassThrough.resolve("Together_API/meta-llama/Llama-3-70b", TYPES::contains));
  }

  @Test
  void anUnknownPrefixOrNoPrefixIsNoPassThrough() {
    assertNull(PassThrough.resolve("Unknown_API/gpt-4o", TYPES::contains));
    assertNull(PassThrough.resolve("demo-ensemble", TYPES::contains));
    assertNull(PassThrough.resolve("/OpenAI_API", TYPES::contains));
  }
}
