package ai.archon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.pipeline.ComponentFactory;
import ai.archon.gateway.pipeline.FuserOptions;
import ai.archon.gateway.pipeline.RankerOptions;
import ai.archon.gateway.pipeline.UnitTestEvaluatorOptions;
import ai.archon.gateway.pipeline.UnitTestGeneratorOptions;
import ai.archon.gateway.pipeline.VerifierOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader's rules, one small inline config per rule. JSON is written with ' for " to keep it readable. */
class ConfigLoaderTest {
  private static final Set<String> MODEL_TYPES = BuiltinProviders.resolve(Map.of()).keySet();

  @TempDir Path tmp;

  private final ConfigLoader loader = new ConfigLoader(MODEL_TYPES, ComponentFactory.SUPPORTED);

  // ---- helpers ----

  private Path write(String name, String json) throws IOException {
    Path file = tmp.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json.replace('\'', '"'), StandardCharsets.UTF_8);
    return file;
  }

  private LoadReport load(String json) throws IOException {
    return loader.loadPaths(List.of(write("t.json", json)), null);
  }

  /** A component on Together_API with extra fields, e.g. {@code c("ranker", "'top_k': 3")}. */
  private static String c(String type, String extra) {
    return "{'type': '" + type + "', 'model': 'm-" + type + "', 'model_type': 'Together_API'"
        + (extra.isEmpty() ? "" : ", " + extra) + "}";
  }

  private static String c(String type) {
    return c(type, "");
  }

  private static String config(String... layers) {
    return "{'name': 'x', 'layers': [" + String.join(", ", layers) + "]}";
  }

  private static String layer(String... components) {
    return "[" + String.join(", ", components) + "]";
  }

  private static ConfigProblem onlyError(LoadReport report) {
    assertEquals(1, report.errors().size(), () -> "errors: " + report.errors());
    assertTrue(report.ensembles().isEmpty(), "a file with an error is not served");
    return report.errors().get(0);
  }

  private static void assertError(LoadReport report, String where, String reasonPart) {
    ConfigProblem p = onlyError(report);
    assertEquals(where, p.where(), p.format());
    assertTrue(p.reason().contains(reasonPart), () -> "reason was: " + p.reason());
  }

  private static ConfigProblem onlyWarning(LoadReport report) {
    assertEquals(List.of(), report.errors());
    assertEquals(1, report.warnings().size(), () -> "warnings: " + report.warnings());
    return report.warnings().get(0);
  }

  private static ComponentSpec single(LoadReport report) {
    assertEquals(List.of(), report.errors());
    return report.ensembles().get(0).layers().get(0).get(0);
  }

  // ---- names, files, hashes ----

  @Test
  void nameComesFromTheConfigElseFromTheFileName() throws IOException {
    assertEquals("x", load(config(layer(c("generator")))).ensembles().get(0).name());
    Path file = write("my-model.json", "{'layers': [[" + c("generator") + "]]}");
    assertEquals("my-model", loader.loadPaths(List.of(file), null).ensembles().get(0).name());
  }

  @Test
  void nameMustBeANonEmptyString() throws IOException {
    assertError(load("{'name': 7, 'layers': [[" + c("generator") + "]]}"), "name",
        "\"name\" must be a non-empty string, got the number 7");
  }

  @Test
  void sha256IsTheHashOfTheFileBytes() throws IOException {
    Path file = write("a.json", config(layer(c("generator"))));
    EnsembleSpec spec = loader.loadPaths(List.of(file), null).ensembles().get(0);
    assertEquals(ConfigLoader.sha256(Files.readAllBytes(file)), spec.sha256());
    assertEquals(64, spec.sha256().length());
    assertEquals(file, spec.file());
  }

  @Test
  void folderIsSearchedRecursivelyInPathOrderSkippingTheSettingsFileAndHiddenEntries() throws IOException {
    write("b.json", "{'name': 'b', 'layers': [[" + c("generator") + "]]}");
    write("a/z.json", "{'name': 'z', 'layers': [[" + c("generator") + "]]}");
    write("a/notes.txt", "not a config");
    write(".hidden/h.json", "{'name': 'h', 'layers': [[" + c("generator") + "]]}");
    Path settings = write("gateway.json", "{'providers': {}}");
    LoadReport report = loader.loadPaths(List.of(tmp), settings);
    assertEquals(List.of("z", "b"), report.ensembles().stream().map(EnsembleSpec::name).toList());
    assertEquals(List.of(), report.errors());
  }

  @Test
  void anyJsonFileNamedGatewayIsLoadedWhenItIsNotTheSettingsFile() throws IOException {
    write("gateway.json", "{'name': 'g', 'layers': [[" + c("generator") + "]]}");
    assertEquals("g", loader.loadPaths(List.of(tmp), null).ensembles().get(0).name());
  }

  @Test
  void settingsFileGivenByNameIsSkippedWithAWarning() throws IOException {
    Path settings = write("gateway.json", "{'providers': {}}");
    LoadReport report = loader.loadPaths(List.of(settings), tmp.resolve("./gateway.json"));
    assertEquals(List.of(), report.errors());
    assertTrue(onlyWarning(report).reason().contains("settings file"));
  }

  @Test
  void missingPathIsAnError() {
    LoadReport report = loader.loadPaths(List.of(tmp.resolve("nope")), null);
    assertEquals("no such file or directory", onlyError(report).reason());
    assertFalse(report.files().get(0).ok());
  }

  @Test
  void identicalCopiesUnderOneNameAreServedOnce() throws IOException {
    String json = config(layer(c("generator")));
    write("a.json", json);
    write("copy/a.json", json);
    LoadReport report = loader.loadPaths(List.of(tmp), null);
    assertEquals(1, report.ensembles().size());
    assertTrue(report.files().stream().allMatch(LoadReport.FileOutcome::ok));
    ConfigProblem w = onlyWarning(report);
    assertEquals("name", w.where());
    assertTrue(w.reason().contains("identical contents; served once"), w.reason());
  }

  @Test
  void differentFilesUnderOneNameRejectTheLaterOneNamingBoth() throws IOException {
    Path first = write("a.json", config(layer(c("generator"))));
    Path second = write("b.json", config(layer(c("generator", "'samples': 2"))));
    LoadReport report = loader.loadPaths(List.of(tmp), null);
    assertEquals(List.of(first), report.ensembles().stream().map(EnsembleSpec::file).toList());
    ConfigProblem p = report.errors().get(0);
    assertEquals(1, report.errors().size());
    assertEquals(second, p.file());
    assertEquals("name", p.where());
    assertEquals("model name \"x\" is already served from " + first + ", whose contents differ; rename one of them",
        p.reason());
  }

  @Test
  void aBrokenFileDoesNotClaimItsName() throws IOException {
    write("a.json", "{'name': 'x', 'layers': []}");
    Path good = write("b.json", config(layer(c("generator"))));
    LoadReport report = loader.loadPaths(List.of(tmp), null);
    assertEquals(good, report.byName().get("x").file());
    assertEquals(1, report.errors().size());
  }

  // ---- file structure ----

  @Test
  void invalidJsonGivesLineAndColumn() throws IOException {
    LoadReport report = load("{\n  'name': 'x',\n  'layers': [[{'type': 'generator'tor'}]]\n}");
    ConfigProblem p = onlyError(report);
    assertEquals("line 3, column 35", p.where());
    assertTrue(p.reason().startsWith("invalid JSON: Unexpected character ('t'"), p.reason());
  }

  @Test
  void repeatedKeyIsInvalidJson() throws IOException {
    ConfigProblem p = onlyError(load("{'name': 'x', 'name': 'y', 'layers': [[" + c("generator") + "]]}"));
    assertTrue(p.reason().contains("Duplicate field 'name'"), p.reason());
  }

  @Test
  void emptyFileIsAnError() throws IOException {
    assertTrue(onlyError(load("  ")).reason().startsWith("the file is empty"));
  }

  @Test
  void topLevelMustBeAnObject() throws IOException {
    assertError(load("[1, 2]"), "top level", "expected a JSON object with \"name\" and \"layers\", got an array");
  }

  @Test
  void layersMustBeANonEmptyArray() throws IOException {
    assertError(load("{'name': 'x'}"), "layers", "missing \"layers\"");
    assertError(load("{'name': 'x', 'layers': {}}"), "layers", "\"layers\" must be an array of layers, got an object");
    assertError(load("{'name': 'x', 'layers': []}"), "layers", "\"layers\" is empty");
  }

  @Test
  void aLayerMustHaveComponents() throws IOException {
    assertError(load(config(layer(c("generator")), "[]")), "layer 2", "the layer is empty");
    assertError(load(config("3")), "layer 1", "a layer must be an array of components, got the number 3");
    assertError(load(config("{'foo': 1}")), "layer 1", "neither \"models\" nor \"type\"");
    assertError(load(config("{'branches': 1, 'models': []}")), "layer 1", "the layer is empty");
  }

  @Test
  void legacyBranchesLayerReadsItsModels() throws IOException {
    LoadReport report = load(config("{'branches': 1, 'models': [" + c("generator") + ", " + c("generator") + "]}",
        "{'branches': 1, 'models': [" + c("fuser") + "]}"));
    assertEquals(List.of(), report.warnings());
    assertEquals(List.of(2, 1), report.ensembles().get(0).layers().stream().map(List::size).toList());
  }

  @Test
  void legacyBranchesOtherThanOneAreIgnoredWithAWarning() throws IOException {
    ConfigProblem w = onlyWarning(load(config("{'branches': 5, 'models': [" + c("generator") + "]}")));
    assertEquals("layer 1", w.where());
    assertTrue(w.reason().startsWith("legacy \"branches\": 5 is ignored"), w.reason());
  }

  @Test
  void bareComponentAsALayerIsAOneComponentLayerWithAWarning() throws IOException {
    LoadReport report = load(config(c("generator")));
    ConfigProblem w = onlyWarning(report);
    assertEquals("layer 1", w.where());
    assertTrue(w.reason().contains("read as a one-component layer"), w.reason());
    assertEquals(1, report.ensembles().get(0).layers().get(0).size());
  }

  @Test
  void unknownTopLevelKeyIsAWarning() throws IOException {
    ConfigProblem w = onlyWarning(load("{'name': 'x', 'layer': 1, 'layers': [[" + c("generator") + "]]}"));
    assertEquals("top level", w.where());
    assertEquals("unknown key \"layer\" (did you mean \"layers\"?) ignored", w.reason());
  }

  // ---- required fields ----

  @Test
  void missingTypeModelOrModelTypeIsAnError() throws IOException {
    assertError(load(config(layer("{'model': 'm', 'model_type': 'Together_API'}"))), "layer 1, component 1",
        "missing \"type\" (one of generator, critic, ranker, fuser, verifier, unit_test_generator,"
            + " unit_test_evaluator)");
    assertError(load(config(layer("{'type': 'generator', 'model_type': 'Together_API'}"))),
        "layer 1, component 1 (generator)", "missing \"model\"");
    assertError(load(config(layer("{'type': 'generator', 'model': 'm'}"))),
        "layer 1, component 1 (generator)", "missing \"model_type\"");
    assertError(load(config(layer("{'type': 'generator', 'model': 'm', 'model_type': ''}"))),
        "layer 1, component 1 (generator)", "missing \"model_type\"");
  }

  @Test
  void componentMustBeAnObject() throws IOException {
    assertError(load(config(layer("'generator'"))), "layer 1, component 1",
        "a component must be a JSON object, got a string \"generator\"");
  }

  @Test
  void unknownComponentTypeIsAnErrorWithASuggestion() throws IOException {
    assertError(load(config(layer(c("genrator")))), "layer 1, component 1",
        "unknown component type \"genrator\" (did you mean \"generator\"?)");
  }

  @Test
  void unknownModelTypeIsAnErrorWithASuggestion() throws IOException {
    LoadReport report = load(config(layer("{'type': 'generator', 'model': 'm', 'model_type': 'OpenAi_API'}")));
    assertError(report, "layer 1, component 1 (generator)", "unknown model_type \"OpenAi_API\" (did you mean"
        + " \"OpenAI_API\"?); known model types are Anthropic_API, Bedrock_API, Google_API, Groq_API, Mock, OpenAI_API,");
  }

  @Test
  void bedrockIsABuiltInModelType() throws IOException {
    assertEquals(List.of(), load(config(layer("{'type': 'generator', 'model': 'm', 'model_type': 'Bedrock_API'}")))
        .errors());
  }

  @Test
  void bedrockLoadsWhenTheSettingsAddAProviderForIt() throws IOException {
    Set<String> types = new TreeSet<>(MODEL_TYPES);
    types.add("Bedrock_API");
    Path file = write("b.json", config(layer("{'type': 'generator', 'model': 'm', 'model_type': 'Bedrock_API'}")));
    ConfigLoader withBedrock = new ConfigLoader(types, ComponentFactory.SUPPORTED);
    assertEquals(List.of(), withBedrock.loadPaths(List.of(file), null).errors());
  }

  @Test
  void knownButUnsupportedComponentTypeIsRejected() throws IOException {
    ConfigLoader partial = new ConfigLoader(MODEL_TYPES,
        ComponentFactory.SUPPORTED.supporting(Set.of("generator", "critic", "ranker", "fuser")));
    Path file = write("v.json", config(layer(c("generator")), layer(c("verifier"))));
    assertError(partial.loadPaths(List.of(file), null), "layer 2, component 1 (verifier)",
        "component type verifier is not supported yet");
  }

  // ---- reward-model rankers ----

  @Test
  void pairRmRankerNeedsARerankProvider() throws IOException {
    String ranker = "{'type': 'ranker', 'model': 'llm-blender/PairRM', 'model_type': 'Together_API', 'top_k': 3,"
        + " 'ranker_batch_size': 16}";
    assertError(load(config(layer(c("generator")), layer(ranker))), "layer 2, component 1 (ranker)",
        "reward-model ranker llm-blender/PairRM needs a rerank provider: add one with \"protocol\": \"rerank\" under \"providers\" in the settings");
  }

  @Test
  void rankerWithEmptyModelTypeIsARewardModel() throws IOException {
    String ranker = "{'type': 'ranker', 'model': 'some/reward-model', 'model_type': '', 'top_k': 3}";
    assertError(load(config(layer(c("generator")), layer(ranker))), "layer 2, component 1 (ranker)",
        "reward-model ranker some/reward-model needs a rerank provider: add one with \"protocol\": \"rerank\" under \"providers\" in the settings");
  }

  // ---- candidate flow ----

  @Test
  void componentsThatNeedCandidatesCannotBeInTheFirstLayer() throws IOException {
    for (String type : List.of("critic", "ranker", "fuser", "verifier")) {
      String extra = type.equals("ranker") ? "'top_k': 1" : "";
      assertError(load(config(layer(c(type, extra)))), "layer 1, component 1 (" + type + ")",
          type + " receives no candidates: it is in the first layer");
    }
  }

  @Test
  void fuserNextToGeneratorsInTheFirstLayerReceivesNoCandidates() throws IOException {
    assertError(load(config(layer(c("generator"), c("fuser"), c("generator")), layer(c("fuser")))),
        "layer 1, component 2 (fuser)", "fuser receives no candidates: it is in the first layer");
  }

  @Test
  void unitTestGeneratorLayersProduceNoCandidates() throws IOException {
    assertError(load(config(layer(c("unit_test_generator")), layer(c("critic")))),
        "layer 2, component 1 (critic)", "critic receives no candidates: no earlier layer has a generator or fuser");
  }

  @Test
  void unitTestEvaluatorNeedsCandidatesAndAnEarlierUnitTestGenerator() throws IOException {
    LoadReport report = load(config(layer(c("unit_test_generator")), layer(c("unit_test_evaluator"))));
    assertEquals(List.of("unit_test_evaluator receives no candidates: no earlier layer has a generator or fuser"),
        report.errors().stream().map(ConfigProblem::reason).toList());
    assertError(load(config(layer(c("generator")), layer(c("unit_test_evaluator")))),
        "layer 2, component 1 (unit_test_evaluator)",
        "unit_test_evaluator needs unit tests from an earlier unit_test_generator layer");
  }

  @Test
  void theUsualUnitTestPipelineLoads() throws IOException {
    LoadReport report = load(config(layer(c("unit_test_generator", "'unit_test_cap': 5")),
        layer(c("generator", "'samples': 10")),
        layer(c("unit_test_evaluator", "'top_k': 1, 'first_pass': true, 'remove_unit_tests_from_prompt': true")),
        layer(c("verifier", "'first_k': 1"))));
    assertEquals(List.of(), report.errors());
    List<List<ComponentSpec>> layers = report.ensembles().get(0).layers();
    assertEquals(5, layers.get(0).get(0).options(UnitTestGeneratorOptions.class).unitTestCap());
    assertEquals(10, layers.get(1).get(0).samples());
    ComponentSpec evaluator = layers.get(2).get(0);
    assertEquals(1, evaluator.options(UnitTestEvaluatorOptions.class).topK());
    assertEquals(1, evaluator.options(UnitTestEvaluatorOptions.class).firstK(),
        "first_pass: true is Archon's older spelling of first_k: 1");
    assertTrue(evaluator.options(UnitTestEvaluatorOptions.class).removeUnitTestsFromPrompt());
    assertEquals(1, layers.get(3).get(0).options(VerifierOptions.class).firstK());
  }

  @Test
  void generatorOnlyLayerAfterCandidatesWouldThrowThemAway() throws IOException {
    assertError(load(config(layer(c("generator")), layer(c("generator"), c("generator")), layer(c("fuser")))),
        "layer 2", "a generator-only layer after a layer that produced candidates would throw the earlier candidates"
            + " away");
    assertError(load(config(layer(c("generator")), layer(c("critic")), layer(c("generator")))),
        "layer 3", "would throw the earlier candidates away");
  }

  @Test
  void generatorLayerNextToAFuserOrAfterUnitTestsIsFine() throws IOException {
    assertEquals(List.of(), load(config(layer(c("generator")), layer(c("fuser"), c("generator")))).errors());
    assertEquals(List.of(), load(config(layer(c("unit_test_generator")), layer(c("generator")))).errors());
  }

  // ---- values ----

  @Test
  void valuesAreReadIntoTheSpec() throws IOException {
    ComponentSpec gen = single(load(config(layer(c("generator",
        "'temperature': 0.7, 'max_tokens': 2048, 'samples': 3, 'no_system': true, 'top_k': 1,"
            + " 'checkpoint': '', 'base_url': 'http://10.0.0.1:8000/v1'")))));
    assertEquals("generator", gen.type());
    assertEquals("m-generator", gen.model());
    assertEquals("Together_API", gen.modelType());
    assertEquals(0.7, gen.temperature());
    assertEquals(2048, gen.maxTokens());
    assertEquals(3, gen.samples());
    assertTrue(gen.noSystem());
    assertSame(ComponentOptions.NONE, gen.options(), "top_k means nothing to a generator (Archon ignores it)");
    assertEquals("http://10.0.0.1:8000/v1", gen.baseUrl());
    assertEquals("", gen.raw().get("checkpoint").asText());
  }

  @Test
  void defaultsWhenLeftOut() throws IOException {
    ComponentSpec gen = single(load(config(layer(c("generator")))));
    assertEquals(1, gen.samples());
    assertNull(gen.temperature());
    assertNull(gen.maxTokens());
    assertFalse(gen.noSystem());
    assertNull(gen.baseUrl());
  }

  @Test
  void maxContextLengthAlsoSetsTheOutputLimit() throws IOException {
    assertEquals(4096, single(load(config(layer(c("generator", "'max_context_length': 4096"))))).maxTokens());
    LoadReport both = load(config(layer(c("generator", "'max_tokens': 100, 'max_context_length': 4096"))));
    assertEquals(100, single(both).maxTokens());
    assertTrue(onlyWarning(both).reason().contains("using max_tokens"));
  }

  @Test
  void rankerAndFuserOptions() throws IOException {
    LoadReport report = load(config(layer(c("generator")), layer(c("ranker", "'top_k': 5, 'use_critiques': true")),
        layer(c("fuser", "'length_control': true"))));
    List<List<ComponentSpec>> layers = report.ensembles().get(0).layers();
    assertEquals(5, layers.get(1).get(0).options(RankerOptions.class).topK());
    assertTrue(layers.get(1).get(0).options(RankerOptions.class).useCritiques());
    assertTrue(layers.get(2).get(0).options(FuserOptions.class).lengthControl());
  }

  @Test
  void rankerNeedsTopK() throws IOException {
    assertError(load(config(layer(c("generator")), layer(c("ranker")))), "layer 2, component 1 (ranker)",
        "a ranker needs \"top_k\"");
  }

  @Test
  void countsBelowOneAreErrors() throws IOException {
    assertError(load(config(layer(c("generator")), layer(c("ranker", "'top_k': 0")))),
        "layer 2, component 1 (ranker)", "\"top_k\" must be at least 1, got 0");
    assertError(load(config(layer(c("generator")), layer(c("verifier", "'first_k': 0")))),
        "layer 2, component 1 (verifier)", "\"first_k\" must be at least 1, got 0");
    assertError(load(config(layer(c("generator", "'samples': 0")))),
        "layer 1, component 1 (generator)", "\"samples\" must be at least 1, got 0");
    assertError(load(config(layer(c("generator", "'max_tokens': -5")))),
        "layer 1, component 1 (generator)", "\"max_tokens\" must be at least 1, got -5");
  }

  @Test
  void wrongValueTypesAreErrors() throws IOException {
    assertError(load(config(layer(c("generator", "'temperature': 'hot'")))), "layer 1, component 1 (generator)",
        "\"temperature\" must be a number, got a string \"hot\"");
    assertError(load(config(layer(c("generator", "'temperature': -0.5")))), "layer 1, component 1 (generator)",
        "\"temperature\" must be at least 0, got -0.5");
    assertError(load(config(layer(c("generator", "'samples': 2.5")))), "layer 1, component 1 (generator)",
        "\"samples\" must be a whole number, got the number 2.5");
    assertError(load(config(layer(c("generator", "'no_system': 'yes'")))), "layer 1, component 1 (generator)",
        "\"no_system\" must be true or false, got a string \"yes\"");
    assertError(load(config(layer(c("generator", "'base_url': 'localhost:8000'")))),
        "layer 1, component 1 (generator)", "\"base_url\" must be an http:// or https:// URL");
    assertError(load(config(layer("{'type': 'generator', 'model': 7, 'model_type': 'Together_API'}"))),
        "layer 1, component 1 (generator)", "\"model\" must be a string, got the number 7");
  }

  @Test
  void ignoredKeysAreNotTypeChecked() throws IOException {
    LoadReport report = load(config(layer(c("generator")),
        layer(c("fuser", "'top_k': 'all', 'ranker_config': {'x': 1}, 'fuse_generations_count': 1"))));
    assertEquals(List.of(), report.errors());
    assertEquals(List.of(), report.warnings());
  }

  @Test
  void noFollowOnFlowErrorsAfterAnUnreadableLayerOrUnknownType() throws IOException {
    assertError(load(config("3", layer(c("fuser")))), "layer 1", "a layer must be an array of components");
    assertError(load(config(layer(c("genrator")), layer(c("fuser")))), "layer 1, component 1",
        "unknown component type");
  }

  @Test
  void allErrorsOfAFileAreReported() throws IOException {
    LoadReport report = load(config(layer(c("generator", "'temperature': 'hot', 'samples': 0")), layer(c("fuser"))));
    assertEquals(2, report.errors().size());
  }

  @Test
  void tgiAndVllmTakeTheirEndpointFromAUrlModel() throws IOException {
    ComponentSpec tgi = single(load(config(layer(
        "{'type': 'generator', 'model': 'http://gpu-box:3000/v1', 'model_type': 'tgi'}"))));
    assertEquals("http://gpu-box:3000/v1", tgi.baseUrl());
    ComponentSpec vllm = single(load(config(layer(
        "{'type': 'generator', 'model': 'https://vllm.internal/v1', 'model_type': 'vLLM'}"))));
    assertEquals("https://vllm.internal/v1", vllm.baseUrl());
    ComponentSpec together = single(load(config(layer(
        "{'type': 'generator', 'model': 'http://x', 'model_type': 'Together_API'}"))));
    assertNull(together.baseUrl());
  }

  // ---- unknown keys ----

  @Test
  void unknownKeyIsAWarningWithASuggestion() throws IOException {
    LoadReport report = load(config(layer(c("generator", "'temprature': 0.5"))));
    ConfigProblem w = onlyWarning(report);
    assertEquals("layer 1, component 1 (generator)", w.where());
    assertEquals("unknown key \"temprature\" (did you mean \"temperature\"?) ignored", w.reason());
    assertNull(single(report).temperature());
  }

  @Test
  void misspeltLengthControlIsHonouredWithAWarning() throws IOException {
    LoadReport report = load(config(layer(c("generator")), layer(c("fuser", "'length_contorl': true"))));
    ConfigProblem w = onlyWarning(report);
    assertEquals("layer 2, component 1 (fuser)", w.where());
    assertTrue(w.reason().startsWith("unknown key \"length_contorl\" (did you mean \"length_control\"?): honoured as"
        + " length_control: true, since the author clearly meant it"), w.reason());
    assertTrue(report.ensembles().get(0).layers().get(1).get(0).options(FuserOptions.class).lengthControl());
  }

  @Test
  void keyOfAnotherComponentTypeHasNoEffect() throws IOException {
    LoadReport report = load(config(layer(c("generator", "'length_control': true"))));
    assertEquals("key \"length_control\" has no effect on a generator (it is for fuser); ignored",
        onlyWarning(report).reason());
    assertSame(ComponentOptions.NONE, single(report).options(), "a generator reads no length_control");
  }
}
