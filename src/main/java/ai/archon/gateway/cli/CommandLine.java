package ai.archon.gateway.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed command line: a command ({@code serve} by default), {@code --name value} options and positional
 * arguments. Unknown options are errors so a typo never silently falls back to a default.
 */
public record CommandLine(String command, Map<String, String> options, List<String> positional) {
  static final Set<String> COMMANDS = Set.of("serve", "validate", "bench", "search");

  public static CommandLine parse(String[] args, Set<String> valueOptions) {
    return parse(args, valueOptions, Set.of());
  }

  /** As {@link #parse(String[], Set)}, where each of {@code flags} given without {@code =value} means "true". */
  public static CommandLine parse(String[] args, Set<String> valueOptions, Set<String> flags) {
    String command = "serve";
    int i = 0;
    if (args.length > 0 && !args[0].startsWith("-")) {
      command = args[0];
      if (!COMMANDS.contains(command)) throw new IllegalArgumentException("unknown command '" + command + "'");
      i = 1;
    }
    Map<String, String> options = new HashMap<>();
    List<String> positional = new ArrayList<>();
    for (; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        options.put("help", "true");
      } else if (a.startsWith("--")) {
        String name = a.substring(2);
        String value = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (value == null && flags.contains(name)) {
          options.put(name, "true");
          continue;
        }
        if (!valueOptions.contains(name)) throw new IllegalArgumentException("unknown option --" + name);
        if (value == null) {
          if (i + 1 >= args.length) throw new IllegalArgumentException("--" + name + " needs a value");
          value = args[++i];
        }
        options.put(name, value);
      } else {
        positional.add(a);
      }
    }
    return new CommandLine(command, options, positional);
  }

  /** The option's value, else the environment variable's, else the default. */
  public String get(String option, Map<String, String> env, String envName, String fallback) {
    String v = options.get(option);
    if (v == null && envName != null) v = env.get(envName);
    return v == null || v.isBlank() ? fallback : v;
  }
}
