package ai.archon.gateway.provider.gemini;

import static ai.archon.gateway.provider.MapperAsserts.assertJson;
import static ai.archon.gateway.provider.MapperAsserts.fixture;
import static ai.archon.gateway.provider.MapperAsserts.assertStreamFails;
import static ai.archon.gateway.provider.MapperAsserts.assertStreamsInAnyFraming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Sampling;
import ai.archon.gateway.provider.Fixtures;
import ai.archon.gateway.provider.MapperAsserts.Deltas;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.UpstreamException;
import ai.archon.gateway.model.Usage;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiMapperTest {

  @Test
  void rolesSystemInstructionAndGenerationConfig() {
    // Consecutive user turns merge into one content; the system message becomes systemInstruction.
    ChatRequest r = new ChatRequest("gemini-1.5-pro", List.of(Message.system("Be brief."), Message.user("Hi"),
        Message.user("Are you there?"), Message.assistant("Yes."), Message.user("Capital of France?")),
        new Sampling(0.3, 256, 0.8, List.of("END"), 42L, "u-1"), null, null);
    assertJson("""
        {"contents":[{"role":"user","parts":[{"text":"Hi"},{"text":"Are you there?"}]},
                     {"role":"model","parts":[{"text":"Yes."}]},
                     {"role":"user","parts":[{"text":"Capital of France?"}]}],
         "systemInstruction":{"parts":[{"text":"Be brief."}]},
         "generationConfig":{"temperature":0.3,"maxOutputTokens":256,"topP":0.8,"stopSequences":["END"],"seed":42}}
        """, GeminiMapper.request(r, 256));
  }

  @Test
  void unsetFieldsAreOmitted() {
    ChatRequest r = new ChatRequest("gemini-2.0-flash", List.of(Message.user("Hi")),
        new Sampling(null, null, null, null, null, null), null, null);
    assertJson("""
        {"contents":[{"role":"user","parts":[{"text":"Hi"}]}]}
        """, GeminiMapper.request(r, null));
    assertJson("""
        {"contents":[{"role":"user","parts":[{"text":"Hi"}]}],"generationConfig":{"maxOutputTokens":100}}
        """, GeminiMapper.request(r, 100));
  }

  @Test
  void seedsOutsideInt32AreFolded() {
    assertEquals(5, GeminiMapper.int32(5L));
    assertEquals(-1, GeminiMapper.int32(-1L));
    long big = 0x1_0000_0003L;
    assertEquals(2, GeminiMapper.int32(big));
    assertEquals(GeminiMapper.int32(Long.MAX_VALUE), GeminiMapper.int32(Long.MAX_VALUE), "deterministic");
  }

  @Test
  void resourceNames() {
    assertEquals("models/gemini-1.5-pro", GeminiMapper.resource("gemini-1.5-pro"));
    assertEquals("models/gemini-1.5-pro", GeminiMapper.resource("models/gemini-1.5-pro"));
    assertEquals("tunedModels/my-model", GeminiMapper.resource("tunedModels/my-model"));
  }

  @Test
  void responseIsParsed() {
    assertEquals(new ChatResult("Paris is the capital of France.", new Usage(11, 7), "length"),
        GeminiMapper.response(fixture("gemini/generate.json")));
    assertEquals(new ChatResult("", new Usage(5, 0), "content_filter"), GeminiMapper.response(fixture("gemini/blocked.json")));
    assertThrows(RuntimeException.class, () -> GeminiMapper.response(Buffer.buffer("[]")));
  }

  @Test
  void streamTranscriptInAnyFraming() {
    byte[] crlf = Fixtures.bytes("gemini/stream.sse");
    byte[] lf = new String(crlf, StandardCharsets.UTF_8).replace("\r\n", "\n")
        .getBytes(StandardCharsets.UTF_8);
    // thought parts are skipped
    assertStreamsInAnyFraming(lf, deltas -> new GeminiMapper.StreamState("Google_API", "gemini", deltas),
        new int[] {1, 4, 77}, List.of("The quick", " brown \uD83E\uDD8A jumps."),
        new ChatResult("The quick brown \uD83E\uDD8A jumps.", new Usage(8, 15), "stop"));
  }

  @Test
  void emptyStreamFails() {
    UpstreamException e = assertThrows(UpstreamException.class, () -> Fixtures.replay(
        new GeminiMapper.StreamState("Google_API", "gemini", new Deltas()), new byte[0], 1));
    assertEquals(0, e.status());
  }

  @Test
  void errorChunkFailsWithItsCode() {
    UpstreamException e = assertStreamFails(deltas -> new GeminiMapper.StreamState("Google_API", "gemini", deltas),
        "gemini/stream-error.sse", 9, 503, List.of("Once"));
    assertTrue(e.getMessage().contains("The model is overloaded"), e.getMessage());
  }
}
