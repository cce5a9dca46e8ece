package ai.archon.gateway.bench.judge;

import ai.archon.gateway.bench.score.ScoreCommand;
import ai.archon.gateway.support.CommandOutput;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.SharedData;
import ai.archon.gateway.support.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scripted mock upstream for a judge, the environment {@code bench judge} runs in (official files from the shared
 * folder's {@code benchmarks/}, an empty cache, downloads pointed at a closed port so nothing reaches the network),
 * and helpers to run {@code bench judge} and {@code bench score} in process.
 */
final class JudgeRun extends CommandOutput {
  private JudgeRun(CommandOutput output) {
    super(output);
  }

  static Map<String, String> env(MockUpstream upstream, Path tmp) {
    Map<String, String> env = new HashMap<>(TestGateway.env(upstream));
    env.put("ARCHON_BENCHMARK_DIR", SharedData.path("benchmarks").toString());
    env.put("ARCHON_CACHE_DIR", tmp.resolve("cache").toString());
    env.put("ARCHON_BENCHMARK_BASE_URL", "http://127.0.0.1:9");
    return env;
  }

  /** A configs folder (in-process judging needs one; the judge is {@code OpenAI_API/<model>}). */
  static Path configs() {
    return TestGateway.configs(Map.of("solo.json", Json.config("solo",
        Json.layer(Json.component("generator", "gen", "OpenAI_API", "\"temperature\":0.9")))));
  }

  static JudgeRun judge(Map<String, String> env, String... args) {
    return new JudgeRun(CommandOutput.capture(
        (out, err) -> JudgeCommand.run(JudgeOptions.parse(args, env), env, out, err, false, 5)));
  }

  /** {@code bench score ... --format json}: the models array. */
  static JsonNode score(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--format", "json"));
    CommandOutput run = CommandOutput.capture((out, err) -> ScoreCommand.run(all.toArray(String[]::new), env, out, err));
    return Json.parse(run.stdout).get("models");
  }

  static Path write(Path file, List<String> lines) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<JsonNode> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).map(Json::parse)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file of the shared folder (the test is skipped, or fails under CI, when it is missing). */
  static Path shared(String relative) {
    return SharedData.path(relative);
  }
}
