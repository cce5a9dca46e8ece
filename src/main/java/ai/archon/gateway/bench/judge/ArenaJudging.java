package ai.archon.gateway.bench.judge;

import ai.archon.gateway.bench.AnswerJson;
import ai.archon.gateway.bench.Benchmarks;
import ai.archon.gateway.bench.ModelReply;
import ai.archon.gateway.bench.QuestionSets;
import ai.archon.gateway.bench.Question;
import ai.archon.gateway.bench.QuestionFiles;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Arena-Hard-Auto's pairwise judging against a baseline, as its {@code gen_judgment.py}: per question two games,
 * game 1 with the baseline as Assistant A and the model as B, game 2 with the answers swapped; the official system
 * prompt and template; the verdict label read with the official regexes. One line per question in
 * {@code model_judgment/<judge>/<model>.jsonl}: v0.1 {@code question_id, model, judge, baseline, games[{user_prompt,
 * judgment, score}]}, v2.0 {@code uid, category, judge, model, baseline, games[{score, judgment{answer}, prompt}]};
 * a game without a verdict after asking again has {@code score: null}.
 */
final class ArenaJudging extends TaskFormat {
  static final Set<String> V01_LABELS = Set.of("A>>B", "A>B", "A=B", "B>A", "B>>A");
  static final Set<String> V20_LABELS = Set.of("A>>B", "A>B", "A=B", "B>A", "B>>A", "A<<B", "A<B", "B<<A", "B<A",
      "B=A");
  /** Said when a judgment has no verdict label (our wording; the conversation goes on, as v0.1's second attempt). */
  static final String FOLLOW_UP = "Your judgment has no final verdict label. Finish it by giving exactly one final "
      + "verdict label in the required format.";

  private final boolean v2;
  private final ArenaSetup setup;
  private final ArenaAnswerFile answers;
  private final Path baselineDir;
  /** Baseline answers by model (one for a --baseline file; per category's official baseline for a folder). */
  private final Map<String, ArenaAnswerFile> baselines = new HashMap<>();

  ArenaJudging(JudgeInputs in, boolean v2) throws IOException {
    super(in);
    this.v2 = v2;
    this.setup = v2 ? ArenaSetup.v20(in.official(JudgeFiles.ARENA_V20_CONFIG), in.judgePrompt(JudgeFiles.ARENA_V20_PROMPTS))
        : ArenaSetup.v01(in.judgePrompt(JudgeFiles.ARENA_V01_CONFIG));
    this.answers = ArenaAnswerFile.of(in.answers(), in.opts().answers().toString());
    Path base = in.opts().baseline();
    if (base == null) {
      throw new IllegalArgumentException(in.opts().benchmark() + " needs --baseline PATH: the baseline's answer file,"
          + " or a folder of them named <model>.jsonl (the official data/<set>/model_answer/ of lmarena/arena-hard-auto,"
          + " whose gpt-4-0314.jsonl, o3-mini-2025-01-31.jsonl and gemini-2.0-flash-001.jsonl are the official baselines)");
    }
    this.baselineDir = Files.isDirectory(base) ? base : null;
    if (baselineDir == null) {
      ArenaAnswerFile file = ArenaAnswerFile.of(QuestionFiles.read(base), base.toString());
      baselines.put(file.model(), file);
    }
    String name = v2 ? "arena_hard_v2.0" : "arena_hard_v0.1";
    Path questions = in.questions(v2 ? QuestionSets.ARENA_HARD_V20 : QuestionSets.ARENA_HARD_V01);
    for (Question q : Benchmarks.of(name).read(questions)) {
      if (answers.turns().containsKey(q.key()) && baselineFor(q).turns().containsKey(q.key())) add(new Task(q));
    }
    requireTasks("no question has both an answer in " + in.opts().answers() + " and one in the baseline " + base);
  }

