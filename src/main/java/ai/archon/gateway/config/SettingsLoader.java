package ai.archon.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the gateway {@link Settings}: the {@link BuiltinProviders} resolved against the environment, then the
 * optional settings file on top. File format:
 *
 * <pre>{@code
 * {"providers": {"<model_type>": {"protocol": "openai"|"anthropic"|"gemini"|"rerank", "base_url": "https://...",
 *                                 "api_key_env": "ENV_NAME", "max_output_tokens": 8192, "default_model": "..."}},
 *  "model_aliases": {"llm-blender/PairRM": {"model_type": "Rerank", "model": "BAAI/bge-reranker-v2-m3"}},
 *  "server": {"max_body_bytes": 10485760},
 *  "price_per_mtok": {"<model_type>/<model>": {"input": 2.5, "output": 10.0}}}
 * }</pre>
 *
 * <p>An entry for a built-in model_type changes only the keys it gives. An entry for a new model_type must give
 * {@code protocol} and {@code base_url}; its key is required when {@code api_key_env} is given and optional when not.
 * {@code api_key_env} may also be a list of variable names (the first one set wins) or {@code null} (no key at all).
 * The resilience keys of a provider entry, {@code keys} (with their {@code budget}), {@code defaults} and
 * {@code spend} (budgets per virtual model, the spend file) are read by {@link GovernanceParser};
 * {@code "server"} by {@link ServerSectionParser}; {@code "redis"} and {@code "cache"} by {@link ScaleSettingsParser};
 * {@code model_aliases} sends config model names to other providers (reward-model rankers to rerank providers).
 * Unknown keys are accepted with a warning. Any other problem is a
 * {@link ConfigException} naming the file and field.
 */
public final class SettingsLoader {
  private static final Logger LOG = LoggerFactory.getLogger(SettingsLoader.class);
  private static final Set<String> TOP_LEVEL_KEYS =
      Set.of("providers", "server", "redis", "cache", "price_per_mtok", "model_aliases");
  private static final Set<String> RESERVED_KEYS = Set.of("keys", "defaults", "spend");
  private static final Set<String> PROVIDER_KEYS = providerKeys();
  private static final Set<String> PROTOCOLS = Set.of("openai", "anthropic", "gemini", "rerank");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private SettingsLoader() {}

  private static Set<String> providerKeys() {
    Set<String> keys = new java.util.HashSet<>(Set.of(
        "protocol", "base_url", "api_key_env", "max_output_tokens", "default_model"));
    keys.addAll(GovernanceParser.PROVIDER_KEYS);
    return Set.copyOf(keys);
  }

  /** Loads settings, logging warnings (unknown keys) through SLF4J. */
  public static Settings load(Path fileOrNull, Map<String, String> env) {
    return load(fileOrNull, env, ExtensionTypes.NONE);
  }

  /** As {@link #load(Path, Map)}, with the model types {@code extensions} add among the providers. */
  public static Settings load(Path fileOrNull, Map<String, String> env, ExtensionTypes extensions) {
    return load(fileOrNull, env, extensions, w -> LOG.warn("{}", w));
  }

  /** As {@link #load(Path, Map, ExtensionTypes, Consumer)} without extensions. */
  public static Settings load(Path fileOrNull, Map<String, String> env, Consumer<String> warnings) {
    return load(fileOrNull, env, ExtensionTypes.NONE, warnings);
  }

  /**
   * Loads settings from the built-ins, {@code env} and the optional file.
   *
   * @param warnings receives one human-readable line per warning, e.g. an unknown key
   * @throws ConfigException when the file cannot be read or a value is wrong
   */
  public static Settings load(Path fileOrNull, Map<String, String> env, ExtensionTypes extensions,
      Consumer<String> warnings) {
    Map<String, ProviderSpec> providers = new LinkedHashMap<>(BuiltinProviders.resolve(env));
    for (Map.Entry<String, ProviderSpec> ext : extensions.modelTypeSpecs(env).entrySet()) {
      ProviderSpec s = ext.getValue();
      providers.putIfAbsent(ext.getKey(), new ProviderSpec(ext.getKey(), ExtensionTypes.PROTOCOL,
          s.baseUrl(), s.key(), s.maxOutputTokens(), s.defaultModel()));
    }
    if (fileOrNull == null) {
      return new Settings(providers, env, null, null, new Settings.Calls(null, null, CacheSettings.DEFAULT,
          ScaleSettingsParser.redis(null, null, env, (f, m) -> { })), null);
    }

    JsonNode root = read(fileOrNull);
    FileReader reader = new FileReader(fileOrNull, warnings);
    reader.apply(root, providers);
    ServerSectionParser server = new ServerSectionParser(new FileFields(fileOrNull, warnings), root.get("server"));
    long maxBodyBytes = server.maxBodyBytes();
    Governance governance = new GovernanceParser(fileOrNull, warnings).parse(root);
    // Read in this order (redis, cache, prices, aliases, then the rest of server), as the first problem is reported.
    RedisSettings redis = ScaleSettingsParser.redis(root.get("redis"), fileOrNull, env, reader::warn);
    CacheSettings cache = ScaleSettingsParser.cache(root.get("cache"), fileOrNull, CacheSettings.DEFAULT, reader::warn);
    Prices prices = Prices.parse(root.get("price_per_mtok"), fileOrNull);
    Settings.Calls calls = new Settings.Calls(reader.modelAliases(root, providers), prices, cache, redis);
    return new Settings(providers, env, fileOrNull, governance, calls, new Settings.Server(maxBodyBytes,
        new ServerConnections(server.timeouts(), server.sendBufferBytes()),
        server.positiveBytes("max_inflight_body_bytes"), server.cors(), server.console(), server.responses()));
  }

