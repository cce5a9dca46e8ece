package ai.archon.gateway.bench.score;

import ai.archon.gateway.bench.PinnedFiles;
import ai.archon.gateway.bench.QuestionSets;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code bench score}: the official leaderboard numbers of judged answers (AlpacaEval 2.0 annotations, Arena-Hard or
 * MT-Bench judgment files), printed as a table or, with {@code --format json}, as one JSON object
 * {@code {"benchmark": B, "models": [...]}}. Notes (dropped verdicts, a missing instruction-difficulty file) go to
 * stderr. Exit code 0; bad arguments or unreadable files are reported by the caller as usage errors.
 */
public final class ScoreCommand {
  public static final String USAGE = "bench score --benchmark alpaca_eval|arena_hard_v0.1|arena_hard_v2.0|mt_bench"
      + " (--annotations PATH... | --judgments PATH) [--baseline NAME] [--bootstrap 100] [--seed 42]"
      + " [--format table|json]";

  private ScoreCommand() { }

  /** Runs with the arguments after {@code score}; numbers go to stdout. */
  public static int run(String[] args, Map<String, String> env) {
    return run(args, env, System.out, System.err);
  }

  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      out.println("usage: " + USAGE);
      return 0;
    }
    ScoreOptions opts = ScoreOptions.parse(args);
    Result result = switch (opts.benchmark()) {
      case "alpaca_eval" -> alpaca(opts, env, err);
      case "mt_bench" -> mtBench(opts, env, err);
      default -> arenaHard(opts, err);
    };
    if (opts.format().equals("json")) {
      ObjectNode root = ScoreJson.MAPPER.createObjectNode();
      root.put("benchmark", opts.benchmark());
      root.set("models", result.json());
      out.println(root.toPrettyString());
    } else {
      ScoreTable.print(out, result.header(), result.rows());
    }
    return 0;
  }

  /** The models as JSON and as table cells. */
  record Result(ArrayNode json, List<String> header, List<List<String>> rows) { }

  private static Result alpaca(ScoreOptions opts, Map<String, String> env, PrintStream err) {
    Path difficultyFile = InstructionDifficulty.locate(env);
    if (difficultyFile == null) {
      err.println("bench score: no " + InstructionDifficulty.RELATIVE + " under $" + InstructionDifficulty.ENV
          + ", so length_controlled_winrate and lc_standard_error are null (see README, AlpacaEval length control)");
    }
    double[] difficulty = difficultyFile == null ? null : InstructionDifficulty.read(difficultyFile);
    List<AlpacaEvalScore.Row> rows = new ArrayList<>(AlpacaEvalScore.score(AlpacaAnnotations.read(opts.annotations()),
        difficulty, null, opts.baseline()));
    rows.sort(Comparator.comparingDouble((AlpacaEvalScore.Row r) -> r.lengthControlled() == null
        ? r.winRate().winRate() : r.lengthControlled().winRate()).reversed());
    ArrayNode json = ScoreJson.MAPPER.createArrayNode();
    List<List<String>> cells = new ArrayList<>();
    for (AlpacaEvalScore.Row r : rows) {
      AlpacaWinRate w = r.winRate();
      LengthControl.Result lc = r.lengthControlled();
      ObjectNode n = json.addObject().put("model", r.model());
      number(n, "win_rate", w.winRate());
      number(n, "standard_error", w.standardError());
      n.put("n_wins", w.nWins()).put("n_wins_base", w.nWinsBase()).put("n_draws", w.nDraws()).put("n_total", w.nTotal());
      number(n, "discrete_win_rate", w.discreteWinRate());
      n.put("avg_length", w.avgLength());
      number(n, "length_controlled_winrate", lc == null ? null : lc.winRate());
      number(n, "lc_standard_error", lc == null ? null : lc.standardError());
      cells.add(List.of(r.model(), ScoreTable.num(lc == null ? null : lc.winRate(), 2),
          ScoreTable.num(lc == null ? null : lc.standardError(), 2), ScoreTable.num(w.winRate(), 2),
          ScoreTable.num(w.standardError(), 2), ScoreTable.num(w.discreteWinRate(), 2),
          w.nWins() + "/" + w.nWinsBase() + "/" + w.nDraws() + "/" + w.nTotal(), Long.toString(w.avgLength())));
    }
    return new Result(json, List.of("model", "LC win rate", "LC s.e.", "win rate", "s.e.", "discrete",
        "wins/losses/draws/total", "avg length"), cells);
  }

  private static Result arenaHard(ScoreOptions opts, PrintStream err) {
    ArenaJudgments.Read read = ArenaJudgments.read(ScoreJson.files(opts.judgments(), ".jsonl"), opts.benchmark(),
        opts.baseline());
    if (read.droppedGames() > 0) {
      err.println("bench score: " + read.droppedGames() + " games without a verdict were left out");
    }
    if (read.battles().size() == 0) throw new IllegalArgumentException("no judged games against " + read.baseline());
    List<ArenaHardScore.Row> rows = new ArrayList<>(ArenaHardScore.score(read.battles(), read.baseline(),
        opts.bootstrap(), opts.seed()));
    rows.sort(Comparator.comparingDouble(ArenaHardScore.Row::score).reversed());
    Path answers = ArenaAnswers.answerDir(opts.judgments());
    ArrayNode json = ScoreJson.MAPPER.createArrayNode();
    List<List<String>> cells = new ArrayList<>();
    for (ArenaHardScore.Row r : rows) {
      Long tokens = ArenaAnswers.avgTokens(answers, r.model());
      ObjectNode n = json.addObject().put("model", r.model());
      number(n, "score", r.score());
      number(n, "ci_lower", r.ciLower());
      number(n, "ci_upper", r.ciUpper());
      if (tokens == null) n.putNull("avg_tokens");
      else n.put("avg_tokens", tokens);
      cells.add(List.of(r.model(), ScoreTable.num(r.score(), 1),
          "(-" + ScoreTable.num(r.score() - r.ciLower(), 1) + ", +" + ScoreTable.num(r.ciUpper() - r.score(), 1) + ")",
          tokens == null ? "-" : tokens.toString()));
    }
    return new Result(json, List.of("model", "score", "95% CI", "avg tokens"), cells);
  }

  private static Result mtBench(ScoreOptions opts, Map<String, String> env, PrintStream err) {
    // the categories come from the official question set, found (or fetched once) as bench finds it
    Path questions = PinnedFiles.fromEnv(env, err, false).locate(QuestionSets.MT_BENCH, null);
    List<MtBenchScore.Row> rows = new ArrayList<>(MtBenchScore.score(ScoreJson.files(opts.judgments(), "_single.jsonl"),
        questions));
    rows.sort(Comparator.comparingDouble(MtBenchScore.Row::score).reversed());
    List<String> categories = rows.stream().flatMap(r -> r.categories().keySet().stream()).distinct().sorted().toList();
    ArrayNode json = ScoreJson.MAPPER.createArrayNode();
    List<List<String>> cells = new ArrayList<>();
    for (MtBenchScore.Row r : rows) {
      ObjectNode n = json.addObject().put("model", r.model());
      number(n, "score", r.score());
      number(n, "turn_1", r.turn1());
      number(n, "turn_2", r.turn2());
      ObjectNode c = n.putObject("categories");
      r.categories().forEach(c::put);
      List<String> line = new ArrayList<>(List.of(r.model(), ScoreTable.num(r.score(), 2), ScoreTable.num(r.turn1(), 2),
          ScoreTable.num(r.turn2(), 2)));
      categories.forEach(cat -> line.add(ScoreTable.num(r.categories().get(cat), 2)));
      cells.add(line);
    }
    List<String> header = new ArrayList<>(List.of("model", "score", "turn 1", "turn 2"));
    header.addAll(categories);
    return new Result(json, header, cells);
  }

  /** A number, or null for a missing or undefined one (JSON has no NaN). */
  private static void number(ObjectNode n, String field, Double v) {
    if (v == null || v.isNaN() || v.isInfinite()) n.putNull(field);
    else n.put(field, v);
  }
}
