package ai.archon.gateway.server;

import ai.archon.gateway.api.OpenAiError;
import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.pipeline.ComponentTrace;
import ai.archon.gateway.pipeline.LayerRun;
import ai.archon.gateway.pipeline.PipelineResult;
import ai.archon.gateway.pipeline.PipelineState;
import ai.archon.gateway.pipeline.RunListener;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The live trace of {@code x-archon-trace: stream}: every step of a run as one chunk with no choices and the event
 * under {@code archon}, between the completion's own chunks. Not named SSE events: OpenAI's SDKs hand every named
 * event to the chunk parser too (openai-java then fails on it), while a choiceless chunk parses like the usage chunk.
 * Events are written on the request's context, in the order the run reported them. Types and fields: docs/console.md.
 */
final class TraceEvents implements RunListener {
  private final SseWriter sse;
  private final OpenAiResponses.Head head;
  private final Context context;

  TraceEvents(SseWriter sse, OpenAiResponses.Head head, Context context) {
    this.sse = sse;
    this.head = head;
    this.context = context;
  }

  @Override
  public void runStarted(String model, String version, int layers) {
    send(event("run.started").put("model", model).put("version", version).put("layers", layers));
  }

  @Override
  public void layerStarted(int layer, List<ComponentSpec> components, PipelineState in) {
    ObjectNode e = event("layer.started").put("layer", layer).put("candidates_in", in.size());
    ArrayNode list = e.putArray("components");
    for (int i = 0; i < components.size(); i++) {
      ComponentSpec c = components.get(i);
      list.addObject().put("component", i).put("type", c.type()).put("model", c.model())
          .put("provider", c.modelType()).put("samples", c.samples());
    }
    send(e);
  }

  @Override
  public void callStarted(ComponentTrace component, int call, String model, String provider) {
    send(at(event("call.started"), component).put("call", call).put("model", model).put("provider", provider));
  }

  @Override
  public void callFinished(ComponentTrace component, int call, long latencyMs, ChatResult result, Throwable error) {
    ObjectNode e = at(event("call.finished"), component).put("call", call)
        .put("status", error == null ? "ok" : "failed").put("latency_ms", latencyMs);
    if (result != null) {
      e.put("prompt_tokens", result.usage().promptTokens()).put("completion_tokens", result.usage().completionTokens())
          .put("text", result.text());
    }
    if (error != null) e.put("error", String.valueOf(error.getMessage()));
    send(e);
  }

  @Override
  public void componentFinished(ComponentTrace component, boolean writesCandidates, PipelineState in,
      PipelineState out) {
    ObjectNode e = at(event("component.finished"), component);
    ObjectNode own = component.toJson();
    e.set("component_type", own.remove("type"));
    e.setAll(own);
    if (out != null && writesCandidates) {
      texts(e.putArray("candidates"), out.candidates());
    } else if (out != null) {
      // A judge chooses among its input: say which input candidates it kept, in its order (the ranking, the
      // verifier's or evaluator's survivors).
      ArrayNode kept = e.putArray("kept");
      boolean[] used = new boolean[in.size()];
      for (String c : out.candidates()) kept.add(indexOf(in.candidates(), c, used));
    }
    if (out != null && out.critiques() != null) texts(e.putArray("critiques"), out.critiques());
    send(e);
  }

  @Override
  public void layerFinished(LayerRun layer, PipelineState out) {
    ObjectNode e = event("layer.finished").put("layer", layer.number()).put("candidates_in", layer.candidatesIn())
        .put("candidates_out", layer.candidatesOut()).put("latency_ms", layer.latencyMs());
    texts(e.putArray("candidates"), out.candidates());
    if (out.critiques() != null) texts(e.putArray("critiques"), out.critiques());
    send(e);
  }

  @Override
  public void runFinished(PipelineResult result, Throwable error) {
    if (error != null) {
      send(event("run.failed").put("error", OpenAiError.from(error).message()));
      return;
    }
    Usage u = result.usage();
    ObjectNode e = event("run.finished").put("upstream_calls", result.upstreamCalls());
    e.putObject("usage").put("prompt_tokens", u.promptTokens()).put("completion_tokens", u.completionTokens())
        .put("total_tokens", u.totalTokens());
    e.set("degraded", result.trace().get("degraded"));
    e.set("trace", result.trace());
    send(e);
  }

  /** The position of {@code text} in {@code in} not yet claimed by an earlier output (-1 when not found). */
  private static int indexOf(List<String> in, String text, boolean[] used) {
    for (int i = 0; i < in.size(); i++) {
      if (!used[i] && in.get(i).equals(text)) {
        used[i] = true;
        return i;
      }
    }
    return -1;
  }

  private static ObjectNode event(String type) {
    return JsonNodeFactory.instance.objectNode().put("type", type);
  }

  private static ObjectNode at(ObjectNode e, ComponentTrace c) {
    return e.put("layer", c.layer()).put("component", c.index());
  }

  private static void texts(ArrayNode into, List<String> texts) {
    texts.forEach(into::add);
  }

  private void send(ObjectNode e) {
    if (Vertx.currentContext() == context) {
      sse.data(OpenAiResponses.traceChunk(head, e));
    } else {
      context.runOnContext(v -> sse.data(OpenAiResponses.traceChunk(head, e)));
    }
  }
}
