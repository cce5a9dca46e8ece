package ai.archon.gateway.bench.judge;

import ai.archon.gateway.bench.PinnedFile;

/**
 * The official judge prompts, judge configurations and reference answers, each pinned to a commit and a SHA-256 and
 * fetched on first use like the question sets (never shipped); paths as in the shared {@code benchmarks/} folder.
 */
final class JudgeFiles {
  private static final String FASTCHAT = "lm-sys/FastChat/0e6d3e4beaab66f4d3f93db72541a4abab8af28d/fastchat/llm_judge/data/";
  private static final String FASTCHAT_LICENCE = "FastChat (lm-sys), Apache-2.0";
  private static final String ARENA_LICENCE = "Arena-Hard-Auto (lmarena), Apache-2.0";

  /** The chat-formatted prompt of AlpacaEval 2.0's {@code weighted_alpaca_eval_gpt4_turbo} annotator. */
  static final PinnedFile ALPACA_PROMPT = new PinnedFile("alpaca-eval/judge/alpaca_eval_clf.txt",
      "tatsu-lab/alpaca_eval/cd543a149df89434d8a54582c0151c0b945c3d20/src/alpaca_eval/evaluators_configs/"
          + "alpaca_eval_clf_gpt4_turbo/alpaca_eval_clf.txt",
      "784227e6dc2832fc08c43d2c8ea3a308e7523780187a1aaad2f85e30bac85f62", "AlpacaEval (tatsu-lab), Apache-2.0");
  /** Arena-Hard-Auto v0.1's judge set-up (system prompt, template, regex, sampling), the 2024 pipeline's last commit. */
  static final PinnedFile ARENA_V01_CONFIG = new PinnedFile("arena-hard-judge/judge_config.yaml",
      "lmarena/arena-hard-auto/3071ef95d913bb5cd632641db336a3b6c7fe4bdd/config/judge_config.yaml",
      "6e001736bacacdb1591ffca7eec953a7089f8f5604872d1ca4f9a6f9de1ee451", ARENA_LICENCE);
  /** Arena-Hard-Auto v2.0's judge set-up (template, regexes, sampling). */
  static final PinnedFile ARENA_V20_CONFIG = new PinnedFile("arena-hard-judge/arena-hard-v2.0.yaml",
      "lmarena/arena-hard-auto/196f6b826783b3da7310e361a805fa36f0be83f3/config/arena-hard-v2.0.yaml",
      "ee68e5c6ac98a79720bf11014fc3f7fc3c3e5899153b3b08efe3db0e174215a0", ARENA_LICENCE);
  /**
   * Arena-Hard-Auto v2.0's per-category system prompts ({@code JUDGE_SETTINGS} in {@code utils/judge_utils.py}) at
   * the commit that introduced v2.0 (git blob 96176973de7ce92255f20e0f27384e8f1473d685, 3,958 bytes).
   */
  static final PinnedFile ARENA_V20_PROMPTS = new PinnedFile("arena-hard-judge/judge_utils.py",
      "lmarena/arena-hard-auto/9a1d3864b1a4388635b856fdd7eefb2cc8142525/utils/judge_utils.py",
      "440add65b2939b1272bcddb66bc4312d4962de923e1561b52f1e2603d10bb361", ARENA_LICENCE);
  /** FastChat's MT-Bench judge prompts ({@code single-v1}, {@code single-math-v1}, their multi-turn forms, ...). */
  static final PinnedFile MT_BENCH_PROMPTS = new PinnedFile("mt-bench/judge/judge_prompts.jsonl",
      FASTCHAT + "judge_prompts.jsonl", "fd283293406d024f44c174b094ef48031d0687a4682fd3a56b29b138f80281b6",
      FASTCHAT_LICENCE);
  /** GPT-4's reference answers to MT-Bench's math, reasoning and coding questions. */
  static final PinnedFile MT_BENCH_REFERENCE = new PinnedFile("mt-bench/reference_answer/gpt-4.jsonl",
      FASTCHAT + "mt_bench/reference_answer/gpt-4.jsonl",
      "f957a5bc977badb66885ec970e6cd08527845780313f0995764260e5777b9b3f", FASTCHAT_LICENCE);

  private JudgeFiles() { }
}
