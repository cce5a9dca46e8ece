package ai.archon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Typo suggestions: close names are suggested, distant ones are not. */
class KeySuggesterTest {
  private static final List<String> KEYS = List.of("length_control", "max_tokens", "top_k", "temperature", "type");

  @Test
  void transpositionCountsAsOneEdit() {
    assertEquals(1, KeySuggester.distance("length_contorl", "length_control"));
    assertEquals(Optional.of("length_control"), KeySuggester.suggest("length_contorl", KEYS));
  }

  @Test
  void closeNamesAreSuggested() {
    assertEquals(Optional.of("max_tokens"), KeySuggester.suggest("max_token", KEYS));
    assertEquals(Optional.of("top_k"), KeySuggester.suggest("topk", KEYS));
    assertEquals(Optional.of("temperature"), KeySuggester.suggest("Temperature", KEYS));
    assertEquals(" (did you mean \"type\"?)", KeySuggester.hint("tpye", KEYS));
  }

  @Test
  void distantNamesAreNot() {
    assertEquals(Optional.empty(), KeySuggester.suggest("branches", KEYS));
    assertEquals(Optional.empty(), KeySuggester.suggest("k", KEYS));
    assertEquals("", KeySuggester.hint("", KEYS));
    assertEquals(Optional.empty(), KeySuggester.suggest("top_k", KEYS), "an exact match needs no suggestion");
  }
}
