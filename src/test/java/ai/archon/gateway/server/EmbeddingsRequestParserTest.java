package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.support.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingsRequestParserTest {

  private static EmbeddingsRequestParser.Parsed parse(String json) {
    return EmbeddingsRequestParser.parse(Json.parse(json));
  }

  private static String refusedParam(String json) {
    return assertThrows(ApiException.class, () -> parse(json)).param();
  }

  @Test
  void inputIsAStringAnArrayOfStringsOrTokenIds() {
    var one = parse("{\"model\":\"m\",\"input\":\"a\"}");
    assertEquals(List.of("a"), one.texts());
    assertFalse(one.batch());
    assertFalse(one.base64());
    assertNull(one.dimensions());
    var many = parse("{\"model\":\"m\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\",\"dimensions\":64}");
    assertEquals(List.of("a", "b"), many.texts());
    assertTrue(many.batch());
    assertTrue(many.base64());
    assertEquals(64, many.dimensions());
    var tokens = parse("{\"model\":\"m\",\"input\":[1,2,3]}");
    assertNull(tokens.texts());
    assertFalse(tokens.batch());
    var tokenBatch = parse("{\"model\":\"m\",\"input\":[[1,2],[3]]}");
    assertNull(tokenBatch.texts());
    assertTrue(tokenBatch.batch());
  }

  @Test
  void eachBadFieldIsNamed() {
    assertEquals("model", refusedParam("{\"input\":\"a\"}"));
    assertEquals("input", refusedParam("{\"model\":\"m\"}"));
    assertEquals("input", refusedParam("{\"model\":\"m\",\"input\":\"\"}"));
    assertEquals("input", refusedParam("{\"model\":\"m\",\"input\":[]}"));
    assertEquals("input", refusedParam("{\"model\":\"m\",\"input\":[\"a\",1]}"));
    assertEquals("input", refusedParam("{\"model\":\"m\",\"input\":[[1],[]]}"));
    assertEquals("input", refusedParam("{\"model\":\"m\",\"input\":{\"text\":\"a\"}}"));
    assertEquals("dimensions", refusedParam("{\"model\":\"m\",\"input\":\"a\",\"dimensions\":0}"));
    assertEquals("dimensions", refusedParam("{\"model\":\"m\",\"input\":\"a\",\"dimensions\":\"8\"}"));
    assertEquals("encoding_format", refusedParam("{\"model\":\"m\",\"input\":\"a\",\"encoding_format\":\"hex\"}"));
    String tooMany = "[" + "\"a\",".repeat(EmbeddingsRequestParser.MAX_INPUTS) + "\"a\"]";
    assertEquals("input", refusedParam("{\"model\":\"m\",\"input\":" + tooMany + "}"));
  }
}
