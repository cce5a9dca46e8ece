package ai.archon.gateway.pipeline;

import ai.archon.gateway.model.ContentPart;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.PromptMarkers;
import java.util.ArrayList;
import java.util.List;

/**
 * Prompt templates for the critic, ranker and fuser components.
 *
 * <p>Each call sends its own system prompt (the role's instructions) and one user message holding the client's
 * conversation rendered as text, the candidates numbered {@code [1]} … {@code [n]} and the output format. The
 * client's system message is not reused as the component's system message because it addresses the answering
 * assistant, not the judge; it is shown inside {@code <system_instructions>} so the judge can check the candidates
 * against it (and the fuser obeys it). Arbitrary text (conversation, candidates, critiques) sits inside XML-like tags
 * so the model can tell data from instructions; the section tags and the [i] headers are {@link PromptMarkers},
 * which the offline Mock provider reads too.
 */
public final class Prompts {

  static final String CRITIC_SYSTEM =
      "You are an expert reviewer of AI assistant responses. You are shown a conversation and several candidate "
          + "responses to its latest user query. Judge each candidate on its own merits: correctness, completeness, "
          + "relevance to the query, instruction following and clarity. Be specific and brief. Never write your own "
          + "answer to the query.";

  static final String RANKER_SYSTEM =
      "You are an expert judge of AI assistant responses. You are shown a conversation and several candidate "
          + "responses to its latest user query, and you rank the candidates by quality. You reply with the ranking "
          + "line only.";

  static final String FUSER_SYSTEM =
      "You are an expert assistant. You are shown a conversation and several candidate responses to its latest "
          + "user query, and you write the single best response to that query by synthesizing them. Your output is "
          + "sent to the user verbatim.";

  private Prompts() { }

  /** Critic: one call judging all candidates; asks for exactly one block per candidate, each starting "[i]" then Strengths: / Weaknesses:. */
  public static List<Message> critic(List<Message> conversation, List<String> candidates) {
    List<String> cands = orEmpty(candidates);
    int n = cands.size();
    StringBuilder sb = sized(cands, null);
    appendConversation(sb, conversation);
    appendNumbered(sb, "Candidate responses to the latest user query:", PromptMarkers.CANDIDATES, cands);
    sb.append(n == 1 ? "Critique the candidate. Reply with exactly 1 block" : "Critique each of the " + n
        + " candidates. Reply with exactly " + n + " blocks, one per candidate, in order from [1] to [" + n + "]")
        .append(", and nothing else. Start each block with the candidate's number in square brackets on a line of "
            + "its own, then list its strengths and weaknesses in this format:\n\n")
        .append("[1]\nStrengths:\n- <strength>\nWeaknesses:\n- <weakness>\n\n");
    if (n > 1) sb.append("[2]\nStrengths:\n…\n\n");
    sb.append("Give one to three short points under each heading, and write \"- None\" when there is nothing to say.");
    return List.of(Message.system(CRITIC_SYSTEM), judgeMessage(sb.toString(), conversation));
  }

  /** Ranker: asks for a strict ranking line of the top {@code topK} (or all when topK >= n) like "[2] > [1] > [3]"; critiques may be null (use_critiques off). */
  public static List<Message> ranker(List<Message> conversation, List<String> candidates, List<String> critiques,
      int topK) {
    List<String> cands = orEmpty(candidates);
    int n = cands.size();
    int k = topK < 1 || topK > n ? n : topK;
    StringBuilder sb = sized(cands, critiques);
    appendConversation(sb, conversation);
    appendNumbered(sb, "Candidate responses to the latest user query:", PromptMarkers.CANDIDATES, cands);
    if (critiques != null) appendNumbered(sb, "A critique of each candidate:", PromptMarkers.CRITIQUES, critiques);
    sb.append("Rank the candidates by how well they answer the latest user query: correctness first, then "
        + "helpfulness, completeness and clarity.");
    if (critiques != null) sb.append(" Use the critiques to inform your judgement.");
    // Position and verbosity are the known biases of LLM judges; naming them measurably reduces them.
    sb.append(" Do not let the order or the length of the candidates sway you.\n\n");
    if (k == 1) {
      sb.append("Reply with a single line holding the number of the best candidate in square brackets, for example:\n");
    } else {
      sb.append("Reply with a single line listing ").append(k == n ? "all " + n + " candidates" : "the best " + k
          + " of the " + n + " candidates").append(", best first, as numbers in square brackets separated by \" > \""
          + ", for example:\n");
    }
    sb.append(exampleRanking(n, k)).append("\n\nThat order only shows the format. Use each number at most once. ")
        .append("Do not explain your ranking.");
    return List.of(Message.system(RANKER_SYSTEM), judgeMessage(sb.toString(), conversation));
  }

