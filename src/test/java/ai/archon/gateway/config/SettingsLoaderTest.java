package ai.archon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.pipeline.ComponentFactory;
import ai.archon.gateway.spi.Extensions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Built-in providers, environment overrides, settings-file overrides and additions, and bad settings files. */
class SettingsLoaderTest {
  @RegisterExtension final SettingsFiles settings = new SettingsFiles();
  private final List<String> warnings = settings.warnings;

  @Test
  void builtInsWithoutAFile() {
    Settings s = SettingsLoader.load(null, Map.of(), Extensions.fromClassPath());
    // Echo is the example extension model type registered in the test class path (spi/ExtensionsTest).
    assertEquals(List.of("OpenAI_API", "Together_API", "Groq_API", "Anthropic_API", "Google_API", "vLLM", "tgi",
        "Bedrock_API", "Mock", "Echo").stream().sorted().toList(), s.providers().keySet().stream().sorted().toList());
    assertEquals(Settings.DEFAULT_MAX_BODY_BYTES, s.maxBodyBytes());
    assertNull(s.file());

    assertEquals(new ProviderSpec("OpenAI_API", "openai", "https://api.openai.com/v1", List.of("OPENAI_API_KEY"),
        true, null), s.providers().get("OpenAI_API"));
    assertEquals(new ProviderSpec("Together_API", "openai", "https://api.together.xyz/v1",
        List.of("TOGETHER_API_KEY"), true, null), s.providers().get("Together_API"));
    assertEquals(new ProviderSpec("Groq_API", "openai", "https://api.groq.com/openai/v1", List.of("GROQ_API_KEY"),
        true, null), s.providers().get("Groq_API"));
    assertEquals(new ProviderSpec("Anthropic_API", "anthropic", "https://api.anthropic.com",
        List.of("ANTHROPIC_API_KEY"), true, null), s.providers().get("Anthropic_API"));
    assertEquals(new ProviderSpec("Google_API", "gemini", "https://generativelanguage.googleapis.com",
        List.of("GEMINI_API_KEY", "GOOGLE_API_KEY"), true, null), s.providers().get("Google_API"));
    assertEquals(new ProviderSpec("vLLM", "openai", "http://127.0.0.1:8000/v1", List.of("VLLM_API_KEY"), false,
        null), s.providers().get("vLLM"));
    assertEquals(new ProviderSpec("tgi", "openai", "http://127.0.0.1:3000/v1", List.of("TGI_API_KEY"), false,
        null), s.providers().get("tgi"));
    assertEquals(new ProviderSpec("Mock", "mock", "", List.of(), false, null), s.providers().get("Mock"));
  }

  @Test
  void keysAreReadFromTheEnvironmentOnlyWhenAsked() {
    Settings s = SettingsLoader.load(null, Map.of("GOOGLE_API_KEY", "g-key", "OPENAI_API_KEY", " "));
    ProviderSpec google = s.providers().get("Google_API");
    assertEquals("g-key", s.apiKey(google), "GOOGLE_API_KEY is the fallback for GEMINI_API_KEY");
    assertFalse(google.toString().contains("g-key"), "a ProviderSpec never holds the key itself");
    assertFalse(s.ready(s.providers().get("OpenAI_API")), "a blank key counts as unset");
    assertTrue(s.ready(s.providers().get("vLLM")), "vLLM needs no key");
    assertTrue(s.ready(s.providers().get("Mock")));
  }

  @Test
  void baseUrlsComeFromTheEnvironment() {
    Settings s = SettingsLoader.load(null, Map.of("OPENAI_BASE_URL", "http://proxy:8080/v1/", "TGI_BASE_URL",
        "http://gpu:3000/v1", "GEMINI_BASE_URL", ""));
    assertEquals("http://proxy:8080/v1", s.providers().get("OpenAI_API").baseUrl());
    assertEquals("http://gpu:3000/v1", s.providers().get("tgi").baseUrl());
    assertEquals("https://generativelanguage.googleapis.com", s.providers().get("Google_API").baseUrl());
  }

