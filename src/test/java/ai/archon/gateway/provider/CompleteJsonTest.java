package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.model.EventBytes;
import ai.archon.gateway.model.JsonIo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The shape check of a relayed stream event and of a whole relayed reply: what a cut, interleaved or garbled one looks
 * like is refused, as Jackson would refuse it.
 */
class CompleteJsonTest {
  private static final String EVENT = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
      + "\"delta\":{\"content\":\"a } ] { [ \\\" \\\\\\\\ é 😀\"},\"finish_reason\":null}],\"usage\":null}";

  private static final String REPLY = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
      + "\"message\":{\"role\":\"assistant\",\"content\":\"Hé } ] \\\"x\\\"\"},\"finish_reason\":\"stop\"}],"
      + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}";

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

  /** Jackson's verdict: one object, tokenised to its end, and nothing after it. */
  private static boolean jackson(byte[] b, int length) {
    try (JsonParser p = JsonIo.MAPPER.createParser(b, 0, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return false;
      p.skipChildren();
      return p.nextToken() == null;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void theShapeCheckAgreesWithJacksonOnWholeAndCutEvents() {
    String[] samples = {EVENT, "{\"a\":[{},[],{\"b\":[\"]\"]}]}", "{\"x\":\"\\\\\"}", "{\"k\":\"{\\\"}\"}", REPLY};
    for (String s : samples) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      for (int cut = 0; cut <= b.length; cut++) {
        Buffer prefix = Buffer.buffer().appendBytes(b, 0, cut);
        assertEquals(jackson(b, cut), CompleteJson.closedObject(b, cut), s + " cut at " + cut);
        assertEquals(jackson(b, cut), CompleteJson.object(prefix), "whole reply " + s + " cut at " + cut);
      }
    }
  }

  @Test
  void aWholeReplyIsCheckedWhereverItsBytesSit() {
    assertTrue(CompleteJson.object(Buffer.buffer(REPLY + "\n")));
    assertFalse(CompleteJson.object(Buffer.buffer()));
    assertFalse(CompleteJson.object((Buffer) null));
    // a slice of a larger buffer: its bytes start past the array's first byte and end before its last
    Buffer framed = Buffer.buffer("xx{" + REPLY + "}{");
    assertTrue(CompleteJson.object(framed.slice(3, 3 + REPLY.getBytes(StandardCharsets.UTF_8).length)));
    assertFalse(CompleteJson.object(framed.slice(3, framed.length())), "the bytes after the slice are not its own");
    assertFalse(CompleteJson.object(framed.slice(2, 3 + REPLY.getBytes(StandardCharsets.UTF_8).length)));
  }
}
