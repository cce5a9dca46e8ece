package ai.archon.gateway.bench;

/**
 * The official question sets {@code bench} fetches when no {@code --questions FILE} is given, each pinned to a
 * commit and a SHA-256 (the same files, paths and checksums as the shared {@code benchmarks/} folder's SOURCE.md).
 */
public final class QuestionSets {
  public static final PinnedFile MT_BENCH = new PinnedFile("mt-bench/question.jsonl",
      "lm-sys/FastChat/0e6d3e4beaab66f4d3f93db72541a4abab8af28d/fastchat/llm_judge/data/mt_bench/question.jsonl",
      "119565adbab82227089cefdb44c8d7e2cf04dc0a0ec233634c82e7d4e2a944f7", "FastChat (lm-sys), Apache-2.0");
  public static final PinnedFile ARENA_HARD_V01 = new PinnedFile("arena-hard-v0.1/question.jsonl",
      "lmarena/arena-hard-auto/efc012e192b88024a5203f5a28ec8fc0342946df/data/arena-hard-v0.1/question.jsonl",
      "4daad38811161c3ba5c248f26b90c3cef89634f4c772002ed9138c1e13f63e9f", "Arena-Hard-Auto (lmarena), Apache-2.0");
  public static final PinnedFile ARENA_HARD_V20 = new PinnedFile("arena-hard-v2.0/question.jsonl",
      "lmarena/arena-hard-auto/196f6b826783b3da7310e361a805fa36f0be83f3/data/arena-hard-v2.0/question.jsonl",
      "a75cef6623db6b27aec810497b059f0659705d7ff48dcbccc5bd5b130728ac73", "Arena-Hard-Auto (lmarena), Apache-2.0");
  /**
   * AlpacaEval 2.0's 805 instructions as its official repository carries them: the default reference outputs
   * (gpt4_1106_preview), the same instructions, order and {@code dataset} labels as the eval set on Hugging Face.
   */
  public static final PinnedFile ALPACA_EVAL = new PinnedFile("alpaca-eval/gpt4_1106_preview/model_outputs.json",
      "tatsu-lab/alpaca_eval/cd543a149df89434d8a54582c0151c0b945c3d20/results/gpt4_1106_preview/model_outputs.json",
      "83db546b872ddebee8965fd05fa48461ee3c32bc695c62fb57f2d214ff741ec4",
      "AlpacaEval (tatsu-lab), CC BY-NC 4.0: non-commercial use only");

  private QuestionSets() { }
}
