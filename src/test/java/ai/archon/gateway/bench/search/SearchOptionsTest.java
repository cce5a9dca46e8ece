package ai.archon.gateway.bench.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line of {@code search}. */
class SearchOptionsTest {
  private static SearchOptions parse(String... args) {
    return SearchOptions.parse(args);
  }

  @Test
  void readsEveryFlag() {
    SearchOptions o = parse("--questions", "q.jsonl", "--models", "OpenAI_API/a, Together_API/meta-llama/L-3", "--judge",
        "OpenAI_API/j", "--budget-usd", "2.5", "--max-latency-layers", "3", "--max-cost-per-query", "0.01", "--out",
        "o", "--resume");
    assertEquals("mt_bench", o.benchmark(), "--questions alone is an MT-Bench file");
    assertEquals(List.of(new ModelRef("OpenAI_API", "a"), new ModelRef("Together_API", "meta-llama/L-3")), o.models());
    assertEquals(2.5, o.budget().usd());
    assertEquals(3, o.maxLayers());
    assertEquals(0.01, o.maxCostPerQuery());
    assertEquals(Path.of("o"), o.out());
    assertTrue(o.resume());
    SearchOptions calls = parse("--benchmark", "mt_bench", "--models", "OpenAI_API/a", "--judge", "j",
        "--budget-calls", "100");
    assertEquals(100L, calls.budget().calls());
    assertEquals(Integer.MAX_VALUE, calls.maxLayers());
  }

  @Test
  void refusesWhatCannotBeMeant() {
    String[] base = {"--benchmark", "mt_bench", "--models", "OpenAI_API/a", "--judge", "j"};
    assertThrows(IllegalArgumentException.class, () -> parse(base), "a budget is required");
    assertThrows(IllegalArgumentException.class, () -> parse(concat(base, "--budget-usd", "1", "--budget-calls", "5")));
    assertThrows(IllegalArgumentException.class, () -> parse(concat(base, "--budget-calls", "2.5")));
    assertThrows(IllegalArgumentException.class, () -> parse("--models", "OpenAI_API/a", "--judge", "j",
        "--budget-calls", "5"), "no questions");
    assertThrows(IllegalArgumentException.class, () -> parse("--benchmark", "jsonl", "--models", "OpenAI_API/a",
        "--judge", "j", "--budget-calls", "5"), "no official judge for custom questions");
    assertThrows(IllegalArgumentException.class, () -> parse("--benchmark", "arena_hard_v0.1", "--models",
        "OpenAI_API/a", "--judge", "j", "--budget-calls", "5"), "Arena-Hard needs its baseline");
    assertThrows(IllegalArgumentException.class, () -> parse("--benchmark", "mt_bench", "--models", "gpt-4o",
        "--judge", "j", "--budget-calls", "5"), "a model needs its model_type");
    assertThrows(IllegalArgumentException.class, () -> parse(concat(base, "--budget-calls", "5", "--max-latency-layers",
        "0")));
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
