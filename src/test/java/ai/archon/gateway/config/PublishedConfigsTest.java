package ai.archon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.pipeline.ComponentFactory;
import ai.archon.gateway.pipeline.FuserOptions;
import ai.archon.gateway.support.SharedData;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Loads all 292 published Archon configs (from the shared folder: they are never committed) and compares the outcome, file by file, with the reviewed expectation in
 * {@code published-configs-expected.tsv}.
 */
class PublishedConfigsTest {
  private static final int FILES = 292;
  private static final Set<String> ISSUE_3_TYPES = Set.of(
      "verifier", "unit_test_generator", "unit_test_evaluator");

  private static Path dir;
  private static List<String> expected;
  private static LoadReport allTypes;

  /** Per test, so that without the shared folder each test is reported as skipped (a class-level skip is not). */
  @BeforeEach
  void loadAll() throws Exception {
    Path shared = SharedData.path("archon-configs");
    if (allTypes != null) return;
    dir = shared;
    expected = Files.readAllLines(resource("/published-configs-expected.tsv"), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .toList();
    allTypes = loader(ComponentFactory.SUPPORTED.names()).loadPaths(List.of(dir), null);
  }

  @Test
  void everyPublishedConfigLoadsOrFailsAsReviewed() {
    assertEquals(FILES, allTypes.files().size(), "files found");
    assertEquals(String.join("\n", expected), String.join("\n", lines(allTypes)));
  }

  @Test
  void totalsWithAllSevenTypes() {
    assertEquals(276, count(allTypes, true), "files that load");
    assertEquals(16, count(allTypes, false), "files with errors");
    // 29 of the sound files are byte-identical copies (best_performing_configs/, individual_models/) of another.
    assertEquals(247, allTypes.ensembles().size(), "distinct virtual models");
  }

  @Test
  void withoutIssue3TypesTheirFilesAreRejectedAsNotSupportedYet() {
    Set<String> supported = new TreeSet<>(ComponentFactory.SUPPORTED.names());
    supported.removeAll(ISSUE_3_TYPES);
    LoadReport report = loader(supported).loadPaths(List.of(dir), null);

    Map<String, EnsembleSpec> byName = allTypes.byName();
    Map<String, String> expectedNames = new LinkedHashMap<>(); // file -> name, for files that should still load
    Map<String, Set<String>> expectedUnsupported = new LinkedHashMap<>(); // file -> issue-3 types it uses
    for (LoadReport.FileOutcome f : allTypes.files()) {
      if (!f.ok()) continue; // a file that fails with every type supported fails without some of them too
      Set<String> used = byName.get(f.name()).layers().stream().flatMap(List::stream).map(ComponentSpec::type)
          .filter(ISSUE_3_TYPES::contains).collect(Collectors.toCollection(TreeSet::new));
      if (used.isEmpty()) expectedNames.put(relative(f.file()), f.name());
      else expectedUnsupported.put(relative(f.file()), used);
    }

    Map<String, String> loaded = new LinkedHashMap<>();
    for (LoadReport.FileOutcome f : report.files()) {
      String file = relative(f.file());
      if (f.ok()) {
        loaded.put(file, f.name());
        continue;
      }
      if (!expectedUnsupported.containsKey(file)) continue;
      Set<String> mentioned = new TreeSet<>();
      for (ConfigProblem p : report.errorsFor(f.file())) {
        assertTrue(p.reason().matches("component type \\w+ is not supported yet"), p.format());
        mentioned.add(p.reason().split(" ")[2]);
      }
      assertEquals(expectedUnsupported.get(file), mentioned, file);
    }
    assertEquals(expectedNames, loaded);
    assertEquals(78, expectedUnsupported.size(), "sound files that use verifier or unit tests");
    assertEquals(198, count(report, true), "files that load without the issue-3 types");
    assertEquals(94, count(report, false), "files with errors without the issue-3 types");
  }

  @Test
  void lengthContorlIsHonouredInThePublishedLengthControlConfigs() {
    EnsembleSpec spec = allTypes.byName().get(
        "MoA_three_proposer_layers_of_70Bx8_models_to_4_models_to_2_models_with_Qwen2_72B_for_aggregation_layer"
            + "_length_control");
    List<ComponentSpec> fusers = spec.layers().stream().flatMap(List::stream)
        .filter(c -> c.type().equals("fuser")).toList();
    assertEquals(8, fusers.size());
    assertTrue(fusers.stream().allMatch(c -> c.options(FuserOptions.class).lengthControl()));
    long warnings = allTypes.warnings().stream().filter(w -> w.reason().contains("\"length_contorl\"")).count();
    assertEquals(24, warnings, "one warning per misspelt key in the three (identical) files");
  }

  @Test
  void legacyAndBareLayerFormsLoad() {
    assertEquals(1, allTypes.byName().get("archon-vllm-example").layers().size());
    assertEquals(1, allTypes.byName().get("deepseek-llm-67b-chat").layers().get(0).size());
    assertEquals(2, allTypes.warnings().stream().filter(w -> w.reason().startsWith("a bare component")).count());
    EnsembleSpec legacy = allTypes.byName().get("archon-1-110bFuser-8-largeM");
    assertEquals(List.of(8, 1), legacy.layers().stream().map(List::size).toList());
  }

  private static ConfigLoader loader(Set<String> supportedTypes) {
    return new ConfigLoader(BuiltinProviders.resolve(Map.of()).keySet(),
        ComponentFactory.SUPPORTED.supporting(supportedTypes));
  }

  private static long count(LoadReport report, boolean ok) {
    return report.files().stream().filter(f -> f.ok() == ok).count();
  }

  /** One TSV line per sound file, one per error of a broken file; paths relative to the config folder. */
  private static List<String> lines(LoadReport report) {
    List<String> lines = new ArrayList<>();
    for (LoadReport.FileOutcome f : report.files()) {
      if (f.ok()) {
        lines.add(relative(f.file()) + "\tOK\t" + f.name());
      } else {
        for (ConfigProblem p : report.errorsFor(f.file())) {
          String text = (p.where().isEmpty() ? "" : p.where() + ": ") + p.reason();
          lines.add(relative(f.file()) + "\tERROR\t" + text.replace(dir + "/", ""));
        }
      }
    }
    return lines;
  }

  private static String relative(Path file) {
    return dir.relativize(file).toString();
  }

  private static Path resource(String name) throws URISyntaxException {
    URL url = PublishedConfigsTest.class.getResource(name);
    if (url == null) throw new IllegalStateException("test resource missing: " + name);
    return Path.of(url.toURI());
  }
}
