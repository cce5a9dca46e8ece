package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.ChatResult;
import java.util.List;

/** Two listeners of one run, told in order: the run's code calls one hook however many watch it. */
record ListenerPair(RunListener first, RunListener second) implements RunListener {

  /** {@code a} then {@code b}, or just the one that is not {@link RunListener#NONE}. */
  static RunListener of(RunListener a, RunListener b) {
    if (a == NONE) return b;
    if (b == NONE) return a;
    return new ListenerPair(a, b);
  }

  @Override
  public void runStarted(String model, String version, int layers) {
    first.runStarted(model, version, layers);
    second.runStarted(model, version, layers);
  }

  @Override
  public void layerStarted(int layer, List<ComponentSpec> components, PipelineState in) {
    first.layerStarted(layer, components, in);
    second.layerStarted(layer, components, in);
  }

  @Override
  public void callStarted(ComponentTrace component, int call, String model, String provider) {
    first.callStarted(component, call, model, provider);
    second.callStarted(component, call, model, provider);
  }

  @Override
  public void callFinished(ComponentTrace component, int call, long latencyMs, ChatResult result, Throwable error) {
    first.callFinished(component, call, latencyMs, result, error);
    second.callFinished(component, call, latencyMs, result, error);
  }

  @Override
  public void componentFinished(ComponentTrace component, boolean writesCandidates, PipelineState in,
      PipelineState out) {
    first.componentFinished(component, writesCandidates, in, out);
    second.componentFinished(component, writesCandidates, in, out);
  }

  @Override
  public void layerFinished(LayerRun layer, PipelineState out) {
    first.layerFinished(layer, out);
    second.layerFinished(layer, out);
  }

  @Override
  public void runFinished(PipelineResult result, Throwable error) {
    first.runFinished(result, error);
    second.runFinished(result, error);
  }
}
