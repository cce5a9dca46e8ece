package ai.archon.gateway.jmh;

import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.EventBytes;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.ParsedChat;
import ai.archon.gateway.model.Purpose;
import ai.archon.gateway.model.Sampling;
import ai.archon.gateway.pipeline.Prompts;
import ai.archon.gateway.provider.SseDecoder;
import ai.archon.gateway.provider.anthropic.AnthropicMapper;
import ai.archon.gateway.provider.openai.OpenAiMapper;
import ai.archon.gateway.provider.openai.OpenAiRequests;
import ai.archon.gateway.provider.openai.RelayedUsage;
import ai.archon.gateway.server.ChatRequestParser;
import ai.archon.gateway.server.OpenAiResponses;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-request and per-chunk work of the gateway, without I/O: parsing a client body, mapping it to an upstream
 * body, reading an upstream reply, decoding an upstream SSE stream, writing an OpenAI chunk, building ensemble prompts.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmarks {
  static final String CLIENT_BODY = "{\"model\":\"vLLM/fast\",\"max_tokens\":256,\"temperature\":0.7,\"messages\":["
      + "{\"role\":\"system\",\"content\":\"You are terse.\"},"
      + "{\"role\":\"user\",\"content\":\"Say hello in one short sentence.\"}]}";
  static final String REPLY = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,"
      + "\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
      + "\"Hello from the upstream: a short answer of about twenty words, enough to look like a real completion.\","
      + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
      + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":20,\"total_tokens\":32}}";
  static final String CHUNK = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
      + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"token \"},\"logprobs\":null,"
      + "\"finish_reason\":null}]}\n\n";

  Buffer clientBody;
  ParsedChat parsed;
  ChatRequest request;
  Buffer reply;
  EventBytes relayedEvent;
  byte[] stream100;
  List<Message> conversation;
  List<String> candidates;

  @Setup
  public void setup() {
    clientBody = Buffer.buffer(CLIENT_BODY);
    parsed = ChatRequestParser.parse(clientBody);
    conversation = parsed.messages();
    request = new ChatRequest("m", conversation, new Sampling(0.7, 256, null, List.of(), null, null), Purpose.DIRECT,
        null);
    reply = Buffer.buffer(REPLY);
    relayedEvent = EventBytes.of(CHUNK.substring("data: ".length()).trim());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 100; i++) sb.append(CHUNK);
    sb.append("data: [DONE]\n\n");
    stream100 = sb.toString().getBytes(StandardCharsets.UTF_8);
    candidates = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      candidates.add("Candidate " + i + ": a typical answer of a few sentences. It explains the idea, gives an example, "
          + "and closes with a short summary so that the fuser has something to work with.");
    }
  }

  /** Client body → validated request (every request). */
  @Benchmark
  public ParsedChat parseClientRequest() {
    return ChatRequestParser.parse(clientBody);
  }

  /** Pass-through: the client's body with the upstream model (every pass-through request). */
  @Benchmark
  public Buffer forwardBody() {
    return OpenAiRequests.forwardBody(parsed.raw(), "fast", false, false);
  }

  /** Internal request → OpenAI body (every ensemble call). */
  @Benchmark
  public Buffer openAiRequest() {
    return OpenAiRequests.request(request, false, false);
  }

  /** Internal request → Anthropic body (every ensemble call to Anthropic). */
  @Benchmark
  public Buffer anthropicRequest() {
    return AnthropicMapper.request(request, 256, false);
  }

  /** OpenAI reply → internal result (every non-streaming ensemble call). */
  @Benchmark
  public Object openAiResponse() {
    return OpenAiMapper.response(reply);
  }

  /** One OpenAI chunk written for the client (every streamed token). */
  /** One per stream in the gateway, so made once here. */
  private static final OpenAiResponses.Head HEAD = new OpenAiResponses.Head("chatcmpl-abc", 1700000000L, "bench-ensemble");

  /** The usage scan every relayed stream event gets (pass-through), compiled. */
  @Benchmark
  public Object relayedEventUsage() {
    return RelayedUsage.ofStreamEvent(relayedEvent);
  }

  /** The same scan interpreted: what the event loop pays in a fresh process before the JIT reaches the relay. */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = "-Xint")
  @Warmup(iterations = 1, time = 1)
  @Measurement(iterations = 3, time = 1)
  public Object relayedEventUsageInterpreted() {
    return RelayedUsage.ofStreamEvent(relayedEvent);
  }

  @Benchmark
  public Buffer textChunk() {
    return OpenAiResponses.textChunk(HEAD, 0, "token ");
  }

  /** 100 upstream SSE events decoded and their JSON read (one streamed upstream call); divide by 100 per chunk. */
  @Benchmark
  public Object decodeAndReadStream100(Blackhole bh) {
    OpenAiMapper.StreamState state = new OpenAiMapper.StreamState("vLLM", "m", bh::consume);
    SseDecoder decoder = new SseDecoder(state::onEvent);
    decoder.feed(stream100, 0, stream100.length);
    decoder.end();
    return state.result();
  }

  /** 100 upstream SSE events only decoded (pass-through relays the data verbatim); divide by 100 per chunk. */
  @Benchmark
  public void decodeStream100(Blackhole bh) {
    SseDecoder decoder = new SseDecoder(e -> bh.consume(e.data()));
    decoder.feed(stream100, 0, stream100.length);
    decoder.end();
  }

  /** The fuser prompt over 10 candidates with critiques (each fuser call of an ensemble). */
  @Benchmark
  public List<Message> fuserPrompt() {
    return Prompts.fuser(conversation, candidates, candidates, null);
  }

  /** The critic prompt over 10 candidates. */
  @Benchmark
  public List<Message> criticPrompt() {
    return Prompts.critic(conversation, candidates);
  }
}