  private static JsonNode read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file, "", "settings file not found");
    } catch (IOException e) {
      throw new ConfigException(file, "", "cannot read settings file: " + ConfigFiles.describe(e));
    }
    JsonNode root;
    try {
      root = StrictJson.parse(bytes);
    } catch (JsonProcessingException e) {
      throw new ConfigException(file, StrictJson.where(e), StrictJson.reason(e));
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(file, "", "a settings file must be a JSON object, got "
          + (root == null ? "an empty file" : StrictJson.describe(root)));
    }
    return root;
  }

  /** Reads the parts of one settings file; every message names the file and field. */
  private static final class FileReader {
    private final Path file;
    private final Consumer<String> warnings;
    private final FileFields fields;

    FileReader(Path file, Consumer<String> warnings) {
      this.file = file;
      this.warnings = warnings;
      this.fields = new FileFields(file, warnings);
    }

    void apply(JsonNode root, Map<String, ProviderSpec> providers) {
      for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!TOP_LEVEL_KEYS.contains(key) && !RESERVED_KEYS.contains(key)) {
          warn(key, "unknown key" + KeySuggester.hint(key, TOP_LEVEL_KEYS) + " ignored");
        }
      }
      JsonNode section = root.get("providers");
      if (section == null || section.isNull()) return;
      if (!section.isObject()) throw fail("providers", "must be an object by model_type, got " + describe(section));
      for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String modelType = e.getKey();
        String field = "providers." + modelType;
        if (modelType.isBlank()) throw fail("providers", "a model_type must not be empty");
        if (!e.getValue().isObject()) throw fail(field, "must be an object, got " + describe(e.getValue()));
        ProviderSpec builtin = providers.get(modelType);
        providers.put(modelType, builtin == null
            ? newProvider(modelType, e.getValue(), field, providers.keySet())
            : override(builtin, e.getValue(), field));
      }
    }

    /** {@code "model_aliases": {"<model>": "<model_type>" | {"model_type": "...", "model": "..."}}}. */
    Map<String, ModelAlias> modelAliases(JsonNode root, Map<String, ProviderSpec> providers) {
      JsonNode section = root.get("model_aliases");
      Map<String, ModelAlias> out = new LinkedHashMap<>();
      if (section == null || section.isNull()) return out;
      if (!section.isObject()) throw fail("model_aliases", "must be an object by model name, got " + describe(section));
      for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String field = "model_aliases." + e.getKey();
        JsonNode v = e.getValue();
        String modelType;
        String model = null;
        if (v.isTextual()) {
          modelType = v.asText();
        } else if (v.isObject() && v.path("model_type").isTextual()) {
          warnUnknown(v, field, Set.of("model_type", "model"));
          modelType = v.get("model_type").asText();
          if (v.hasNonNull("model")) {
            if (!v.get("model").isTextual()) throw fail(field + ".model", "must be a string, got " + describe(v.get("model")));
            model = v.get("model").asText();
          }
        } else {
          throw fail(field, "must be a model_type or {\"model_type\": ..., \"model\": ...}, got " + describe(v));
        }
        if (!providers.containsKey(modelType)) {
          throw fail(field, "unknown model_type \"" + modelType + "\"" + KeySuggester.hint(modelType, providers.keySet()));
        }
        out.put(e.getKey(), new ModelAlias(modelType, model));
      }
      return out;
    }

    private ProviderSpec newProvider(String modelType, JsonNode entry, String field, Set<String> existing) {
      warnUnknown(entry, field, PROVIDER_KEYS);
      String near = KeySuggester.suggest(modelType, existing).orElse(null);
      if (near != null) {
        warnings.accept(file + ": " + field + ": adds a new model_type \"" + modelType
            + "\" (did you mean the built-in \"" + near + "\"?)");
      }
      if (!entry.hasNonNull("protocol")) throw fail(field + ".protocol", "required for a new model_type");
      if (!entry.hasNonNull("base_url")) throw fail(field + ".base_url", "required for a new model_type");
      List<String> keyEnvs = entry.has("api_key_env") ? keyEnvs(entry.get("api_key_env"), field) : List.of();
      return new ProviderSpec(modelType, protocol(entry, field), baseUrl(entry, field),
          new ProviderSpec.Key(keyEnvs, !keyEnvs.isEmpty()), maxOutputTokens(entry, field, null), defaultModel(entry, field, null));
    }

    private ProviderSpec override(ProviderSpec builtin, JsonNode entry, String field) {
      warnUnknown(entry, field, PROVIDER_KEYS);
      String protocol = entry.hasNonNull("protocol") ? protocol(entry, field) : builtin.protocol();
      String baseUrl = entry.hasNonNull("base_url") ? baseUrl(entry, field) : builtin.baseUrl();
      List<String> keyEnvs = builtin.apiKeyEnvs();
      boolean keyRequired = builtin.keyRequired();
      if (entry.has("api_key_env")) {
        keyEnvs = keyEnvs(entry.get("api_key_env"), field);
        keyRequired = keyRequired && !keyEnvs.isEmpty(); // null means "this endpoint takes no key"
      }
      return new ProviderSpec(builtin.modelType(), protocol, baseUrl, new ProviderSpec.Key(keyEnvs, keyRequired),
          maxOutputTokens(entry, field, builtin.maxOutputTokens()), defaultModel(entry, field, builtin.defaultModel()));
    }

    private String protocol(JsonNode entry, String field) {
      JsonNode n = entry.get("protocol");
      if (!n.isTextual() || !PROTOCOLS.contains(n.asText())) {
        throw fail(field + ".protocol", "must be one of \"openai\", \"anthropic\", \"gemini\", \"rerank\", got " + describe(n)
            + (n.isTextual() ? KeySuggester.hint(n.asText(), PROTOCOLS) : ""));
      }
      return n.asText();
    }

    private String baseUrl(JsonNode entry, String field) {
      JsonNode n = entry.get("base_url");
      if (!n.isTextual() || !ProviderUrls.isHttp(n.asText().strip())) {
        throw fail(field + ".base_url", "must be an http:// or https:// URL, got " + describe(n));
      }
      return ProviderUrls.trimSlash(n.asText().strip());
    }

    private List<String> keyEnvs(JsonNode n, String field) {
      String f = field + ".api_key_env";
      if (n.isNull()) return List.of();
      List<JsonNode> names = new ArrayList<>();
      if (n.isArray()) n.forEach(names::add);
      else names.add(n);
      List<String> result = new ArrayList<>();
      for (JsonNode name : names) {
        if (!name.isTextual()) throw fail(f, "must name an environment variable, got " + describe(name));
        // Never echo the value: a common mistake is pasting the key itself here.
        if (!ENV_NAME.matcher(name.asText()).matches()) {
          throw fail(f, "must be the name of an environment variable (like DEEPSEEK_API_KEY), not the key itself");
        }
        result.add(name.asText());
      }
      if (result.isEmpty()) throw fail(f, "an empty list; use null for a provider without a key");
      return result;
    }

    private String defaultModel(JsonNode entry, String field, String fallback) {
      if (!entry.hasNonNull("default_model")) return fallback;
      JsonNode n = entry.get("default_model");
      if (!n.isTextual() || n.asText().isBlank()) throw fail(field + ".default_model", "must be a model name, got " + describe(n));
      return n.asText();
    }

    private Integer maxOutputTokens(JsonNode entry, String field, Integer fallback) {
      if (!entry.has("max_output_tokens")) return fallback;
      JsonNode n = entry.get("max_output_tokens");
      if (n.isNull()) return null;
      if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 1) {
        throw fail(field + ".max_output_tokens", "must be a whole number, at least 1, got " + describe(n));
      }
      return n.asInt();
    }

    private void warnUnknown(JsonNode obj, String field, Set<String> known) {
      fields.warnUnknown(obj, field, known);
    }

    private void warn(String field, String message) {
      fields.warn(field, message);
    }

    private ConfigException fail(String field, String reason) {
      return fields.fail(field, reason);
    }

    private static String describe(JsonNode n) {
      return StrictJson.describe(n);
    }
  }
}
