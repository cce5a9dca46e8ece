package ai.archon.gateway.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code bench} command line: {@code --benchmark B --model M [--configs DIR [--settings FILE] | --base-url URL
 * [--api-key KEY]] [--questions FILE] [--output-dir outputs] [--parallel 16] [--limit K] [--resume]}.
 */
public record BenchOptions(String benchmark, String model, Path configs, Path settings, String baseUrl, String apiKey,
    Path questions, Path outputDir, int parallel, int limit, boolean resume) {
  private static final Set<String> VALUED = Set.of("benchmark", "model", "configs", "settings", "base-url", "api-key",
      "questions", "output-dir", "parallel", "limit");
  private static final Set<String> FLAGS = Set.of("resume");
  public static final int DEFAULT_PARALLEL = 16;

  /**
   * Parses the arguments after {@code bench}. {@code --configs} and {@code --settings} fall back to
   * {@code ARCHON_CONFIGS}/{@code ARCHON_SETTINGS} as for {@code serve}; unknown options are errors.
   */
  public static BenchOptions parse(String[] args, Map<String, String> env) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument " + a);
      String name = a.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (FLAGS.contains(name) && value == null) {
        o.put(name, "true");
        continue;
      }
      if (!VALUED.contains(name)) throw new IllegalArgumentException("unknown option --" + name + " for bench");
      if (value == null) {
        if (i + 1 >= args.length) throw new IllegalArgumentException("--" + name + " needs a value");
        value = args[++i];
      }
      o.put(name, value);
    }
    String benchmark = required(o, "benchmark");
    Benchmarks.of(benchmark);
    String model = required(o, "model");
    if (o.containsKey("base-url") && o.containsKey("configs")) {
      throw new IllegalArgumentException("give --configs (in process) or --base-url (over HTTP), not both");
    }
    if (o.containsKey("api-key") && !o.containsKey("base-url")) throw new IllegalArgumentException("--api-key needs --base-url");
    String configs = or(o.get("configs"), env.get("ARCHON_CONFIGS"), "gateway-configs");
    String settings = or(o.get("settings"), env.get("ARCHON_SETTINGS"), null);
    int parallel = positive(o, "parallel", DEFAULT_PARALLEL);
    int limit = positive(o, "limit", Integer.MAX_VALUE);
    return new BenchOptions(benchmark, model, Path.of(configs), settings == null ? null : Path.of(settings),
        o.get("base-url"), o.get("api-key"), o.containsKey("questions") ? Path.of(o.get("questions")) : null,
        Path.of(or(o.get("output-dir"), null, "outputs")), parallel, limit, o.containsKey("resume"));
  }

  /** The model id written in the answers and used as the file name: the model with path separators made safe. */
  public String modelId() {
    return model.replace('/', '_').replace('\\', '_');
  }

  private static String required(Map<String, String> o, String name) {
    String v = o.get(name);
    if (v == null || v.isBlank()) throw new IllegalArgumentException("bench needs --" + name);
    return v;
  }

  private static String or(String a, String b, String fallback) {
    if (a != null && !a.isBlank()) return a;
    if (b != null && !b.isBlank()) return b;
    return fallback;
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
}