  /**
   * The baseline's answers for {@code q}: the one {@code --baseline} file, or from a {@code --baseline} folder the
   * file of the baseline the official judge settings name for the question's category.
   */
  private ArenaAnswerFile baselineFor(Question q) {
    if (baselineDir == null) return baselines.values().iterator().next();
    String category = q.source().path("category").asText("");
    String model = setup.baseline(category);
    if (model == null) {
      throw new IllegalArgumentException("the judge settings name no baseline for category '" + category
          + "'; give --baseline FILE");
    }
    return baselines.computeIfAbsent(model, m -> {
      Path file = baselineDir.resolve(m + ".jsonl");
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--baseline " + baselineDir + " has no " + m + ".jsonl (the official "
            + "baseline for category '" + category + "')");
      }
      return ArenaAnswerFile.of(QuestionFiles.read(file), file.toString());
    });
  }

  @Override public String model() { return answers.model(); }

  @Override
  public Path judgmentFile() {
    return in.judgmentDir().resolve(in.judgeId()).resolve(answers.model() + ".jsonl");
  }

  @Override
  public String keyOf(JsonNode line) {
    JsonNode id = line.has("uid") ? line.get("uid") : line.get("question_id");
    return id == null ? null : id.asText();
  }

  /** The official label of a reply, or null when it has none (v0.1: several different labels count as none). */
  static String label(ArenaSetup setup, boolean v2, String judgment) {
    if (!v2) {
      Set<String> found = new LinkedHashSet<>();
      Matcher m = setup.verdictPatterns().get(0).matcher(judgment);
      while (m.find()) if (!m.group(1).isEmpty()) found.add(m.group(1));
      String only = found.size() == 1 ? found.iterator().next() : null;
      return only != null && V01_LABELS.contains(only) ? only : null;
    }
    for (Pattern p : setup.verdictPatterns()) {
      Matcher m = p.matcher(judgment.toUpperCase(Locale.ROOT));
      String last = null;
      while (m.find()) if (!m.group(1).isEmpty()) last = m.group(1);
      if (last != null) return V20_LABELS.contains(last) ? last : null;
    }
    return null;
  }

  /** One question: two games, the second with the answers swapped. */
  private final class Task implements JudgeTask {
    private final Question q;

    Task(Question q) {
      this.q = q;
    }

    @Override public String key() { return q.key(); }

    @Override
    public Future<Judged> judge(JudgeClient client) {
      List<String> model = answers.turns().get(q.key());
      List<String> base = baselineFor(q).turns().get(q.key());
      Future<JudgeReply<String>> game1 = game(client, base, model);
      Future<JudgeReply<String>> game2 = game(client, model, base);
      return Future.all(game1, game2).map(done -> line(List.of(game1.result(), game2.result()),
          List.of(prompt(base, model), prompt(model, base))));
    }

    private Future<JudgeReply<String>> game(JudgeClient client, List<String> a, List<String> b) {
      List<Message> messages = List.of(Message.system(system()), Message.user(prompt(a, b)));
      return client.ask(new JudgeAsk(messages, setup.temperature(), setup.maxTokens(), 0, FOLLOW_UP),
          (ModelReply r) -> label(setup, v2, r.text()));
    }

    private String system() {
      return setup.systemPrompt(q.source().path("category").asText(""));
    }

    /** v0.1: question_i, then A's turns as answer_1.. and B's after them; v2.0: QUESTION, ANSWER_A, ANSWER_B. */
    private String prompt(List<String> a, List<String> b) {
      Map<String, String> args = new HashMap<>();
      if (v2) {
        args.put("QUESTION", q.turns().get(0));
        args.put("ANSWER_A", a.get(a.size() - 1));
        args.put("ANSWER_B", b.get(b.size() - 1));
      } else {
        for (int i = 0; i < q.turns().size(); i++) args.put("question_" + (i + 1), q.turns().get(i));
        for (int i = 0; i < a.size(); i++) args.put("answer_" + (i + 1), a.get(i));
        for (int i = 0; i < b.size(); i++) args.put("answer_" + (i + 1 + a.size()), b.get(i));
      }
      return Template.fill(setup.template(), args);
    }

    private Judged line(List<JudgeReply<String>> games, List<String> prompts) {
      ObjectNode n = AnswerJson.object();
      if (v2) {
        n.put("uid", q.key());
        n.put("category", q.source().path("category").asText());
        n.put("judge", in.judgeId());
        n.put("model", answers.model());
        n.put("baseline", baselineFor(q).model());
      } else {
        n.put("question_id", q.key());
        n.put("model", answers.model());
        n.put("judge", in.judgeId());
        n.put("baseline", baselineFor(q).model());
      }
      ArrayNode out = n.putArray("games");
      int missing = 0;
      Usage usage = Usage.FREE;
      int calls = 0;
      for (int g = 0; g < 2; g++) {
        JudgeReply<String> r = games.get(g);
        missing += r.verdict() == null ? 1 : 0;
        usage = usage.plus(r.usage());
        calls += r.calls();
        StringBuilder judgment = new StringBuilder();
        r.replies().forEach(reply -> judgment.append('\n').append(reply.text()));
        ObjectNode game = out.addObject();
        if (v2) {
          game.put("score", r.verdict());
          game.putObject("judgment").put("answer", r.last().text());
          ArrayNode prompt = game.putArray("prompt");
          prompt.addObject().put("role", "system").put("content", system());
          prompt.addObject().put("role", "user").put("content", prompts.get(g));
        } else {
          game.put("user_prompt", prompts.get(g));
          game.put("judgment", judgment.toString());
          game.put("score", r.verdict());
        }
      }
      return new Judged(AnswerJson.line(n, false), usage, calls, missing);
    }
  }
}
