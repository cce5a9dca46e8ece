package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.Usage;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one component did in one request: its calls, tokens, latency, status and candidate counts. Written only from
 * the request's event loop; the synchronized methods guard the rare case of a provider completing elsewhere.
 */
public final class ComponentTrace {
  private final ComponentSpec spec;
  private final long startNanos = System.nanoTime();
  private long endNanos;
  private int calls;
  private int failedCalls;
  private Usage usage = Usage.ZERO;
  private String status = "ok";
  private String note;
  private String error;
  private String fallback;
  private int candidatesIn;
  private int candidatesOut;
  /** The component's own cancellable part of the request's calls (set by its layer), or null for the request's. */
  private CallContext scope;
  private int layer;
  private int index;

  public ComponentTrace(ComponentSpec spec) {
    this.spec = spec;
  }

  /** Makes {@code own} the context of this component's upstream calls, so that its layer can cut them alone. */
  void ownScope(CallContext own) { this.scope = own; }

  /** This component's call context, or {@code request} when its layer gave it none. */
  CallContext scope(CallContext request) { return scope == null ? request : scope; }

  public ComponentSpec spec() { return spec; }

  /** Places the component: {@code layer} from 1, {@code index} from 0 in config order (set by its layer). */
  void at(int layerNumber, int position) {
    this.layer = layerNumber;
    this.index = position;
  }

  /** The component's layer, from 1. */
  public int layer() { return layer; }

  /** The component's place in its layer, from 0 in config order. */
  public int index() { return index; }

  synchronized int callStarted() { return ++calls; }

  synchronized void callFinished(Usage u) { usage = usage.plus(u); }

  synchronized void callFailed(Throwable t) {
    failedCalls++;
    error = t.getMessage();
  }

  /** The component's own model was unavailable and {@code target} was called instead. */
  synchronized void fellBack(String target, String why) {
    fallback = target;
    if (note == null) note = "fell back to " + target + ": " + why;
  }

  /** A status other than ok ({@code partial}, {@code failed}, {@code unparsed}) with a human note. */
  public synchronized void degrade(String newStatus, String why) {
    status = newStatus;
    note = why;
  }

  /** Adds a human note (scores, an early stop) without changing the status. */
  public synchronized void note(String what) {
    note = note == null ? what : note + "; " + what;
  }

  synchronized void finish(int in, int out) {
    candidatesIn = in;
    candidatesOut = out;
    endNanos = System.nanoTime();
  }

  public synchronized String status() { return status; }

  public synchronized String error() { return error; }

  synchronized Usage usage() { return usage; }

  synchronized int candidatesIn() { return candidatesIn; }

  synchronized int candidatesOut() { return candidatesOut; }

  public synchronized ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("type", spec.type());
    n.put("model", spec.model());
    n.put("provider", spec.modelType());
    n.put("status", status);
    n.put("latency_ms", Math.max(0, ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1_000_000));
    n.put("calls", calls);
    n.put("failed_calls", failedCalls);
    n.put("prompt_tokens", usage.promptTokens());
    n.put("completion_tokens", usage.completionTokens());
    n.put("candidates_in", candidatesIn);
    n.put("candidates_out", candidatesOut);
    if (fallback != null) n.put("fallback", fallback);
    if (note != null) n.put("note", note);
    if (error != null) n.put("error", error);
    return n;
  }
}
