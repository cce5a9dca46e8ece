package ai.archon.gateway.server;

import ai.archon.gateway.support.MockUpstream;
import ai.archon.gateway.support.Reply;

/**
 * The scripted upstream of the three-protocol ensemble tests: generators gpt-gen, an Anthropic one and gemini-gen
 * answering alpha, bravo and charlie, the critic claude-critic, the ranker gpt-ranker and the fuser gemini-fuser, each
 * with usage of its own (10/1, 20/2, ... 60/6) so that sums show which calls were counted.
 */
final class TriEnsemble {
  /** Critiques of four candidates, as the critic's reply. */
  static final String CRITIQUES = "[1]\nStrengths: s1\nWeaknesses: crit-1\n\n[2]\nStrengths: s2\nWeaknesses: crit-2\n\n"
      + "[3]\nStrengths: s3\nWeaknesses: crit-3\n\n[4]\nStrengths: s4\nWeaknesses: crit-4\n";

  private TriEnsemble() { }

  /** Scripts every component; {@code claudeGenerator} is the Anthropic generator's model. */
  static void script(MockUpstream upstream, String claudeGenerator, String critiques, String ranking) {
    upstream.respond("gpt-gen", Reply.text("alpha").usage(10, 1));
    upstream.respond(claudeGenerator, Reply.text("bravo").usage(20, 2));
    upstream.respond("gemini-gen", Reply.text("charlie").usage(30, 3));
    upstream.respond("claude-critic", Reply.text(critiques).usage(40, 4));
    upstream.respond("gpt-ranker", Reply.text(ranking).usage(50, 5));
    upstream.respond("gemini-fuser", Reply.text("fused: charlie and bravo").usage(60, 6));
  }
}
