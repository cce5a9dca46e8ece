package ai.archon.gateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link EventBytes}: the skipping search against {@link String#indexOf}, and the line-feed hint. */
class EventBytesTest {

  @Test
  void findsTheKeyWhereStringIndexOfDoes() {
    EventBytes.Key usage = EventBytes.Key.of("\"usage\"");
    String[] cases = {
      "", "\"usage\"", "\"usage", "usage\"", "{\"usage\":{}}", "{\"id\":\"x\",\"usage\":null}",
      "\"\"usage\"", "\"usag\"usage\"", "\"usage\"\"usage\"", "{\"text\":\"usage\",\"x\":1}", "egasu\"\"usage\"e"
    };
    for (String c : cases) assertEquals(c.indexOf("\"usage\""), EventBytes.of(c).indexOf(usage), c);
  }

  @Test
  void randomPayloadsOverTheKeysAlphabetAgreeWithStringIndexOf() {
    Random random = new Random(42);
    String alphabet = "\"usagex:{} ";
    for (String key : new String[] {"\"usage\"", "a", "aa", "usu", "\"\""}) {
      EventBytes.Key k = EventBytes.Key.of(key);
      for (int n = 0; n < 20_000; n++) {
        StringBuilder sb = new StringBuilder();
        int len = random.nextInt(40);
        for (int i = 0; i < len; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        String s = sb.toString();
        assertEquals(s.indexOf(key), EventBytes.of(s).indexOf(k), key + " in " + s);
      }
    }
  }

  @Test
  void onlyTheFirstLengthBytesOfAReusedArrayAreSearched() {
    byte[] backing = "{\"a\":1}\"usage\"".getBytes(StandardCharsets.UTF_8);
    EventBytes view = new EventBytes();
    view.set(backing, 7, false);
    assertEquals(-1, view.indexOf(EventBytes.Key.of("\"usage\"")), "the key lies past the payload");
    view.set(backing, backing.length, false);
    assertEquals(7, view.indexOf(EventBytes.Key.of("\"usage\"")));
  }

  @Test
  void multiByteKeysAndHighBytes() {
    assertEquals("\u00e9t\u00e9 \u00e9t\u00e9".indexOf("t\u00e9") + 1,
        EventBytes.of("\u00e9t\u00e9 \u00e9t\u00e9").indexOf(EventBytes.Key.of("t\u00e9")),
        "byte offset: the first é is two bytes");
    assertThrows(IllegalArgumentException.class, () -> EventBytes.Key.of(""));
  }

  @Test
  void theLineFeedHintIsFalseOnlyWhenSaid() {
    assertFalse(EventBytes.of("{\"a\":1}").mayHoldLineFeeds());
    assertTrue(EventBytes.of("{\"a\":\n1}").mayHoldLineFeeds());
    assertTrue(new EventBytes().mayHoldLineFeeds(), "an unset view claims nothing");
    EventBytes view = new EventBytes();
    view.set(new byte[] {'{', '}'}, 2, false);
    assertFalse(view.mayHoldLineFeeds());
  }
}
