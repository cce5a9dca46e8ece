package ai.archon.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads and validates Archon config files into {@link EnsembleSpec}s. A file with any error is not served; the others
 * still load, and every problem is reported with its file and place.
 *
 * <p>What it checks, per component, is in {@link ComponentParser} (each type reads its own options:
 * {@link ComponentKind}); per file in
 * {@link EnsembleParser}; the layer order in {@link CandidateFlow}. Across files: the virtual model name is the
 * config's {@code name} (else the file name without {@code .json}); a byte-identical copy of an already loaded file
 * is served once (with a warning); a different file claiming a loaded name is rejected, naming both files. Only files
 * that load claim a name, so a broken file never blocks a good one.
 *
 * <p>Immutable and thread-safe: one instance can reload the same paths as often as needed.
 */
public final class ConfigLoader {
  private final EnsembleParser parser;
  private final ExtensionTypes extensions;

  /**
   * @param knownModelTypes the model_types the gateway can call (normally {@code settings.providers().keySet()});
   *     {@code Bedrock_API} is rejected as "not supported yet" unless it is in this set
   * @param supportedTypes Archon's component types (normally {@code pipeline/ComponentFactory.SUPPORTED}); one it
   *     marks unsupported is rejected as "not supported yet"
   */
  public ConfigLoader(Set<String> knownModelTypes, ComponentKinds supportedTypes) {
    this(knownModelTypes, supportedTypes, RewardModels.NONE);
  }

  /** @param rewardModels which rerank provider runs each reward-model ranker (PairRM); NONE rejects them */
  public ConfigLoader(Set<String> knownModelTypes, ComponentKinds supportedTypes, RewardModels rewardModels) {
    this(knownModelTypes, supportedTypes, rewardModels, ExtensionTypes.NONE);
  }

  /** @param extensions the component and model types extensions add (configs must mark them {@code custom}) */
  public ConfigLoader(Set<String> knownModelTypes, ComponentKinds supportedTypes, RewardModels rewardModels,
      ExtensionTypes extensions) {
    this.extensions = extensions;
    this.parser = new EnsembleParser(new ComponentParser(knownModelTypes, supportedTypes, rewardModels, extensions));
  }

  /** A loader for every provider in {@code settings}, reward-model rankers resolved through its rerank providers. */
  public static ConfigLoader forSettings(Settings settings, ComponentKinds supportedTypes) {
    return forSettings(settings, supportedTypes, ExtensionTypes.NONE);
  }

  /** As {@link #forSettings(Settings, ComponentKinds)}, accepting the component and model types of extensions. */
  public static ConfigLoader forSettings(Settings settings, ComponentKinds supportedTypes,
      ExtensionTypes extensions) {
    return new ConfigLoader(settings.providers().keySet(), supportedTypes, RewardModels.from(settings), extensions);
  }

  /** The extension types this loader accepts (a settings reload reads the same ones). */
  public ExtensionTypes extensions() { return extensions; }

  /**
   * Loads config files and folders (every {@code *.json} under a folder, recursively, except the settings file and
   * hidden entries), in order of absolute path.
   *
   * @param settingsFileOrNull the gateway settings file, never read as a config
   */
  public LoadReport loadPaths(List<Path> paths, Path settingsFileOrNull) {
    ConfigFiles.Found found = ConfigFiles.find(paths, settingsFileOrNull);
    List<EnsembleSpec> ensembles = new ArrayList<>();
    List<ConfigProblem> errors = new ArrayList<>(found.errors());
    List<ConfigProblem> warnings = new ArrayList<>(found.warnings());
    List<LoadReport.FileOutcome> outcomes = new ArrayList<>();
    found.errors().forEach(e -> outcomes.add(new LoadReport.FileOutcome(e.file(), null, false)));
    Map<String, EnsembleSpec> byName = new HashMap<>();

    for (Path file : found.files()) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        errors.add(new ConfigProblem(file, "", "cannot read: " + ConfigFiles.describe(e)));
        outcomes.add(new LoadReport.FileOutcome(file, null, false));
        continue;
      }
      EnsembleParser.Result result = parser.parse(file, bytes, sha256(bytes));
      errors.addAll(result.errors());
      warnings.addAll(result.warnings());
      EnsembleSpec spec = result.ensemble();
      if (spec == null) {
        outcomes.add(new LoadReport.FileOutcome(file, result.name(), false));
        continue;
      }
      EnsembleSpec earlier = byName.get(spec.name());
      if (earlier == null) {
        byName.put(spec.name(), spec);
        ensembles.add(spec);
        outcomes.add(new LoadReport.FileOutcome(file, spec.name(), true));
      } else if (earlier.sha256().equals(spec.sha256())) {
        warnings.add(new ConfigProblem(file, "name", "\"" + spec.name() + "\" is also loaded from " + earlier.file()
            + " with identical contents; served once"));
        outcomes.add(new LoadReport.FileOutcome(file, spec.name(), true));
      } else {
        errors.add(new ConfigProblem(file, "name", "model name \"" + spec.name() + "\" is already served from "
            + earlier.file() + ", whose contents differ; rename one of them"));
        outcomes.add(new LoadReport.FileOutcome(file, spec.name(), false));
      }
    }
    return new LoadReport(ensembles, errors, warnings, outcomes);
  }

  /**
   * Loads one config held in memory (a library caller's JSON); {@code source} names it in messages and, without a
   * {@code name} in the config, gives the virtual model's name.
   */
  public LoadReport loadBytes(Path source, byte[] bytes) {
    EnsembleParser.Result result = parser.parse(source, bytes, sha256(bytes));
    boolean ok = result.ensemble() != null;
    return new LoadReport(ok ? List.of(result.ensemble()) : List.of(), result.errors(), result.warnings(),
        List.of(new LoadReport.FileOutcome(source, result.name(), ok)));
  }

  /** Loads config files and folders when there is no settings file. */
  public LoadReport loadPaths(List<Path> paths) {
    return loadPaths(paths, null);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
