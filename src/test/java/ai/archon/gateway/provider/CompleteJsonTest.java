package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.model.EventBytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shape check of a relayed stream event: what a cut, interleaved or garbled event looks like is refused. */
class CompleteJsonTest {
  private static final String EVENT = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
      + "\"delta\":{\"content\":\"a } ] { [ \\\" \\\\\\\\ é 😀\"},\"finish_reason\":null}],\"usage\":null}";

  private static boolean event(String data) {
    return CompleteJson.object(EventBytes.of(data));
  }

  @Test
  void aWholeEventIsComplete() {
    assertTrue(event(EVENT));
    assertTrue(event("  " + EVENT + " \r\n\t"));
    assertTrue(event("{}"));
  }

  @Test
  void everyCutOfAnEventIsRefused() {
    byte[] whole = EVENT.getBytes(StandardCharsets.UTF_8);
    for (int cut = 0; cut < whole.length; cut++) {
      assertFalse(CompleteJson.closedObject(whole, cut), "cut at byte " + cut);
    }
    assertTrue(CompleteJson.closedObject(whole, whole.length));
  }

  @Test
  void garbledOrForeignShapesAreRefused() {
    assertFalse(event(""));
    assertFalse(event("   "));
    assertFalse(event("[1,2]"));
    assertFalse(event("\"text\""));
    assertFalse(event("{\"a\":[1}"), "a bracket closed by a brace");
    assertFalse(event("{\"a\":{1]}"), "a brace closed by a bracket");
    assertFalse(event("{}}"));
    assertFalse(event("{} x"), "something after the object");
    assertFalse(event("{\"a\":1}{\"b\":2}"), "two events run together");
    assertFalse(event("{\"a\":\"open string}"));
    assertFalse(event("{\"a\":\"escaped quote at the end\\\"}"));
  }

  @Test
  void deeperThanTheBitStackIsCheckedByJackson() {
    String deep = "{\"a\":" + "[".repeat(70) + "1" + "]".repeat(70) + "}";
    assertTrue(event(deep));
    assertFalse(event(deep.substring(0, deep.length() - 3)));
    assertFalse(event("{\"a\":" + "[".repeat(70) + "1" + "]".repeat(69) + "}}"));
  }

  @Test
  void theShapeCheckAgreesWithJacksonOnWholeAndCutEvents() {
    String[] samples = {EVENT, "{\"a\":[{},[],{\"b\":[\"]\"]}]}", "{\"x\":\"\\\\\"}", "{\"k\":\"{\\\"}\"}"};
    for (String s : samples) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      for (int cut = 0; cut <= b.length; cut++) {
        io.vertx.core.buffer.Buffer prefix = io.vertx.core.buffer.Buffer.buffer().appendBytes(b, 0, cut);
        assertEquals(CompleteJson.object(prefix), CompleteJson.closedObject(b, cut), s + " cut at " + cut);
      }
    }
  }
}
