package ai.archon.gateway.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.config.EnsembleSpec;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.Overrides;
import ai.archon.gateway.observe.GatewayEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run's trace is one listener of the run, attached only when someone asks for the trace. */
class TraceRecorderTest {
  private static final ComponentSpec GEN = new ComponentSpec("generator",
      new ComponentSpec.Target("m", "OpenAI_API", null, false), new ComponentSpec.Decoding(1, 0.7, 64), List.of(),
      null, null);

  private static RunContext run() {
    return new RunContext(List.of(Message.user("hi")), Overrides.NONE, new CallContext("t"), null, GatewayEvents.NONE);
  }

  private static LayerRun layer(int number) {
    ComponentTrace t = new ComponentTrace(GEN);
    t.at(number, 0);
    t.finish(0, 1);
    return new LayerRun(number, 0, 1, 5, List.of(t));
  }

  @Test
  void anUntracedRunWritesNoTraceAndCallsOnlyItsListener() {
    RunContext run = run();
    assertNull(run.recorder(), "nobody asked: no trace is written");
    assertSame(RunListener.NONE, run.listener());
    List<Integer> heard = new ArrayList<>();
    RunListener live = new RunListener() {
      @Override
      public void layerFinished(LayerRun layer, PipelineState out) { heard.add(layer.number()); }
    };
    run.listen(live);
    assertSame(live, run.listener(), "one listener is called directly, not through a pair");
    assertNull(run.recorder());
  }

  @Test
  void aTracedRunRecordsEachLayerAsItEndsAndStillTellsTheLiveListener() {
    RunContext run = run();
    List<Integer> heard = new ArrayList<>();
    run.listen(new RunListener() {
      @Override
      public void layerFinished(LayerRun layer, PipelineState out) { heard.add(layer.number()); }
    });
    run.recordTrace();
    run.listener().layerFinished(layer(1), PipelineState.of(List.of("a")));
    run.listener().layerFinished(layer(2), PipelineState.of(List.of("b")));
    assertEquals(List.of(1, 2), heard);
    EnsembleSpec spec = new EnsembleSpec("e", null, List.of(List.of(GEN), List.of(GEN)), "sha", null, null);
    ObjectNode trace = run.recorder().json(spec, run);
    assertEquals("e", trace.path("model").asText());
    assertEquals(2, trace.path("layers").size());
    assertEquals(2, trace.at("/layers/1/layer").asInt());
    assertEquals("generator", trace.at("/layers/0/components/0/type").asText());
    assertEquals(1, trace.at("/layers/0/candidates_out").asInt());
    assertEquals(false, trace.path("degraded").asBoolean());
  }
}
