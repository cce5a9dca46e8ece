package ai.archon.gateway.bench.judge;

import ai.archon.gateway.bench.AnswerJson;
import ai.archon.gateway.bench.Benchmarks;
import ai.archon.gateway.bench.ModelReply;
import ai.archon.gateway.bench.Question;
import ai.archon.gateway.bench.QuestionFiles;
import ai.archon.gateway.bench.QuestionSets;
import ai.archon.gateway.model.Message;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MT-Bench single-answer grading as FastChat's {@code gen_judgment.py --mode single}: each turn judged on its own,
 * {@code single-v1} / {@code single-v1-multi-turn}, and for math, reasoning and coding {@code single-math-v1} /
 * {@code single-math-v1-multi-turn} with GPT-4's reference answers; temperature 0, 2048 tokens; the rating is the
 * first {@code [[n]]} (else {@code [n]}); none after asking again is recorded as {@code score: -1}, FastChat's mark
 * for "no rating", which scoring drops. Lines in {@code model_judgment/<judge>_single.jsonl}, shared by all models.
 */
final class MtBenchJudging extends TaskFormat {
  static final Set<String> NEED_REFERENCE = Set.of("math", "reasoning", "coding");
  static final double TEMPERATURE = 0.0;
  static final int MAX_TOKENS = 2048;
  private static final Pattern RATING = Pattern.compile("\\[\\[(\\d+\\.?\\d*)\\]\\]");
  private static final Pattern RATING_BACKUP = Pattern.compile("\\[(\\d+\\.?\\d*)\\]");

  private final String model;
  private final Map<String, JsonNode> prompts = new HashMap<>();
  private final Map<String, JsonNode> references = new HashMap<>();

  MtBenchJudging(JudgeInputs in) throws IOException {
    super(in);
    for (ObjectNode p : QuestionFiles.read(in.judgePrompt(JudgeFiles.MT_BENCH_PROMPTS))) {
      prompts.put(p.path("name").asText(), p);
    }
    for (ObjectNode r : QuestionFiles.read(in.official(JudgeFiles.MT_BENCH_REFERENCE))) {
      references.put(r.path("question_id").asText(), r.path("choices").path(0).path("turns"));
    }
    Map<String, JsonNode> answers = new HashMap<>();
    List<ObjectNode> lines = in.answers();
    this.model = lines.get(0).path("model_id").asText("model");
    lines.forEach(a -> answers.put(a.path("question_id").asText(), a.path("choices").path(0).path("turns")));
    for (Question q : Benchmarks.of("mt_bench").read(in.questions(QuestionSets.MT_BENCH))) {
      JsonNode turns = answers.get(q.key());
      if (turns == null) continue;
      for (int turn = 1; turn <= Math.min(2, Math.min(turns.size(), q.turns().size())); turn++) {
        add(new Task(this, q, turns, turn));
      }
    }
    requireTasks("no answer in " + in.opts().answers() + " is to an MT-Bench question");
  }

  @Override public String model() { return model; }

  @Override
  public Path judgmentFile() {
    return in.judgmentDir().resolve(in.judgeId() + "_single.jsonl");
  }

  @Override
  public boolean sharedFile() {
    return true;
  }

  @Override
  public String keyOf(JsonNode line) {
    return key(line.path("model").asText(), line.path("question_id").asText(), line.path("turn").asInt());
  }

  private static String key(String model, String questionId, int turn) {
    return model + "\t" + questionId + "\t" + turn;
  }

  /** FastChat: the first [[n]], else the first [n], as a number; null when there is none. */
  static JsonNode rating(String judgment) {
    Matcher m = RATING.matcher(judgment);
    if (!m.find()) {
      m = RATING_BACKUP.matcher(judgment);
      if (!m.find()) return null;
    }
    String v = m.group(1);
    // ast.literal_eval: "8" is an int, "8.5" a float
    return v.contains(".") ? AnswerJson.MAPPER.getNodeFactory().numberNode(Double.parseDouble(v))
        : AnswerJson.MAPPER.getNodeFactory().numberNode(new BigDecimal(v).toBigInteger());
  }

  /** One turn of one question; judged by its format, which holds the prompts and references. */
  private record Task(MtBenchJudging format, Question q, JsonNode answer, int turn) implements JudgeTask {

    @Override public String key() { return MtBenchJudging.key(format.model, q.key(), turn); }

    @Override
    public Future<Judged> judge(JudgeClient client) {
      return format.judge(this, client);
    }
  }

  private Future<JudgeTask.Judged> judge(Task t, JudgeClient client) {
    Question q = t.q();
    JsonNode answer = t.answer();
    int turn = t.turn();
    boolean math = NEED_REFERENCE.contains(q.source().path("category").asText());
    String name = (math ? "single-math-v1" : "single-v1") + (turn == 2 ? "-multi-turn" : "");
    JsonNode prompt = prompts.get(name);
    if (prompt == null) return Future.failedFuture("the judge prompts have no '" + name + "'");
    JsonNode ref = references.get(q.key());
    if (math && ref == null) return Future.failedFuture("no reference answer for question " + q.key());
    Map<String, String> args = new HashMap<>();
    if (turn == 1) {
      args.put("question", q.turns().get(0));
      args.put("answer", answer.path(0).asText());
      if (math) args.put("ref_answer_1", ref.path(0).asText());
    } else {
      for (int i = 0; i < 2; i++) {
        args.put("question_" + (i + 1), q.turns().get(i));
        args.put("answer_" + (i + 1), answer.path(i).asText());
        if (math) args.put("ref_answer_" + (i + 1), ref.path(i).asText());
      }
    }
    String userPrompt = Template.fill(prompt.path("prompt_template").asText(), args);
    List<Message> messages = List.of(Message.system(prompt.path("system_prompt").asText()), Message.user(userPrompt));
    return client.ask(new JudgeAsk(messages, TEMPERATURE, MAX_TOKENS, 0, null), (ModelReply r) -> rating(r.text()))
        .map(reply -> judged(t, reply, name, userPrompt));
  }

  private JudgeTask.Judged judged(Task t, JudgeReply<JsonNode> reply, String name, String userPrompt) {
    ObjectNode n = AnswerJson.object();
    n.set("question_id", t.q().source().get("question_id"));
    n.put("model", model);
    n.putArray("judge").add(in.judgeId()).add(name);
    n.put("user_prompt", userPrompt);
    n.put("judgment", reply.last().text());
    if (reply.verdict() == null) n.put("score", -1);
    else n.set("score", reply.verdict());
    n.put("turn", t.turn());
    n.set("tstamp", AnswerJson.seconds(System.currentTimeMillis() / 1000.0));
    return new JudgeTask.Judged(AnswerJson.line(n, true), reply.usage(), reply.calls(), reply.verdict() == null ? 1 : 0);
  }
}
