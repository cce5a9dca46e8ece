package ai.archon.gateway.bench.judge;

import ai.archon.gateway.bench.AnswerJson;
import ai.archon.gateway.bench.AnswerLog;
import ai.archon.gateway.bench.ModelReply;
import ai.archon.gateway.bench.QuestionSets;
import ai.archon.gateway.model.Message;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * AlpacaEval 2.0 as its {@code weighted_alpaca_eval_gpt4_turbo} annotator judges: the official chat-formatted prompt
 * with the baseline's and the model's outputs (in an order fixed per instruction, so position bias cancels out as
 * AlpacaEval's random order does), one token asked for ({@code max_tokens 1}, {@code temperature 1}), the verdict
 * {@code m} (output 1) or {@code M} (output 2). The preference is 1 + P(the model's output is better): from the top
 * five log-probabilities of the verdict token where the judge returns them, as the official {@code logprob_parser},
 * else 1 or 2 from the discrete verdict; each record says which ({@code preference_from}). Records in eval-set order
 * in {@code model_judgment/<judge>/<model>/annotations.json}.
 */
final class AlpacaJudging extends TaskFormat {
  /** The official annotator's sampling (its configs.yaml). */
  static final double TEMPERATURE = 1.0;
  static final int MAX_TOKENS = 1;
  static final int TOP_LOGPROBS = 5;

  private final String template;
  private final String model;
  private final AtomicInteger fromLogprobs = new AtomicInteger();
  private final AtomicInteger fromVerdict = new AtomicInteger();

  AlpacaJudging(JudgeInputs in) throws IOException {
    super(in);
    this.template = Files.readString(in.judgePrompt(JudgeFiles.ALPACA_PROMPT), StandardCharsets.UTF_8);
    List<ObjectNode> answers = in.answers();
    this.model = answers.get(0).path("generator").asText(stem(in.opts().answers()));
    Map<String, ObjectNode> byInstruction = new LinkedHashMap<>();
    answers.forEach(a -> byInstruction.put(a.path("instruction").asText(), a));
    for (ObjectNode base : in.baseline(QuestionSets.ALPACA_EVAL)) {
      ObjectNode answer = byInstruction.get(base.path("instruction").asText());
      if (answer != null) add(new Task(base, answer));
    }
    requireTasks("no answer in " + in.opts().answers() + " has an instruction of the baseline's");
  }

  @Override public String model() { return model; }

  @Override
  public Path judgmentFile() {
    return in.judgmentDir().resolve(in.judgeId()).resolve(model).resolve("annotations.json");
  }

  @Override
  public Path progressFile() {
    return judgmentFile().resolveSibling("annotations.progress.jsonl");
  }

  @Override
  public String keyOf(JsonNode line) {
    return line.path("instruction").isTextual() ? line.get("instruction").textValue() : null;
  }

  /** The JSON array AlpacaEval writes, records in eval-set order. */
  @Override
  public void finish(AnswerLog log) throws IOException {
    Map<String, String> lines = log.lines();
    StringBuilder sb = new StringBuilder("[");
    for (JudgeTask t : tasks()) {
      String line = lines.get(t.key());
      if (line != null) sb.append(sb.length() == 1 ? "\n  " : ",\n  ").append(line);
    }
    sb.append(sb.length() == 1 ? "]\n" : "\n]\n");
    AnswerLog.writeAtomically(judgmentFile(), sb.toString());
  }

  @Override
  public String verdictNote() {
    return "preference: " + fromLogprobs.get() + " from the judge's top log-probabilities, " + fromVerdict.get()
        + " from its discrete verdict (the judge returned no log-probabilities for those)";
  }

  private static String stem(Path p) {
    String name = p.getFileName().toString();
    return name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
  }

  /** The preference (1 + P(model better)) and where it came from. */
  private record Preference(double value, String from) { }

  /** One instruction: baseline against model, in the order {@link #modelFirst} fixes. */
  private final class Task implements JudgeTask {
    private final ObjectNode base;
    private final ObjectNode answer;
    private final boolean modelFirst;

    Task(ObjectNode base, ObjectNode answer) {
      this.base = base;
      this.answer = answer;
      this.modelFirst = modelFirst(base.path("instruction").asText());
    }

    @Override public String key() { return base.path("instruction").asText(); }

    @Override
    public Future<Judged> judge(JudgeClient client) {
      String baseOut = base.path("output").asText();
      String modelOut = answer.path("output").asText();
      List<Message> messages = Template.chatml(Template.fill(template, Map.of("instruction", key(),
          "output_1", modelFirst ? modelOut : baseOut, "output_2", modelFirst ? baseOut : modelOut)));
      long start = System.nanoTime();
      return client.ask(new JudgeAsk(messages, TEMPERATURE, MAX_TOKENS, TOP_LOGPROBS, null), this::preference)
          .map(reply -> judged(reply, (System.nanoTime() - start) / 1e9));
    }

    private Judged judged(JudgeReply<Preference> reply, double seconds) {
      ObjectNode r = AnswerJson.object();
      r.put("instruction", key());
      r.put("output_1", base.path("output").asText());
      r.put("generator_1", base.path("generator").asText("baseline"));
      JsonNode dataset = answer.has("dataset") ? answer.get("dataset") : base.get("dataset");
      if (dataset != null) r.set("dataset", dataset);
      r.put("output_2", answer.path("output").asText());
      r.put("generator_2", model);
      r.put("annotator", in.judgeId());
      Preference p = reply.verdict();
      if (p == null) {
        r.putNull("preference");
        r.putNull("preference_from");
      } else {
        r.put("preference", p.value());
        r.put("preference_from", p.from());
        (p.from().equals("logprobs") ? fromLogprobs : fromVerdict).incrementAndGet();
      }
      r.put("time_per_example", seconds);
      r.put("raw_completion", reply.last().text());
      return new Judged(AnswerJson.line(r, false), reply.usage(), reply.calls(), p == null ? 1 : 0);
    }

    /** logprob_parser: P(m) = e^lp(m) / (e^lp(m) + e^lp(M)) over the top tokens; else the one-token verdict. */
    private Preference preference(ModelReply reply) {
      Map<String, Double> top = reply.firstTokenLogprobs();
      if (top.containsKey("m") || top.containsKey("M")) {
        double m = top.getOrDefault("m", Double.NEGATIVE_INFINITY);
        double big = top.getOrDefault("M", Double.NEGATIVE_INFINITY);
        double max = Math.max(m, big);
        double pFirst = Math.exp(m - max) / (Math.exp(m - max) + Math.exp(big - max));
        return new Preference(1 + (modelFirst ? pFirst : 1 - pFirst), "logprobs");
      }
      String verdict = reply.text().strip();
      if (!verdict.equals("m") && !verdict.equals("M")) return null;
      return new Preference(verdict.equals("m") == modelFirst ? 2.0 : 1.0, "verdict");
    }
  }

  /** The model's output goes first for about half the instructions, fixed by the instruction's SHA-256. */
  static boolean modelFirst(String instruction) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    return (digest.digest(instruction.getBytes(StandardCharsets.UTF_8))[0] & 1) == 1;
  }
}
