package ai.archon.gateway.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One upstream chat call in the gateway's internal form. {@code sampling} holds temperature, max_tokens, top_p,
 * stop, seed and user (null when not set; the accessors of the same names read them). {@code raw} is the client's
 * own body for pass-through proxying (null inside ensembles): an OpenAI-compatible adapter forwards it with every
 * field kept. {@code output} is what shape the answer may take (tools, tool choice, response format);
 * {@link OutputSpec#NONE} for plain text.
 */
public record ChatRequest(
    String model, List<Message> messages, Sampling sampling, Purpose purpose, ObjectNode raw, OutputSpec output)
    implements Sampled {

  public ChatRequest {
    messages = List.copyOf(messages);
    sampling = sampling == null ? Sampling.NONE : sampling;
    purpose = purpose == null ? Purpose.DIRECT : purpose;
    output = output == null ? OutputSpec.NONE : output;
  }

  /** A plain-text request (no tools, no response format). */
  public ChatRequest(String model, List<Message> messages, Sampling sampling, Purpose purpose, ObjectNode raw) {
    this(model, messages, sampling, purpose, raw, OutputSpec.NONE);
  }

  public ChatRequest withModel(String m) {
    return new ChatRequest(m, messages, sampling, purpose, raw, output);
  }

  public ChatRequest withMaxTokens(Integer m) {
    return new ChatRequest(model, messages, sampling.withMaxTokens(m), purpose, raw, output);
  }

  public ChatRequest withOutput(OutputSpec o) {
    return new ChatRequest(model, messages, sampling, purpose, raw, o);
  }

  /** The system message text, or null: Anthropic and Gemini carry it outside the message list. */
  public String systemText() {
    StringBuilder sb = null;
    for (Message m : messages) {
      if ("system".equals(m.role()) || "developer".equals(m.role())) {
        sb = sb == null ? new StringBuilder() : sb.append("\n\n");
        sb.append(m.content());
      }
    }
    return sb == null ? null : sb.toString();
  }

  /**
   * About how many bytes this request's JSON body takes: the message texts (plus a little for escapes) and room for
   * the other fields. Sizes the body's buffer.
   */
  public int bodySizeHint() {
    long n = 256;
    for (Message m : messages) {
      int len = m.content() == null ? 0 : m.content().length();
      n += len + len / 16 + 32;
    }
    return (int) Math.min(n, 1 << 24);
  }

  /** The messages without system ones. */
  public List<Message> dialogue() {
    return messages.stream().filter(m -> !"system".equals(m.role()) && !"developer".equals(m.role())).toList();
  }
}