  @Test
  void badBaseUrlInTheEnvironmentNamesTheVariable() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> SettingsLoader.load(null, Map.of("ANTHROPIC_BASE_URL", "api.anthropic.com")));
    assertEquals("environment variable ANTHROPIC_BASE_URL: must be an http:// or https:// URL, got"
        + " \"api.anthropic.com\"", e.getMessage());
  }

  @Test
  void fileOverridesOnlyTheKeysItGives() throws IOException {
    Settings s = settings.load("{'providers': {'Together_API': {'base_url': 'https://my-proxy/v1'},"
        + " 'OpenAI_API': {'max_output_tokens': 16384}}}", Map.of("OPENAI_BASE_URL", "http://env/v1"));
    assertEquals(new ProviderSpec("Together_API", "openai", "https://my-proxy/v1", List.of("TOGETHER_API_KEY"),
        true, null), s.providers().get("Together_API"));
    ProviderSpec openai = s.providers().get("OpenAI_API");
    assertEquals("http://env/v1", openai.baseUrl());
    assertEquals(16384, openai.maxOutputTokens());
    assertEquals(List.of(), warnings);
    assertEquals(settings.dir().resolve("gateway.json"), s.file());
  }

  @Test
  void fileBeatsTheEnvironmentForTheBaseUrl() throws IOException {
    Settings s = settings.load("{'providers': {'vLLM': {'base_url': 'http://file:8000/v1'}}}",
        Map.of("VLLM_BASE_URL", "http://env:8000/v1"));
    assertEquals("http://file:8000/v1", s.providers().get("vLLM").baseUrl());
  }

  @Test
  void overridingTheKeyVariable() throws IOException {
    Settings s = settings.load("{'providers': {'OpenAI_API': {'api_key_env': 'AZURE_KEY'},"
        + " 'Anthropic_API': {'base_url': 'http://local:4000', 'api_key_env': null}}}", Map.of());
    assertEquals(List.of("AZURE_KEY"), s.providers().get("OpenAI_API").apiKeyEnvs());
    assertTrue(s.providers().get("OpenAI_API").keyRequired());
    ProviderSpec anthropic = s.providers().get("Anthropic_API");
    assertEquals(List.of(), anthropic.apiKeyEnvs());
    assertFalse(anthropic.keyRequired(), "api_key_env: null means the endpoint takes no key");
  }

  @Test
  void fileAddsNewProviders() throws IOException {
    Settings s = SettingsLoader.load(settings.write("{'providers': {"
        + "'DeepSeek_API': {'protocol': 'openai', 'base_url': 'https://api.deepseek.com/v1',"
        + " 'api_key_env': 'DEEPSEEK_API_KEY', 'max_output_tokens': 8192},"
        + "'Ollama': {'protocol': 'openai', 'base_url': 'http://127.0.0.1:11434/v1'}}}"), Map.of(),
        Extensions.fromClassPath(), warnings::add);
    assertEquals(new ProviderSpec("DeepSeek_API", "openai", "https://api.deepseek.com/v1",
        List.of("DEEPSEEK_API_KEY"), true, 8192), s.providers().get("DeepSeek_API"));
    assertEquals(new ProviderSpec("Ollama", "openai", "http://127.0.0.1:11434/v1", List.of(), false, null),
        s.providers().get("Ollama"));
    assertTrue(s.ready(s.providers().get("Ollama")));
    assertFalse(s.ready(s.providers().get("DeepSeek_API")));
    assertEquals(12, s.providers().size(), "10 built-in and extension providers, 2 new");
  }

  @Test
  void newProviderNeedsProtocolAndBaseUrl() throws IOException {
    ConfigException e = settings.refused("{'providers': {'DeepSeek_API': {'base_url': 'https://api.deepseek.com/v1'}}}");
    assertEquals(settings.dir().resolve("gateway.json"), e.file());
    assertEquals("providers.DeepSeek_API.protocol", e.field());
    assertEquals(settings.dir().resolve("gateway.json") + ": providers.DeepSeek_API.protocol: required for a new model_type",
        e.getMessage());
    assertEquals("providers.DeepSeek_API.base_url",
        settings.refused("{'providers': {'DeepSeek_API': {'protocol': 'openai'}}}").field());
  }

  @Test
  void newProviderNearABuiltInNameIsWarnedAbout() throws IOException {
    settings.load("{'providers': {'OpenAi_API': {'protocol': 'openai', 'base_url': 'http://x'}}}", Map.of());
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("did you mean the built-in \"OpenAI_API\"?"), warnings.get(0));
  }

  @Test
  void badValuesNameTheField() throws IOException {
    assertEquals("providers.X.protocol",
        settings.refused("{'providers': {'X': {'protocol': 'grpc', 'base_url': 'http://x'}}}").field());
    assertEquals("providers.OpenAI_API.base_url",
        settings.refused("{'providers': {'OpenAI_API': {'base_url': 'ftp://x'}}}").field());
    assertEquals("providers.OpenAI_API.max_output_tokens",
        settings.refused("{'providers': {'OpenAI_API': {'max_output_tokens': 0}}}").field());
    assertEquals("providers.OpenAI_API", settings.refused("{'providers': {'OpenAI_API': 'https://x'}}").field());
    assertEquals("providers", settings.refused("{'providers': []}").field());
    assertEquals("server.max_body_bytes", settings.refused("{'server': {'max_body_bytes': -1}}").field());
  }

  @Test
  void aKeyPastedInsteadOfItsVariableNameIsRejectedWithoutEchoingIt() throws IOException {
    ConfigException e = settings.refused("{'providers': {'OpenAI_API': {'api_key_env': 'sk-proj-abc123-secret'}}}");
    assertEquals("providers.OpenAI_API.api_key_env", e.field());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
  }

  @Test
  void invalidJsonNamesTheFileLineAndColumn() throws IOException {
    ConfigException e = settings.refused("{'providers': {,}}");
    assertEquals("line 1, column 16", e.field());
    assertTrue(e.getMessage().startsWith(settings.dir().resolve("gateway.json") + ": line 1, column 16: invalid JSON:"),
        e.getMessage());
  }

  @Test
  void fileMustBeAnObjectAndExist() throws IOException {
    assertTrue(settings.refused("[]").getMessage().contains("a settings file must be a JSON object, got an array"));
    ConfigException missing = assertThrows(ConfigException.class,
        () -> SettingsLoader.load(settings.dir().resolve("nope.json"), Map.of()));
    assertTrue(missing.getMessage().endsWith("nope.json: settings file not found"), missing.getMessage());
    assertTrue(missing instanceof IllegalArgumentException);
  }

  @Test
  void serverMaxBodyBytes() throws IOException {
    assertEquals(1024, settings.load("{'server': {'max_body_bytes': 1024}}", Map.of()).maxBodyBytes());
    assertEquals(Settings.DEFAULT_MAX_BODY_BYTES, settings.load("{}", Map.of()).maxBodyBytes());
  }

  @Test
  void unknownKeysAreWarningsAndReservedKeysAreSilent() throws IOException {
    settings.load("{'keys': [], 'defaults': {}, 'cache': {}, 'redis': {}, 'model_aliases': {}, 'provider': {},"
        + " 'server': {'max_body_byte': 1}, 'providers': {'OpenAI_API': {'base_ulr': 'http://x'}}}", Map.of());
    assertEquals(3, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).endsWith("provider: unknown key (did you mean \"providers\"?) ignored"),
        warnings.get(0));
    assertTrue(warnings.stream().anyMatch(w -> w.endsWith(
        "providers.OpenAI_API.base_ulr: unknown key (did you mean \"base_url\"?) ignored")), warnings::toString);
    assertTrue(warnings.stream().anyMatch(w -> w.endsWith(
        "server.max_body_byte: unknown key (did you mean \"max_body_bytes\"?) ignored")), warnings::toString);
  }

  @Test
  void loaderForSettingsKnowsTheAddedModelTypes() throws IOException {
    Settings s = settings.load("{'providers': {'DeepSeek_API': {'protocol': 'openai', 'base_url': 'http://x'}}}", Map.of());
    Path config = settings.dir().resolve("c.json");
    Files.writeString(config, "{\"layers\": [[{\"type\": \"generator\", \"model\": \"deepseek-chat\","
        + " \"model_type\": \"DeepSeek_API\"}]]}");
    LoadReport report = ConfigLoader.forSettings(s, ComponentFactory.SUPPORTED).loadPaths(List.of(settings.dir()), s.file());
    assertEquals(List.of(), report.errors());
    assertEquals(List.of("c"), report.ensembles().stream().map(EnsembleSpec::name).toList());
  }
}
