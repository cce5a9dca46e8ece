package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class HttpCallsTest {

  private static String detail(String body) {
    return ErrorBodies.errorDetail(Buffer.buffer(body));
  }

  @Test
  void errorMessageFieldsOfKnownProviders() {
    assertEquals("Rate limit reached", detail("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"tokens\"}}"));
    assertEquals("Overloaded", detail("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
    assertEquals("API key not valid. Please pass a valid API key.", ErrorBodies.errorDetail(Buffer.buffer(Fixtures.bytes("gemini/error-400.json"))));
    assertEquals("Input validation error", detail("{\"error\":\"Input validation error\",\"error_type\":\"validation\"}"));
    assertEquals("This model's maximum context length is 4096", detail("{\"object\":\"error\",\"message\":\"This model's maximum context length is 4096\",\"code\":400}"));
    assertEquals("Not Found", detail("{\"detail\":\"Not Found\"}"));
    assertEquals("quota", detail("[{\"error\":{\"code\":429,\"message\":\"quota\"}}]"));
  }

  @Test
  void rawBodiesAreNeverEchoed() {
    assertNull(detail("<html><body>502 Bad Gateway</body></html>"));
    assertNull(detail("upstream connect error"));
    assertNull(detail("{\"error\":{\"code\":500}}"));
    assertNull(detail("{\"detail\":[{\"loc\":[\"body\"],\"msg\":\"field required\"}]}"));
    assertNull(detail(""));
    assertNull(ErrorBodies.errorDetail((Buffer) null));
    assertNull(detail("{\"error\":{\"message\":\"   \"}}"));
  }

  @Test
  void detailIsOneTrimmedLine() {
    String longMessage = "word ".repeat(100);
    String d = detail("{\"error\":{\"message\":\"" + longMessage + "\"}}");
    assertEquals(ErrorBodies.MAX_DETAIL, d.length());
    assertTrue(d.endsWith("…"));
    assertEquals("a b c", detail("{\"error\":{\"message\":\"  a\\n\\n b\\t c \"}}"));
  }

  @Test
  void trimSlash() {
    assertEquals("http://h/v1", Urls.trimSlash("http://h/v1//"));
    assertEquals("http://h", Urls.trimSlash("http://h"));
  }

  @Test
  void timeoutsMustBePositive() {
    assertEquals(10_000, Timeouts.DEFAULT.connectMillis());
    assertEquals(120_000, Timeouts.DEFAULT.idleMillis());
    assertThrows(IllegalArgumentException.class, () -> new Timeouts(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new Timeouts(1, -1));
  }
}
