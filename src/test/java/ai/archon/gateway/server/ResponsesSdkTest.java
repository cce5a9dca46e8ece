package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.GatewayExtension;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import ai.archon.gateway.support.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official OpenAI Java SDK's Responses API against the gateway: the offline demo ensemble and a pass-through
 * model on the mock upstream answer {@code responses.create} (a string, instructions, function call items,
 * {@code previous_response_id}), stream it, and retrieve and delete what they kept; every object is validated by the
 * SDK itself.
 */
class ResponsesSdkTest {
  @RegisterExtension
  final GatewayExtension gateway = new GatewayExtension();
  private final MockUpstream upstream = gateway.upstream();
  private OpenAIClient client;

  private OpenAIClient client() {
    if (client == null) {
      String url = TestGateway.start(gateway.vertx(), Path.of("gateway-configs"), gateway.env(), null, 200, true).url();
      client = OpenAIOkHttpClient.builder().baseUrl(url + "/v1").apiKey("not-needed").maxRetries(0).build();
    }
    return client;
  }

  @AfterEach
  void close() {
    if (client != null) client.close();
  }

  @Test
  void theDemoEnsembleAnswersAStringWithInstructionsAndCountsEveryCallsTokens() {
    Response r = client().responses().create(ResponseCreateParams.builder().model("demo-ensemble")
        .instructions("Answer briefly.").input("How do I make a cake?").build());
    r.validate();
    assertTrue(r.id().startsWith("resp_"), r.id());
    assertEquals(com.openai.models.responses.ResponseStatus.COMPLETED, r.status().orElseThrow());
    assertFalse(text(r).isBlank());
    assertEquals("Answer briefly.", r.instructions().orElseThrow().asString());
    var usage = r.usage().orElseThrow();
    assertEquals(usage.inputTokens() + usage.outputTokens(), usage.totalTokens());
    assertTrue(usage.totalTokens() > 0);
  }

  @Test
  void aChainContinuesFromTheKeptResponseAndRetrieveAndDeleteWork() {
    Response first = client().responses().create(ResponseCreateParams.builder().model("demo-ensemble")
        .input("Name a colour.").build()).validate();
    Response second = client().responses().create(ResponseCreateParams.builder().model("demo-ensemble")
        .input("And another one?").previousResponseId(first.id()).build()).validate();
    assertEquals(first.id(), second.previousResponseId().orElseThrow());

    Response kept = client().responses().retrieve(first.id()).validate();
    assertEquals(first.id(), kept.id());
    assertEquals(text(first), text(kept));
    client().responses().delete(first.id());
    assertThrows(NotFoundException.class, () -> client().responses().retrieve(first.id()));
    assertThrows(NotFoundException.class, () -> client().responses().delete(first.id()));
  }

  @Test
  void streamingSendsTheOfficialEventSequenceWithTheSameTextAsCreate() {
    ResponseCreateParams params = ResponseCreateParams.builder().model("demo-ensemble")
        .input("How do I make a cake?").build();
    String whole = text(client().responses().create(params).validate());
    List<ResponseStreamEvent> events = new ArrayList<>();
    StringBuilder streamed = new StringBuilder();
    try (StreamResponse<ResponseStreamEvent> stream = client().responses().createStreaming(params)) {
      stream.stream().forEach(e -> {
        e.validate();
        events.add(e);
        e.outputTextDelta().ifPresent(d -> streamed.append(d.delta()));
      });
    }
    assertEquals(whole, streamed.toString(), "deterministic upstream: streamed == created");
    assertTrue(events.get(0).isCreated() && events.get(1).isInProgress(), events.toString());
    assertTrue(events.get(2).isOutputItemAdded() && events.get(3).isContentPartAdded(), events.toString());
    int n = events.size();
    assertTrue(events.get(n - 4).isOutputTextDone() && events.get(n - 3).isContentPartDone()
        && events.get(n - 2).isOutputItemDone() && events.get(n - 1).isCompleted(), events.toString());
    Response done = events.get(n - 1).asCompleted().response();
    assertEquals(whole, text(done));
    assertTrue(done.usage().orElseThrow().totalTokens() > 0);
    for (int i = 0; i < n; i++) assertEquals(i, sequence(events.get(i)), "sequence_number of event " + i);
    assertEquals(text(done), text(client().responses().retrieve(done.id()).validate()), "a stream is kept too");
  }

