package ai.archon.gateway.bench;

import ai.archon.gateway.cli.CommandLine;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The {@code bench} command line: {@code --benchmark B --model M [--configs DIR [--settings FILE] | --base-url URL
 * [--api-key KEY]] [--questions FILE] [--output-dir outputs] [--parallel 16] [--limit K] [--resume]}.
 */
public record BenchOptions(String benchmark, String model, Endpoint endpoint, Path questions, Path outputDir,
    Run run) {
  private static final Set<String> VALUED = Set.of("benchmark", "model", "configs", "settings", "base-url", "api-key",
      "questions", "output-dir", "parallel", "limit");
  private static final Set<String> FLAGS = Set.of("resume");
  public static final int DEFAULT_PARALLEL = 16;

  /**
   * Parses the arguments after {@code bench}. {@code --configs} and {@code --settings} fall back to
   * {@code ARCHON_CONFIGS}/{@code ARCHON_SETTINGS} as for {@code serve}; unknown options are errors.
   */
  public static BenchOptions parse(String[] args, Map<String, String> env) {
    CommandLine cli = commandLine("bench", args, VALUED, FLAGS);
    Map<String, String> o = cli.options();
    String benchmark = required(o, "benchmark");
    Benchmarks.of(benchmark);
    String model = required(o, "model");
    if (o.containsKey("base-url") && o.containsKey("configs")) {
      throw new IllegalArgumentException("give --configs (in process) or --base-url (over HTTP), not both");
    }
    if (o.containsKey("api-key") && !o.containsKey("base-url")) throw new IllegalArgumentException("--api-key needs --base-url");
    String configs = cli.get("configs", env, "ARCHON_CONFIGS", "gateway-configs");
    String settings = cli.get("settings", env, "ARCHON_SETTINGS", null);
    int parallel = positive(o, "parallel", DEFAULT_PARALLEL);
    int limit = positive(o, "limit", Integer.MAX_VALUE);
    Endpoint endpoint = new Endpoint(Path.of(configs), settings == null ? null : Path.of(settings), o.get("base-url"),
        o.get("api-key"));
    return new BenchOptions(benchmark, model, endpoint, o.containsKey("questions") ? Path.of(o.get("questions")) : null,
        Path.of(cli.get("output-dir", env, null, "outputs")), new Run(parallel, limit, o.containsKey("resume")));
  }

  /** Where the model runs: in process from {@code configs} (and {@code settings}), or over HTTP at {@code baseUrl}. */
  public record Endpoint(Path configs, Path settings, String baseUrl, String apiKey) { }

  /** How the questions are asked: in flight at once, at most how many, and whether answers so far are kept. */
  public record Run(int parallel, int limit, boolean resume) { }

  public Path configs() { return endpoint.configs(); }

  public int parallel() { return run.parallel(); }

  public int limit() { return run.limit(); }

  public boolean resume() { return run.resume(); }


  /** The model id written in the answers and used as the file name: the model with path separators made safe. */
  public String modelId() {
    return model.replace('/', '_').replace('\\', '_');
  }

  private static String required(Map<String, String> o, String name) {
    String v = o.get(name);
    if (v == null || v.isBlank()) throw new IllegalArgumentException("bench needs --" + name);
    return v;
  }

  private static int positive(Map<String, String> o, String name, int fallback) {
    String v = o.get(name);
    if (v == null) return fallback;
    try {
      int n = Integer.parseInt(v.trim());
      if (n < 1) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number of at least 1, got '" + v + "'");
    }
  }

  /**
   * {@code args}, the arguments after {@code command} (one of the CLI's commands), parsed as that command's options;
   * a positional argument is an error.
   */
  public static CommandLine commandLine(String command, String[] args, Set<String> valued, Set<String> flags) {
    String[] withCommand = new String[args.length + 1];
    withCommand[0] = command;
    System.arraycopy(args, 0, withCommand, 1, args.length);
    CommandLine cli = CommandLine.parse(withCommand, valued, flags);
    if (!cli.positional().isEmpty()) throw new IllegalArgumentException("unexpected argument " + cli.positional().get(0));
    return cli;
  }
}
