package ai.archon.gateway.bench.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.model.Message;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The official judge files read as their Python code reads them (files from the shared folder, never committed). */
class JudgePromptsTest {

  @Test
  void templatesAreFilledInOnePass() {
    assertEquals("A: x {answer_2} | B: y {unknown}", Template.fill("A: {answer_1} | B: {answer_2} {unknown}",
        Map.of("answer_1", "x {answer_2}", "answer_2", "y")));
  }

  @Test
  void alpacaEvalsChatFormattedPromptSplitsIntoSystemAndUser() throws Exception {
    String prompt = Files.readString(JudgeRun.shared("benchmarks/alpaca-eval/judge/alpaca_eval_clf.txt"));
    List<Message> messages = Template.chatml(Template.fill(prompt, Map.of("instruction", "I?", "output_1", "one",
        "output_2", "two")));
    assertEquals(List.of("system", "user"), messages.stream().map(Message::role).toList());
    assertTrue(messages.get(0).content().startsWith("You are a highly efficient assistant"));
    assertTrue(messages.get(1).content().contains("\"instruction\": \"\"\"I?\"\"\""));
    assertTrue(messages.get(1).content().endsWith("## Best Model Identifier"), "stripped, without the end token");
    assertThrows(IllegalArgumentException.class, () -> Template.chatml("plain text"));
  }

  @Test
  void arenaHardV01ConfigGivesTheOfficialPromptTemplateRegexAndSampling() throws Exception {
    ArenaSetup s = ArenaSetup.v01(JudgeRun.shared("benchmarks/arena-hard-judge/judge_config.yaml"));
    assertTrue(s.systemPrompt("any").startsWith("Please act as an impartial judge"));
    assertTrue(s.systemPrompt("any").endsWith("\"My final verdict is tie: [[A=B]]\"."));
    assertTrue(s.template().startsWith("<|User Prompt|>\n{question_1}"));
    assertEquals("gpt-4-0314", s.baseline("arena-hard-v0.1"));
    assertEquals(0.0, s.temperature());
    assertEquals(4096, s.maxTokens());
  }

  @Test
  void arenaHardVerdictLabels() throws Exception {
    ArenaSetup v01 = ArenaSetup.v01(JudgeRun.shared("benchmarks/arena-hard-judge/judge_config.yaml"));
    ArenaSetup v20 = new ArenaSetup(Map.of("*", "s"), Map.of(), "{QUESTION}", List.of(
        java.util.regex.Pattern.compile("\\[\\[([AB<>=]+)\\]\\]"), java.util.regex.Pattern.compile("\\[([AB<>=]+)\\]")),
        0, 10);
    assertEquals("B<A", label(v20, true, "first [[A>B]] then [[b<a]]"));
    assertEquals("A=B", label(v20, true, "only [A=B]"));
    assertNull(label(v20, true, "[[AB]]"), "not a verdict label");
    // v0.1 (gen_judgment.py's get_score): one distinct label, else none
    assertEquals("A>B", label(v01, false, "[[A>B]] and again [[A>B]]"));
    assertNull(label(v01, false, "[[A>B]] or [[B>A]]"), "two different labels are no verdict");
    assertNull(label(v01, false, "[[A<B]]"), "v0.1 knows five labels");
  }

  private static String label(ArenaSetup setup, boolean v2, String judgment) {
    return ArenaJudging.label(setup, v2, judgment);
  }

  @Test
  void mtBenchRatingIsTheFirstDoubleBracketedNumberElseSingle() {
    assertEquals("8", MtBenchJudging.rating("Rating: [[8]] not [[3]]").toString());
    assertEquals("7.5", MtBenchJudging.rating("[[7.5]]").toString());
    assertEquals("4", MtBenchJudging.rating("see [2, 3]? Rating: [4]").toString());
    assertNull(MtBenchJudging.rating("Rating: eight"));
  }

  @Test
  void mtBenchJudgePromptsAreTheOfficialSingleGradingOnes() throws Exception {
    String prompts = Files.readString(JudgeRun.shared("benchmarks/mt-bench/judge/judge_prompts.jsonl"));
    for (String name : List.of("single-v1", "single-math-v1", "single-v1-multi-turn", "single-math-v1-multi-turn")) {
      assertTrue(prompts.contains("\"name\": \"" + name + "\""), name);
    }
  }
}