  @Test
  void functionCallItemsReachAPassThroughUpstreamAsToolCallsWithTheirIds() {
    upstream.respond("gpt-x", Reply.text("It is sunny.").usage(30, 4));
    Response r = client().responses().create(ResponseCreateParams.builder().model("OpenAI_API/gpt-x")
        .inputOfResponse(List.of(
            ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder().role(EasyInputMessage.Role.USER)
                .content("Weather in Paris?").build()),
            ResponseInputItem.ofFunctionCall(ResponseFunctionToolCall.builder().callId("call_42")
                .name("get_weather").arguments("{\"city\":\"Paris\"}").build()),
            ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId("call_42").output("{\"sky\":\"clear\"}").build())))
        .addTool(weatherTool())
        .build()).validate();
    assertEquals("It is sunny.", text(r));
    assertEquals(34, r.usage().orElseThrow().totalTokens());

    JsonNode sent = upstream.lastRequest().body();
    assertEquals(Json.parse("[{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_42\",\"type\":\"function\","
        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"call_42\",\"content\":\"{\\\"sky\\\":\\\"clear\\\"}\"}]"),
        sent.get("messages"));
    assertEquals(Json.parse("[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}},\"strict\":false}}]"),
        sent.get("tools"));
  }

  @Test
  void aPassThroughToolCallComesBackAsAFunctionCallItemCreatedAndStreamed() {
    upstream.respond("gpt-x", Reply.raw(200, "application/json", "{\"id\":\"chatcmpl-1\",\"object\":"
        + "\"chat.completion\",\"created\":1,\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
        + "\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_7\",\"type\":\"function\",\"function\":"
        + "{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]},\"finish_reason\":"
        + "\"tool_calls\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}"));
    ResponseCreateParams params = ResponseCreateParams.builder().model("OpenAI_API/gpt-x")
        .input("Weather in Oslo?").addTool(weatherTool()).build();
    Response r = client().responses().create(params).validate();
    assertEquals(1, r.output().size());
    ResponseFunctionToolCall call = r.output().get(0).asFunctionCall();
    assertEquals("call_7", call.callId());
    assertEquals("get_weather", call.name());
    assertEquals("{\"city\":\"Oslo\"}", call.arguments());

    upstream.respond("gpt-x", Reply.raw(200, "text/event-stream", sse(
        "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-x\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_8\",\"type\":\"function\","
            + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}",
        "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-x\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]},"
            + "\"finish_reason\":null}]}",
        "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-x\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Oslo\\\"}\"}}]},"
            + "\"finish_reason\":\"tool_calls\"}]}",
        "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-x\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}")));
    List<ResponseStreamEvent> events = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream = client().responses().createStreaming(params)) {
      stream.stream().forEach(e -> events.add(e.validate()));
    }
    StringBuilder args = new StringBuilder();
    events.forEach(e -> e.functionCallArgumentsDelta().ifPresent(d -> args.append(d.delta())));
    assertEquals("{\"city\":\"Oslo\"}", args.toString());
    assertTrue(events.stream().anyMatch(e -> e.functionCallArgumentsDone().isPresent()
        && e.asFunctionCallArgumentsDone().arguments().equals("{\"city\":\"Oslo\"}")), events.toString());
    Response done = events.get(events.size() - 1).asCompleted().response();
    assertEquals("call_8", done.output().get(0).asFunctionCall().callId());
    assertEquals(17, done.usage().orElseThrow().totalTokens());
    assertTrue(upstream.lastRequest().body().path("stream_options").path("include_usage").asBoolean());
  }

  @Test
  void anAnswerCutByMaxOutputTokensIsIncomplete() {
    upstream.respond("gpt-x", Reply.text("It was a dark and").finishReason("length"));
    Response r = client().responses().create(ResponseCreateParams.builder().model("OpenAI_API/gpt-x")
        .input("Tell a story").maxOutputTokens(16).build()).validate();
    assertEquals(com.openai.models.responses.ResponseStatus.INCOMPLETE, r.status().orElseThrow());
    assertEquals(Response.IncompleteDetails.Reason.MAX_OUTPUT_TOKENS,
        r.incompleteDetails().orElseThrow().reason().orElseThrow());
    assertEquals(16, upstream.lastRequest().body().path("max_completion_tokens").asInt());
  }

  private static FunctionTool weatherTool() {
    return FunctionTool.builder().name("get_weather").strict(false)
        .parameters(FunctionTool.Parameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string")))).build())
        .build();
  }

  private static String sse(String... events) {
    StringBuilder sb = new StringBuilder();
    for (String e : events) sb.append("data: ").append(e).append("\n\n");
    return sb.append("data: [DONE]\n\n").toString();
  }

  private static String text(Response r) {
    StringBuilder sb = new StringBuilder();
    for (ResponseOutputItem item : r.output()) {
      item.message().ifPresent(m -> m.content().forEach(c -> c.outputText().ifPresent(t -> sb.append(t.text()))));
    }
    return sb.toString();
  }

  private static long sequence(ResponseStreamEvent e) {
    try {
      return Json.parse(com.openai.core.ObjectMappers.jsonMapper().writeValueAsString(e)).get("sequence_number")
          .asLong();
    } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
      throw new IllegalStateException(x);
    }
  }
}