  /** Fuser: numbered candidates (+ critiques when non-null) → one best answer written directly to the user; when maxWords != null, asks for at most that many words. */
  public static List<Message> fuser(List<Message> conversation, List<String> candidates, List<String> critiques,
      Integer maxWords) {
    List<String> cands = orEmpty(candidates);
    int n = cands.size();
    StringBuilder sb = sized(cands, critiques);
    boolean hasSystem = appendConversation(sb, conversation);
    appendNumbered(sb, "Candidate responses to the latest user query:", PromptMarkers.CANDIDATES, cands);
    if (critiques != null) appendNumbered(sb, "A critique of each candidate:", PromptMarkers.CRITIQUES, critiques);
    sb.append("You have been given ").append(n == 1 ? "1 candidate response" : n + " candidate responses")
        .append(" to the latest user query").append(critiques != null ? ", with a critique of each" : "")
        .append(". Synthesize ").append(n == 1 ? "it" : "them").append(" into a single, high-quality response to "
            + "that query. Evaluate the candidates critically: some of their content may be wrong, biased or "
            + "incomplete. Keep what is correct and useful, fix or drop the rest")
        .append(critiques != null ? " (the critiques point to both)" : "")
        .append(", and write a coherent, accurate and well-structured answer rather than a copy of any one "
            + "candidate.");
    if (hasSystem) sb.append(" Follow the assistant's instructions in <system_instructions>.");
    if (maxWords != null) sb.append(" Your response must be no longer than ").append(maxWords).append(" words.");
    sb.append("\n\nWrite only the final response, exactly as it should be sent to the user: no preamble, and do not "
        + "mention the candidates, the critiques or this synthesis.");
    return List.of(Message.system(FUSER_SYSTEM), judgeMessage(sb.toString(), conversation));
  }

  /**
   * Renders the conversation: system text in {@code <system_instructions>}, earlier turns as a "User: / Assistant:"
   * transcript in {@code <earlier_conversation>}, and the final user message in {@code <latest_user_query>}.
   * Returns whether there were system instructions.
   */
  static boolean appendConversation(StringBuilder sb, List<Message> conversation) {
    List<Message> msgs = conversation == null ? List.of() : conversation;
    List<String> system = new ArrayList<>();
    List<Message> dialogue = new ArrayList<>();
    for (Message m : msgs) {
      if (m == null) continue;
      if (isSystem(m.role())) system.add(text(m.content()));
      else dialogue.add(m);
    }
    // The last message is the query only when a user wrote it; otherwise (e.g. an assistant prefill) the whole
    // dialogue is context and the candidates continue it.
    Message last = dialogue.isEmpty() ? null : dialogue.get(dialogue.size() - 1);
    Message query = last != null && "user".equals(last.role()) ? last : null;
    List<Message> earlier = query == null ? dialogue : dialogue.subList(0, dialogue.size() - 1);

    sb.append(system.isEmpty()
        ? "Here is a conversation between a user and an AI assistant.\n\n"
        : "Here is a conversation between a user and an AI assistant; the assistant was given the instructions in "
            + "<system_instructions>.\n\n");
    if (!system.isEmpty()) tag(sb, "system_instructions", String.join("\n\n", system));
    if (!earlier.isEmpty()) {
      StringBuilder t = new StringBuilder();
      for (Message m : earlier) {
        if (t.length() > 0) t.append("\n\n");
        t.append(turn(m));
      }
      tag(sb, "earlier_conversation", t.toString());
    }
    if (query != null) tag(sb, "latest_user_query", text(query.content()));
    return !system.isEmpty();
  }

