package ai.archon.gateway.provider.openai;

import ai.archon.gateway.model.EventBytes;

import static ai.archon.gateway.provider.MapperAsserts.assertJson;
import static ai.archon.gateway.provider.MapperAsserts.fixture;
import static ai.archon.gateway.provider.MapperAsserts.json;
import static ai.archon.gateway.provider.MapperAsserts.assertStreamsInAnyFraming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiMapperTest {
  static final List<Message> DIALOGUE = List.of(
      Message.system("Be brief."), Message.user("Hi"), Message.assistant("Hello!"), Message.user("Capital of France?"));

  static ChatRequest full() {
    return new ChatRequest("gpt-4o", DIALOGUE, new Sampling(0.7, 512, 0.9, List.of("\n\n", "END"), 42L, "user-1"), null, null);
  }

  static ChatRequest bare(String model) {
    return new ChatRequest(model, List.of(Message.user("Hi")), new Sampling(null, null, null, null, null, null), null, null);
  }

  @Test
  void requestCarriesEverySetField() {
    assertJson("""
        {"model":"gpt-4o",
         "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"},
                     {"role":"assistant","content":"Hello!"},{"role":"user","content":"Capital of France?"}],
         "temperature":0.7,"top_p":0.9,"max_tokens":512,"stop":["\\n\\n","END"],"seed":42,"user":"user-1"}
        """, OpenAiRequests.request(full(), false, false));
  }

  @Test
  void requestOmitsUnsetFields() {
    assertJson("""
        {"model":"meta-llama/Llama-3-8b","messages":[{"role":"user","content":"Hi"}]}
        """, OpenAiRequests.request(bare("meta-llama/Llama-3-8b"), false, false));
  }

  @Test
  void streamingRequestAsksForUsage() {
    assertJson("""
        {"model":"m","messages":[{"role":"user","content":"Hi"}],"stream":true,"stream_options":{"include_usage":true}}
        """, OpenAiRequests.request(bare("m"), false, true));
  }

  @Test
  void reasoningModelsOnOpenAiUseMaxCompletionTokens() {
    assertTrue(OpenAiRequests.usesMaxCompletionTokens("OpenAI_API", "o1-mini"));
    assertTrue(OpenAiRequests.usesMaxCompletionTokens("OpenAI_API", "o3"));
    assertTrue(OpenAiRequests.usesMaxCompletionTokens("OpenAI_API", "o4-mini"));
    assertTrue(OpenAiRequests.usesMaxCompletionTokens("OpenAI_API", "gpt-5-mini"));
    assertFalse(OpenAiRequests.usesMaxCompletionTokens("OpenAI_API", "gpt-4o"));
    assertFalse(OpenAiRequests.usesMaxCompletionTokens("Together_API", "o1-compatible-model"));
    Buffer body = OpenAiRequests.request(bare("o1").withMaxTokens(1000), true, false);
    assertJson("""
        {"model":"o1","messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":1000}
        """, body);
  }

  @Test
  void rawBodyIsSentWithOnlyTheModelReplaced() {
    ObjectNode raw = (ObjectNode) json("""
        {"model":"OpenAI_API/gpt-4o","messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],
         "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
         "response_format":{"type":"json_object"},"logprobs":true,"n":2,"max_tokens":99999,
         "stream":true,"stream_options":{"include_usage":false}}
        """);
    ChatRequest r = new ChatRequest("gpt-4o", List.of(Message.user("ignored")), new Sampling(0.1, 10, null, null, null, null), null, raw);
    assertJson("""
        {"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],
         "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
         "response_format":{"type":"json_object"},"logprobs":true,"n":2,"max_tokens":99999}
        """, OpenAiRequests.request(r, false, false));
    assertJson("""
        {"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],
         "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
         "response_format":{"type":"json_object"},"logprobs":true,"n":2,"max_tokens":99999,
         "stream":true,"stream_options":{"include_usage":true}}
        """, OpenAiRequests.request(r, false, true));
  }

  @Test
  void forwardBodyKeepsTheClientsStreamOptionsAndDoesNotTouchTheClientBody() {
    ObjectNode client = (ObjectNode) json("""
        {"model":"Groq_API/llama3","messages":[],"stream":true,"stream_options":{"include_usage":true},"top_logprobs":2}
        """);
    ObjectNode before = client.deepCopy();
    assertJson("""
        {"model":"llama3","messages":[],"stream":true,"stream_options":{"include_usage":true},"top_logprobs":2}
        """, OpenAiRequests.forwardBody(client, "llama3", true, false));
    assertJson("""
        {"model":"llama3","messages":[],"top_logprobs":2}
        """, OpenAiRequests.forwardBody(client, "llama3", false, false));
    ObjectNode noStream = (ObjectNode) json("{\"model\":\"x\",\"messages\":[]}");
    assertJson("{\"model\":\"y\",\"messages\":[],\"stream\":true}", OpenAiRequests.forwardBody(noStream, "y", true, false));
    assertEquals(before, client);
  }

  @Test
  void responseIsParsed() {
    ChatResult r = OpenAiMapper.response(fixture("openai/completion.json"));
    assertEquals(new ChatResult("Paris is the capital of France.", new Usage(24, 7), "stop"), r);
  }

  @Test
  void responseEdgeCases() {
    ChatResult toolCall = OpenAiMapper.response(Buffer.buffer("""
        {"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[]},"finish_reason":"tool_calls"}]}
        """));
    assertEquals(new ChatResult("", null, "tool_calls"), toolCall);
    ChatResult parts = OpenAiMapper.response(Buffer.buffer("""
        {"choices":[{"message":{"content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},"finish_reason":"eos_token"}],
         "usage":{"prompt_tokens":3,"completion_tokens":2}}
        """));
    assertEquals(new ChatResult("ab", new Usage(3, 2), "stop"), parts);
    ChatResult skipped = OpenAiMapper.response(Buffer.buffer("""
        {"id":"x","choices":[{"index":0,"logprobs":{"content":[{"token":"a"}]},"message":{"role":"assistant",
         "annotations":[{"type":"url_citation","content":"not this"}],"audio":{"content":[1]},"content":"first",
         "refusal":null},"finish_reason":"length"},{"message":{"content":"second"},"finish_reason":"stop"}],
         "system_fingerprint":"fp","usage":null,"x_groq":{"id":"g","usage":{"prompt_tokens":5,"completion_tokens":1,
         "prompt_tokens_details":{"cached_tokens":2}}}}
        """));
    assertEquals(new ChatResult("first", new Usage(5, 1, 2), "length"), skipped,
        "the first choice's content, not a nested one; Groq's usage when the top one is null");
    ChatResult odd = OpenAiMapper.response(Buffer.buffer("""
        {"choices":[{"message":{"content":7,"tool_calls":null},"finish_reason":{"x":1}}],"usage":{"prompt_tokens":"9"}}
        """));
    assertEquals(new ChatResult("", new Usage(0, 0), "stop"), odd, "values of the wrong type read as absent");
    assertEquals(new ChatResult("", null, "stop"), OpenAiMapper.response(Buffer.buffer("{\"choices\":[\"x\"]}")),
        "a first choice that is not an object says nothing");
    ChatResult tool = OpenAiMapper.response(Buffer.buffer("""
        {"choices":[{"message":{"content":"","tool_calls":[{"id":"c1","type":"function","function":{"name":"f",
         "arguments":"{}"}}]},"finish_reason":"stop"}]}
        """));
    assertEquals("tool_calls", tool.finishReason());
    assertEquals("f", tool.toolCalls().get(0).name());
    assertThrows(RuntimeException.class, () -> OpenAiMapper.response(Buffer.buffer("{\"choices\":[]}")));
    assertThrows(RuntimeException.class, () -> OpenAiMapper.response(Buffer.buffer("{\"choices\":{}}")));
    assertThrows(RuntimeException.class, () -> OpenAiMapper.response(Buffer.buffer("{\"choices\":[{}]")),
        "cut short");
    assertThrows(RuntimeException.class, () -> OpenAiMapper.response(Buffer.buffer("<html>")));
  }

  @Test
  void streamTranscriptInAnyFraming() {
    assertStreamsInAnyFraming(Fixtures.bytes("openai/stream.sse"),
        deltas -> new OpenAiMapper.StreamState("OpenAI_API", "gpt-4o-mini", deltas), new int[] {1, 5, 100},
        List.of("Bonjour", ", café", " \uD83D\uDE42!"),
        new ChatResult("Bonjour, café \uD83D\uDE42!", new Usage(19, 6), "stop"));
  }

  @Test
  void groqUsageAndLengthFinish() {
    Deltas deltas = new Deltas();
    OpenAiMapper.StreamState s = Fixtures.replay(
        new OpenAiMapper.StreamState("Groq_API", "llama", deltas), Fixtures.bytes("openai/stream-groq.sse"), 16);
    assertEquals(List.of("Hi"), deltas.pieces);
    assertEquals(new ChatResult("Hi", new Usage(12, 1), "length"), s.result());
  }

  @Test
  void errorInsideTheStreamFails() {
    Deltas deltas = new Deltas();
    OpenAiMapper.StreamState s = new OpenAiMapper.StreamState("OpenAI_API", "gpt-4o", deltas);
    UpstreamException e = Fixtures.replayFailure(s, "openai/stream-error.sse", 7);
    assertEquals(500, e.status());
    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains("The server had an error"), e.getMessage());
    assertEquals(List.of("Par"), deltas.pieces);
  }

  @Test
  void streamCutBeforeTheEndFails() {
    byte[] cut = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n".getBytes();
    UpstreamException e = assertThrows(UpstreamException.class,
        () -> Fixtures.replay(new OpenAiMapper.StreamState("vLLM", "m", new Deltas()), cut, 100));
    assertEquals(0, e.status());
    byte[] finishedWithoutDone = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":\"stop\"}]}\n\n".getBytes();
    assertEquals("a", Fixtures.replay(new OpenAiMapper.StreamState("vLLM", "m", new Deltas()), finishedWithoutDone, 100).result().text());
  }

  @Test
  void otherChoicesAreIgnored() {
    byte[] body = ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}},{\"index\":1,\"delta\":{\"content\":\"b\"}}]}\n\n"
        + "data: [DONE]\n\n").getBytes();
    Deltas d = new Deltas();
    Fixtures.replay(new OpenAiMapper.StreamState("vLLM", "m", d), body, 100);
    assertEquals(List.of("a"), d.pieces);
  }

  @Test
  void relayedUsageIsFoundAmongFieldsItSkips() {
    Buffer reply = Buffer.buffer("{\"id\":\"x\",\"choices\":[{\"message\":{\"content\":\"{\\\"usage\\\":1}\"},"
        + "\"logprobs\":{\"content\":[[1,2],{\"a\":null}]}}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,"
        + "\"total_tokens\":17},\"system_fingerprint\":null}");
    assertEquals(new Usage(12, 5), RelayedUsage.of(reply));
    assertEquals(new Usage(3, 4), RelayedUsage.of(Buffer.buffer(
        "{\"x_groq\":{\"id\":\"q\",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}}")));
    assertEquals(null, RelayedUsage.of(Buffer.buffer("{\"choices\":[]}")));
    assertEquals(null, RelayedUsage.of(Buffer.buffer("not json")));
    assertEquals(null, RelayedUsage.of(Buffer.buffer("[1,2]")));
  }

  @Test
  void aLongPromptsBodyFitsTheBufferItIsWrittenInto() {
    String candidate = "A candidate answer with \"quotes\", a newline\n and some words. ".repeat(60);
    ChatRequest r = new ChatRequest("m", List.of(Message.system("You fuse answers."),
        Message.user(("[1] " + candidate + "\n").repeat(10))), new Sampling(0.7, 512, null, null, null, null), null, null);
    Buffer body = OpenAiRequests.request(r, false, false);
    assertTrue(body.length() > 30_000, "a realistic fuser prompt");
    assertTrue(body.length() <= r.bodySizeHint(), body.length() + " > " + r.bodySizeHint());
    assertTrue(r.bodySizeHint() < body.length() * 1.2, "and the hint does not waste much");
  }

  @Test
  void relayedUsageIsReadFromTheEndOnlyWhenItIsTheRootsMember() {
    String usage = "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":9,\"total_tokens\":16}";
    // OpenAI's layout (members after usage), vLLM's (nulls after it), usage last, spaces and newlines around it
    assertEquals(new Usage(7, 9), TailUsage.find(Buffer.buffer("{\"choices\":[]," + usage
        + ",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_1\"}")));
    assertEquals(new Usage(7, 9), TailUsage.find(Buffer.buffer("{\"choices\":[]," + usage
        + ",\"prompt_logprobs\":null,\"kv_transfer_params\":{\"a\":[1,\"}\"]}}")));
    assertEquals(new Usage(7, 9), TailUsage.find(Buffer.buffer("{\"id\":\"x\"," + usage + "}")));
    assertEquals(new Usage(7, 9), TailUsage.find(Buffer.buffer(" {\"id\":\"x\",\n \"usage\" : "
        + "{\"prompt_tokens\":7,\"completion_tokens\":9} \n}\n")));
    // a usage key nested deeper, last in the text: not the root's, so the fast path declines ...
    String nested = "{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2},\"choices\":[{" + usage + "}]}";
    assertEquals(null, TailUsage.find(Buffer.buffer(nested)));
    assertEquals(null, TailUsage.find(Buffer.buffer("{\"x\":{" + usage + ",\"b\":1},\"c\":2}")));
    // ... and the full read finds the root's
    assertEquals(new Usage(1, 2), RelayedUsage.of(Buffer.buffer(nested)));
    // "usage" as a value, inside answer text, or no usage at all: declined
    assertEquals(null, TailUsage.find(Buffer.buffer("{\"role\":\"usage\"}")));
    assertEquals(null, TailUsage.find(Buffer.buffer("{\"content\":\"{\\\"usage\\\":{\\\"prompt_tokens\\\":1}}\"}")));
    assertEquals(null, TailUsage.find(Buffer.buffer("{\"choices\":[]}")));
    assertEquals(null, TailUsage.find(Buffer.buffer("[{" + usage + "}]")));
    // a reply longer than the window around its usage is read in full
    String longTail = "{" + usage + ",\"pad\":\"" + "x".repeat(TailUsage.WINDOW) + "\"}";
    assertEquals(null, TailUsage.find(Buffer.buffer(longTail)));
    assertEquals(new Usage(7, 9), RelayedUsage.of(Buffer.buffer(longTail)));
    // a slice of a larger buffer (the array offset is not 0)
    Buffer big = Buffer.buffer("garbage{\"id\":\"x\"," + usage + "}");
    assertEquals(new Usage(7, 9), TailUsage.find(big.slice(7, big.length())));
  }

  @Test
  void relayedStreamUsageIsReadOnlyFromTheUsageChunk() {
    assertEquals(null, usage("{\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"usage\":null}"));
    assertEquals(null, usage("{\"choices\":[{\"delta\":{\"content\":\"the \\\"usage\\\" word\"}}]}"));
    assertEquals(new Usage(7, 3),
        usage("{\"choices\":[],\"usage\": {\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10}}"));
  }

  private static Usage usage(String event) {
    return RelayedUsage.ofStreamEvent(EventBytes.of(event));
  }
}
