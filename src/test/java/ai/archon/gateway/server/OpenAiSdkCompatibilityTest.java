package ai.archon.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.SdkStreams;
import ai.archon.gateway.support.TestGateway;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK against the gateway serving the shipped configs with no provider key set: the
 * offline demo ensemble must list, answer and stream, and every object must pass the SDK's own validation.
 */
class OpenAiSdkCompatibilityTest {
  private Vertx vertx;
  private OpenAIClient client;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    String url = TestGateway.startLenient(vertx, Path.of("gateway-configs"), Map.of()).url();
    client = OpenAIOkHttpClient.builder().baseUrl(url + "/v1").apiKey("not-needed").maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    client.close();
    vertx.close().await();
  }

  @Test
  void listsModels() {
    List<Model> models = new ArrayList<>();
    client.models().list().autoPager().forEach(m -> {
      m.validate();
      models.add(m);
    });
    assertTrue(models.stream().anyMatch(m -> m.id().equals("demo-ensemble")), models.toString());
    assertEquals("demo-ensemble", client.models().retrieve("demo-ensemble").validate().id());
  }

  @Test
  void createsAndStreamsTheSameAnswer() {
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("demo-ensemble")
        .addSystemMessage("You are helpful.")
        .addUserMessage("How do I make a cake?")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
        .build();
    ChatCompletion completion = client.chat().completions().create(params.toBuilder().streamOptions(java.util.Optional.empty()).build());
    completion.validate();
    String answer = completion.choices().get(0).message().content().orElseThrow();
    assertFalse(answer.isBlank());
    assertTrue(completion.usage().orElseThrow().totalTokens() > 0);

    List<ChatCompletionChunk> chunks = SdkStreams.chunks(client, params);
    assertEquals(answer, SdkStreams.text(chunks), "deterministic upstream: streamed == non-streamed");
    assertTrue(chunks.get(chunks.size() - 1).usage().isPresent(), "include_usage gives a final usage chunk");
  }

  @Test
  void toolCallsRoundTripThroughTheSdk() {
    FunctionDefinition weather = FunctionDefinition.builder().name("get_weather").description("Current weather")
        .parameters(FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .putAdditionalProperty("required", JsonValue.from(List.of("city")))
            .build())
        .build();
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("demo-ensemble").addUserMessage("Weather in Paris?").addFunctionTool(weather).build();
    ChatCompletion first = client.chat().completions().create(params).validate();
    ChatCompletionMessage asked = first.choices().get(0).message();
    assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, first.choices().get(0).finishReason());
    var call = asked.toolCalls().orElseThrow().get(0).asFunction();
    assertEquals("get_weather", call.function().name());

    List<String> streamedIds = new ArrayList<>();
    StringBuilder streamedArgs = new StringBuilder();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      stream.stream().forEach(chunk -> {
        chunk.validate();
        chunk.choices().forEach(c -> c.delta().toolCalls().ifPresent(calls -> calls.forEach(tc -> {
          tc.id().ifPresent(streamedIds::add);
          tc.function().flatMap(f -> f.arguments()).ifPresent(streamedArgs::append);
        })));
      });
    }
    assertEquals(List.of(call.id()), streamedIds, "the streamed call is the same call");
    assertEquals(call.function().arguments(), streamedArgs.toString());

    ChatCompletion second = client.chat().completions().create(params.toBuilder()
        .addMessage(asked)
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("18C and sunny").build())
        .build()).validate();
    assertEquals(ChatCompletion.Choice.FinishReason.STOP, second.choices().get(0).finishReason());
    assertFalse(second.choices().get(0).message().content().orElseThrow().isBlank());
  }
}