  /**
   * One earlier turn as transcript text: an assistant's tool calls written out with their ids, and a tool result
   * labelled with the call it answers, so judges follow a tool conversation as they follow a chat.
   */
  static String turn(Message m) {
    StringBuilder t = new StringBuilder();
    if ("tool".equals(m.role())) {
      t.append("Tool result").append(m.name() == null ? "" : " of " + m.name())
          .append(m.toolCallId() == null ? "" : " (call " + m.toolCallId() + ")");
    } else {
      t.append(label(m.role()));
    }
    if ("tool".equals(m.role())) {
      t.append(":\n").append(PromptMarkers.open(PromptMarkers.TOOL_RESULT)).append('\n').append(text(m.content()))
          .append('\n').append(PromptMarkers.close(PromptMarkers.TOOL_RESULT));
    } else {
      t.append(": ").append(text(m.content()));
    }
    for (var c : m.toolCalls()) {
      t.append("\n").append(Candidates.calls(List.of(c))).append(" (call ").append(c.id()).append(')');
    }
    return t.toString();
  }

  /**
   * A judge's user message: the prompt text, followed by the conversation's images in order so the judge sees what
   * the user showed (the transcript text alone would lose them).
   */
  static Message judgeMessage(String prompt, List<Message> conversation) {
    if (!anyMedia(conversation)) return Message.user(prompt); // the common case: no list of parts to fill
    List<ContentPart> parts = new ArrayList<>();
    parts.add(new ContentPart.Text(prompt));
    if (conversation != null) for (Message m : conversation) if (m != null) parts.addAll(m.images());
    if (parts.size() == 1) return Message.user(prompt);
    return new Message("user", prompt, parts, List.of(), null, null);
  }

  private static boolean anyMedia(List<Message> conversation) {
    if (conversation != null) for (Message m : conversation) if (m != null && m.hasMedia()) return true;
    return false;
  }

  /** Appends a heading and the items numbered [1] … inside the given tag. */
  static void appendNumbered(StringBuilder sb, String heading, String tagName, List<String> items) {
    // Written straight into the prompt between the tags: ten candidates are copied once, not three times.
    sb.append(heading).append("\n\n");
    openTag(sb, tagName);
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) sb.append("\n\n");
      PromptMarkers.number(sb, i + 1).append('\n').append(text(items.get(i)));
    }
    closeTag(sb, tagName);
  }

  /** A builder with room for the prompt around {@code candidates} and {@code critiques} (either may be null). */
  private static StringBuilder sized(List<String> candidates, List<String> critiques) {
    int chars = 2048;
    if (candidates != null) for (String c : candidates) chars += c == null ? 0 : c.length() + 8;
    if (critiques != null) for (String c : critiques) chars += c == null ? 0 : c.length() + 8;
    return new StringBuilder(chars);
  }

  /** A format example that only uses numbers that exist: [2] > [1] > [3] > … cut to k entries. */
  static String exampleRanking(int n, int k) {
    if (n <= 1) return "[1]";
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < Math.max(k, 1); i++) {
      int num = i == 0 ? 2 : i == 1 ? 1 : i + 1;
      parts.add("[" + num + "]");
    }
    return String.join(" > ", parts);
  }

  private static void tag(StringBuilder sb, String name, String body) {
    openTag(sb, name);
    sb.append(body);
    closeTag(sb, name);
  }

  private static void openTag(StringBuilder sb, String name) {
    PromptMarkers.open(sb, name).append('\n');
  }

  private static void closeTag(StringBuilder sb, String name) {
    PromptMarkers.close(sb.append('\n'), name).append("\n\n");
  }

  private static boolean isSystem(String role) {
    return "system".equals(role) || "developer".equals(role);
  }

  private static String label(String role) {
    if (role == null || role.isBlank()) return "Unknown";
    return Character.toUpperCase(role.charAt(0)) + role.substring(1);
  }

  private static String text(String s) {
    return s == null ? "" : s.strip();
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }
}
