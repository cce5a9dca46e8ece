package ai.archon.gateway.bench.search;

import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import ai.archon.gateway.support.RoleResponder;
import ai.archon.gateway.support.SharedData;
import ai.archon.gateway.support.TestGateway;
import ai.archon.gateway.support.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted world where the best architecture is known. Three models, {@code alpha}, {@code beta} and {@code gamma},
 * answer every role as the {@link RoleResponder} does ("answer from alpha", critiques, rankings, verdicts, tests);
 * only {@code gamma}, fusing candidates that include both alpha's and beta's answers, writes the MARKER (which later
 * fusions keep). The judge
 * rates an MT-Bench answer 9 with the marker, 7 for any other fusion, and 6, 5 and 4 for alpha's, beta's and gamma's
 * own answers. Prices make gamma three times dearer. The questions are our own (writing, two turns); the official
 * judge prompts come from the shared folder.
 */
final class SearchWorld {
  static final String MARKER = "MARKER-ALPHA-BETA";
  static final String MODELS = "OpenAI_API/alpha,OpenAI_API/beta,OpenAI_API/gamma";
  static final String JUDGE = "OpenAI_API/judge";
  static final int QUESTIONS = 6;
  private static final RoleResponder ROLES = new RoleResponder();

  private SearchWorld() { }

  /** Scripts the mock upstream. */
  static void script(MockUpstream upstream) {
    for (String model : List.of("alpha", "beta", "gamma")) upstream.respond(model, SearchWorld::model);
    upstream.respond("judge", SearchWorld::judge);
  }

  private static Reply model(RecordedRequest r) {
    String prompt = r.promptText();
    boolean fusion = prompt.contains("Synthesize");
    boolean made = r.model().equals("gamma") && prompt.contains("answer from alpha") && prompt.contains("answer from beta");
    if (fusion && (made || prompt.contains(MARKER))) {
      return Reply.text("fused answer from " + r.model() + " " + MARKER).usage(300, 80); // a later fusion keeps it
    }
    return ROLES.apply(r).usage(200, 60);
  }

  private static Reply judge(RecordedRequest r) {
    String prompt = r.body().at("/messages/1/content").asText();
    // the answer being rated: turn 1's, or turn 2's (the last of the conversation the multi-turn prompt shows)
    String answer = prompt.substring(Math.max(0, Math.max(prompt.lastIndexOf("[The Start of Assistant's Answer]"),
        prompt.lastIndexOf("### Assistant A:"))));
    int rating = answer.contains(MARKER) ? 9 : answer.contains("fused answer") ? 7
        : answer.contains("answer from alpha") ? 6 : answer.contains("answer from beta") ? 5 : 4;
    return Reply.text("Fine. Rating: [[" + rating + "]]").usage(400, 10);
  }

  /** The environment: providers on the mock, official files from the shared folder, prices, our questions. */
  static Map<String, String> env(MockUpstream upstream, Path tmp) {
    Map<String, String> env = new HashMap<>(TestGateway.env(upstream));
    env.put("ARCHON_BENCHMARK_DIR", SharedData.path("benchmarks").toString());
    SharedData.path("benchmarks/mt-bench/judge/judge_prompts.jsonl");
    env.put("ARCHON_CACHE_DIR", tmp.resolve("cache").toString());
    env.put("ARCHON_BENCHMARK_BASE_URL", "http://127.0.0.1:9");
    Path settings = tmp.resolve("settings.json");
    Path configs = TestGateway.configs(Map.of("solo.json", Json.config("solo",
        Json.layer(Json.component("generator", "alpha", "OpenAI_API", "\"temperature\":0.7")))));
    try {
      Files.writeString(settings, "{\"price_per_mtok\": {\"OpenAI_API/alpha\": {\"input\": 1.0, \"output\": 2.0},"
          + " \"OpenAI_API/beta\": {\"input\": 1.0, \"output\": 2.0},"
          + " \"OpenAI_API/gamma\": {\"input\": 3.0, \"output\": 6.0}}}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    env.put("ARCHON_SETTINGS", settings.toString());
    env.put("ARCHON_CONFIGS", configs.toString());
    return env;
  }

  /** Our own development questions in MT-Bench's format. */
  static Path questions(Path tmp) {
    List<String> lines = new ArrayList<>();
    String[] topics = {"rivers", "autumn", "trains", "lighthouses", "bees", "glaciers"};
    for (int i = 0; i < QUESTIONS; i++) {
      lines.add("{\"question_id\": " + (9001 + i) + ", \"category\": \"writing\", \"turns\": [\"Write a short poem"
          + " about " + topics[i] + ".\", \"Now rewrite it in exactly four lines.\"]}");
    }
    try {
      return Files.writeString(tmp.resolve("questions.jsonl"), String.join("\n", lines) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One run of {@code search} in process (the three models unless {@code extra} names others). */
  record Run(int exitCode, String stdout, String stderr, Path out) {
    JsonNode summary() {
      return read(out.resolve("search.json"));
    }

    List<JsonNode> architectures() {
      try {
        return Files.readAllLines(out.resolve("architectures.jsonl")).stream().filter(l -> !l.isBlank())
            .map(Json::parse).toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    JsonNode best() {
      return read(out.resolve("best.json"));
    }

    private static JsonNode read(Path p) {
      try {
        return Json.parse(Files.readString(p));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static Run search(Map<String, String> env, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("--questions", Path.of(env.get("ARCHON_SETTINGS")).getParent()
        .resolve("questions.jsonl").toString(), "--judge", JUDGE, "--out", out.toString()));
    if (!List.of(extra).contains("--models")) args.addAll(List.of("--models", MODELS));
    args.addAll(List.of(extra));
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = SearchCommand.run(SearchOptions.parse(args.toArray(String[]::new)), env,
        new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), 5);
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8), out);
  }

  /**
   * What exhaustive search would pay at the least: every architecture of the space on every question, each turn at
   * least one generator call and one judge call.
   */
  static long exhaustiveCallsAtLeast(int spaceSize) {
    return (long) spaceSize * QUESTIONS * 2 * 2;
  }
}
