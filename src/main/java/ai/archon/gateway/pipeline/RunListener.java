package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.ChatResult;
import java.util.List;

/**
 * Watches one run as it happens: the one seam through which the live trace (the {@code x-archon-trace: stream}
 * events) and the reply's trace ({@link TraceRecorder}) see layers, components and upstream calls start and finish. {@link Pipeline}, {@link Layer} and
 * {@link RunContext} call it; the component types know nothing of it. Methods run on whatever thread completed the
 * work (normally the request's event loop) and must not block or throw.
 */
public interface RunListener {
  /** Hears nothing: the default of every run. */
  RunListener NONE = new RunListener() { };

  /** The run begins; {@code layers} is how many it has. */
  default void runStarted(String model, String version, int layers) { }

  /** Layer {@code layer} (from 1) starts its {@code components} on {@code in}. */
  default void layerStarted(int layer, List<ComponentSpec> components, PipelineState in) { }

  /** One upstream call of a component starts ({@code call} counts from 1 within the component). */
  default void callStarted(ComponentTrace component, int call, String model, String provider) { }

  /** That call ended: with its result, or with {@code error} (then {@code result} is null). */
  default void callFinished(ComponentTrace component, int call, long latencyMs, ChatResult result, Throwable error) { }

  /**
   * A component ended: its trace, the layer's input and its own output (null when it added nothing);
   * {@code writesCandidates} for generators and fusers, whose output is new text rather than a choice among the input.
   */
  default void componentFinished(ComponentTrace component, boolean writesCandidates, PipelineState in,
      PipelineState out) { }

  /** A layer ended with {@code out} (empty when it failed); {@code layer} says how (its JSON: {@link LayerRun#toJson}). */
  default void layerFinished(LayerRun layer, PipelineState out) { }

  /** The run ended with a result, or failed with {@code error}. */
  default void runFinished(PipelineResult result, Throwable error) { }
}
