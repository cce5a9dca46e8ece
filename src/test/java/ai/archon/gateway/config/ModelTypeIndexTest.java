package ai.archon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Look-ups by model_type and model find what the joined key names, and nothing else. */
class ModelTypeIndexTest {
  private final ModelTypeIndex<Integer> index = new ModelTypeIndex<>(Map.of(
      "OpenAI_API/gpt-4o", 1,
      "Together_API/meta-llama/Llama-3-70b", 2,
      "a/b/c", 3,
      "plain-name", 4,
      "/leading", 5));

  @Test
  void theTwoPartsFindTheJoinedKey() {
    assertEquals(1, index.get("OpenAI_API", "gpt-4o"));
    assertEquals(2, index.get("Together_API", "meta-llama/Llama-3-70b"), "a model may hold slashes");
    assertEquals(3, index.get("a", "b/c"));
  }

  @Test
  void aModelTypeWithASlashIsLookedUpJoined() {
    assertEquals(3, index.get("a/b", "c"), "as joining the two would have found it");
    assertNull(index.get("a/x", "c"));
  }

  @Test
  void nothingElseIsFound() {
    assertNull(index.get("OpenAI_API", "gpt-4"));
    assertNull(index.get("openai_api", "gpt-4o"), "model types are case-sensitive");
    assertNull(index.get("plain-name", ""));
    assertNull(index.get("", "plain-name"));
    assertEquals(4, index.get("plain-name"), "a key without a slash is found whole");
    assertEquals(5, index.get("", "leading"), "as \"\" + \"/\" + \"leading\" would have found it");
  }
}
