package ai.archon.gateway.bench.judge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * Arena-Hard-Auto's judge set-up read from its official files: v0.1's {@code judge_config.yaml} (system prompt,
 * prompt template, verdict regex, sampling); v2.0's {@code arena-hard-v2.0.yaml} (template, regexes, sampling) with
 * the system prompt per question category from {@code JUDGE_SETTINGS} in {@code utils/judge_utils.py}.
 *
 * @param systemPrompts system prompt by question category ({@code "*"}: every category, v0.1)
 * @param baselines     the official baseline model by question category ({@code "*"}: every category, v0.1)
 */
record ArenaSetup(Map<String, String> systemPrompts, Map<String, String> baselines, String template, List<Pattern> verdictPatterns,
    double temperature, int maxTokens) {
  private static final Pattern CONSTANT = Pattern.compile("^([A-Z_][A-Z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*$",
      Pattern.MULTILINE);
  private static final Pattern CATEGORY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\\{([^{}]*?)\"system_prompt\"\\s*:\\s*"
      + "(?:([A-Z_][A-Z0-9_]*)|\"((?:[^\"\\\\]|\\\\.)*)\")", Pattern.DOTALL);
  private static final Pattern BASELINE = Pattern.compile("\"baseline\"\\s*:\\s*\"([^\"]*)\"");

  /** The system prompt for a question of {@code category}. */
  String systemPrompt(String category) {
    String p = systemPrompts.containsKey("*") ? systemPrompts.get("*") : systemPrompts.get(category);
    if (p == null) throw new IllegalArgumentException("the judge prompts have no system prompt for category '"
        + category + "' (they have " + systemPrompts.keySet() + ")");
    return p;
  }

  /** The official baseline for a question of {@code category}, or null when the judge prompts name none. */
  String baseline(String category) {
    return baselines.containsKey("*") ? baselines.get("*") : baselines.get(category);
  }

  static ArenaSetup v01(Path config) throws IOException {
    Map<String, Object> c = yaml(config);
    Object templates = c.get("prompt_template");
    String template = templates instanceof List<?> l && l.size() == 1 ? String.valueOf(l.get(0)) : null;
    if (template == null) throw new IllegalArgumentException(config + ": prompt_template must be a list of one template");
    return new ArenaSetup(Map.of("*", text(c, "system_prompt", config)), c.get("baseline_model") instanceof String b ? Map.of("*", b) : Map.of(),
        template,
        List.of(Pattern.compile(text(c, "regex_pattern", config))), number(c, "temperature", config),
        (int) number(c, "max_tokens", config));
  }

  static ArenaSetup v20(Path config, Path judgeUtils) throws IOException {
    Map<String, Object> c = yaml(config);
    Object patterns = c.get("regex_patterns");
    if (!(patterns instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalArgumentException(config + ": regex_patterns must be a list");
    }
    String source = Files.readString(judgeUtils, StandardCharsets.UTF_8);
    Map<String, String> baselines = new HashMap<>();
    Map<String, String> prompts = settings(source, judgeUtils, baselines);
    return new ArenaSetup(prompts, baselines, text(c, "prompt_template", config), list.stream().map(p -> Pattern.compile(String.valueOf(p))).toList(),
        number(c, "temperature", config), (int) number(c, "max_tokens", config));
  }

  /**
   * {@code JUDGE_SETTINGS}' system prompts by category (string literals, or names of string constants defined above
   * them); each category's {@code baseline} goes into {@code baselines}.
   */
  static Map<String, String> settings(String source, Path file, Map<String, String> baselines) {
    Map<String, String> constants = new HashMap<>();
    Matcher m = CONSTANT.matcher(source);
    while (m.find()) constants.put(m.group(1), python(m.group(2)));
    Map<String, String> out = new HashMap<>();
    int settings = source.indexOf("JUDGE_SETTINGS");
    Matcher c = CATEGORY.matcher(source);
    while (settings >= 0 && c.find(settings)) {
      String prompt = c.group(3) != null ? constants.get(c.group(3)) : python(c.group(4));
      if (prompt == null) throw new IllegalArgumentException(file + ": " + c.group(3) + " is not defined");
      out.put(c.group(1), prompt);
      Matcher b = BASELINE.matcher(c.group(2));
      if (b.find()) baselines.put(c.group(1), b.group(1));
      settings = c.end();
    }
    if (out.isEmpty()) throw new IllegalArgumentException(file + ": no JUDGE_SETTINGS with system prompts found");
    return out;
  }

  /** A Python string literal's body without its escapes (the ones these files use). */
  static String python(String body) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char ch = body.charAt(i);
      if (ch != '\\' || i + 1 == body.length()) {
        sb.append(ch);
        continue;
      }
      char e = body.charAt(++i);
      switch (e) {
        case 'n': sb.append('\n'); break;
        case 't': sb.append('\t'); break;
        case 'r': sb.append('\r'); break;
        default: sb.append(e);
      }
    }
    return sb.toString();
  }

  private static Map<String, Object> yaml(Path file) throws IOException {
    Object root = new Yaml().load(Files.readString(file, StandardCharsets.UTF_8));
    if (!(root instanceof Map<?, ?> map)) throw new IllegalArgumentException(file + " is not a YAML mapping");
    Map<String, Object> out = new HashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static String text(Map<String, Object> c, String key, Path file) {
    if (!(c.get(key) instanceof String s)) throw new IllegalArgumentException(file + ": " + key + " must be a string");
    return s;
  }

  private static double number(Map<String, Object> c, String key, Path file) {
    if (!(c.get(key) instanceof Number n)) throw new IllegalArgumentException(file + ": " + key + " must be a number");
    return n.doubleValue();
  }
}
