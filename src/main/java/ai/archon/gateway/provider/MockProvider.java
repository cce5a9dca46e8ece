package ai.archon.gateway.provider;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.ChatRequest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Timer;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline model type {@code Mock}: deterministic answers in the format each component role's prompt asks for, so
 * the gateway's demo runs with no API key.
 *
 * <p>A model id may end with {@code @<n>ms} (e.g. {@code mock-sage@200ms}) to wait n ms before answering (before the
 * first piece when streaming), or with {@code @<n>ms/<m>ms} to also wait m ms between streamed pieces. The answer
 * depends only on the request (model without that suffix, messages, temperature, top_p, seed, purpose), never on
 * time or randomness. {@code maxTokens} cuts the answer to that many words (finish reason {@code length}) and
 * {@code stop} strings cut it at the first one, like a real model. A cancelled call fails with
 * {@link CancellationException}.
 */
public final class MockProvider implements ChatProvider {

  private static final Pattern LATENCY = Pattern.compile("@(\\d{1,6})ms(?:/(\\d{1,5})ms)?$");

  private final Vertx vertx;
  private final String name;

  public MockProvider(Vertx vertx, String name) {
    this.vertx = vertx;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<ChatResult> complete(ChatRequest request, CallContext ctx) {
    try {
      CallContext call = ctx == null ? CallContext.detached() : ctx;
      if (call.cancelled()) return Future.failedFuture(cancelled(request));
      ChatResult result = MockAnswers.answer(request);
      long delay = latency(request.model())[0];
      if (delay == 0) return Future.succeededFuture(result);
      Promise<ChatResult> promise = Promise.promise();
      Timer timer = vertx.timer(delay, TimeUnit.MILLISECONDS);
      Runnable forget = call.onCancel(() -> {
        timer.cancel();
        promise.tryFail(cancelled(request));
      });
      timer.onComplete(ar -> {
        forget.run();
        if (ar.succeeded()) promise.tryComplete(result);
        else promise.tryFail(cancelled(request));
      });
      return promise.future();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<ChatResult> stream(ChatRequest request, CallContext ctx, Consumer<String> onDelta) {
    try {
      CallContext call = ctx == null ? CallContext.detached() : ctx;
      if (call.cancelled()) return Future.failedFuture(cancelled(request));
      ChatResult result = MockAnswers.answer(request);
      long[] lat = latency(request.model());
      return new Emission(vertx, vertx.getOrCreateContext(), call, request, result, lat[0], lat[1], onDelta).start();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** {first-token delay, per-piece gap} in ms from the model id's {@code @<n>ms[/<m>ms]} suffix; zeros without one. */
  static long[] latency(String model) {
    if (model == null) return new long[] {0, 0};
    Matcher m = LATENCY.matcher(model);
    if (!m.find()) return new long[] {0, 0};
    return new long[] {Long.parseLong(m.group(1)), m.group(2) == null ? 0 : Long.parseLong(m.group(2))};
  }

  /** The model id without its latency suffix: what the answer text names and what the answer depends on. */
  static String displayModel(String model) {
    if (model == null) return "mock";
    return LATENCY.matcher(model).replaceFirst("");
  }

  /** Splits text into pieces that each keep their leading whitespace, so joining them gives the text back exactly. */
  static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 1; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
        out.add(text.substring(start, i));
        start = i;
      }
    }
    if (start < text.length()) out.add(text.substring(start));
    return out;
  }

  private static CancellationException cancelled(ChatRequest request) {
    return new CancellationException("Mock (" + (request == null ? "?" : request.model()) + ") call cancelled");
  }

  /** One streamed answer: waits, then hands out the pieces one event-loop turn (or gap) apart until done or cancelled. */
  private static final class Emission {
    private final Vertx vertx;
    private final Context context;
    private final CallContext call;
    private final ChatRequest request;
    private final ChatResult result;
    private final long first;
    private final long gap;
    private final Consumer<String> onDelta;
    private final List<String> pieces;
    private final Promise<ChatResult> promise = Promise.promise();
    private Timer pending;
    private Runnable forget = () -> { };
    private int next;

    Emission(Vertx vertx, Context context, CallContext call, ChatRequest request, ChatResult result, long first,
        long gap, Consumer<String> onDelta) {
      this.vertx = vertx;
      this.context = context;
      this.call = call;
      this.request = request;
      this.result = result;
      this.first = first;
      this.gap = gap;
      this.onDelta = onDelta == null ? s -> { } : onDelta;
      this.pieces = pieces(result.text());
    }

    Future<ChatResult> start() {
      forget = call.onCancel(this::cancel);
      // Hop onto the context first so every timer below belongs to it, whatever thread called stream().
      context.runOnContext(v -> after(first));
      return promise.future();
    }

    private void after(long delay) {
      if (done()) return;
      if (delay <= 0) {
        context.runOnContext(v -> emit());
      } else {
        pending = vertx.timer(delay, TimeUnit.MILLISECONDS);
        pending.onSuccess(v -> emit());
      }
    }

    private void emit() {
      if (done()) return;
      if (next < pieces.size()) {
        try {
          onDelta.accept(pieces.get(next++));
        } catch (RuntimeException e) {
          forget.run();
          promise.tryFail(e);
          return;
        }
        // The consumer may have cancelled the call synchronously; cancel() has then failed the promise.
        if (next < pieces.size()) {
          after(gap);
          return;
        }
      }
      forget.run();
      promise.tryComplete(result);
    }

    private void cancel() {
      if (pending != null) pending.cancel();
      promise.tryFail(cancelled(request));
    }

    private boolean done() {
      return promise.future().isComplete() || call.cancelled();
    }
  }

  /** The answer texts, one format per component role. */
  static final class MockAnswers {
    private static final Pattern CANDIDATE_HEADER = Pattern.compile("\\[(\\d{1,4})\\]");
    private static final Pattern MAX_WORDS = Pattern.compile("no longer than (\\d{1,6}) words");
    private static final Pattern TEST_COUNT = Pattern.compile("(\\d{1,2}) unit tests?\\b");
    private static final Pattern NUMBERED = Pattern.compile("(?m)^\\s*(\\d{1,3})[.)]\\s+\\S");

    private static final String[] OPENERS = {
        "%s here. On \"%s\": the most reliable approach is to start from the core idea, check it against a simple "
            + "example, and then refine the details until the answer holds up.",
        "Answering \"%s\" (%s): the key point is to separate what is known from what is assumed; once that is clear, "
            + "the rest follows step by step.",
        "Regarding \"%s\", %s suggests focusing on the essentials first: define the terms, weigh the main options, "
            + "and pick the one with the fewest trade-offs.",
        "%s's take on \"%s\": break the problem into smaller parts, solve each one, and then check that the parts "
            + "fit together.",
        "In short, \"%s\" is best handled (says %s) by stating the goal plainly, listing the constraints, and "
            + "choosing the simplest approach that meets them.",
    };
    // Which openers take the quote before the model name.
    private static final boolean[] QUOTE_FIRST = {false, true, true, false, true};
    private static final String[] CLOSERS = {
        "A worked example would make this concrete.",
        "The details matter less than getting this structure right.",
        "If anything is unclear, the first step is the one to revisit.",
        "This keeps the answer short while covering what matters most.",
    };
    private static final String[] STRENGTHS = {
        "Clear and well organised.", "Stays on topic throughout.", "Concise without leaving out the main point.",
        "Gives a practical, actionable approach.", "States its reasoning plainly.",
    };
    private static final String[] WEAKNESSES = {
        "Could give a concrete example.", "Some claims are asserted without support.",
        "Stays generic where specifics would help.", "Does not address possible edge cases.",
        "Could be more precise about the assumptions it makes.",
    };
    private static final String[] TESTS = {
        "The response directly answers the question that was asked.",
        "The response contains no factual errors or internal contradictions.",
        "The response follows any format the user requested.",
        "The response is free of irrelevant content.",
        "The response justifies its main claim or gives an example.",
    };

    private MockAnswers() { }

    static ChatResult answer(ChatRequest req) {
      String model = displayModel(req.model());
      long h = hash(req, model);
      String prompt = lastUserText(req.messages());
      List<String> candidates = candidatesIn(prompt);
      int n = req.purpose().candidates() > 0 ? req.purpose().candidates() : candidates.size();
      String role = req.purpose().role() == null ? "generator" : req.purpose().role();
      String text = switch (role) {
        case "critic" -> critic(model, n, candidates);
        case "ranker" -> ranker(n, candidates);
        case "fuser" -> fuser(prompt, n, candidates);
        case "verifier_reasoning" -> "Checking the candidate against the query step by step: it addresses what "
            + "was asked, its claims are consistent with each other, and nothing the query asks for is missing.";
        case "verifier" -> verdict(h);
        case "unit_test_generator" -> unitTests(prompt);
        case "unit_test_evaluator" -> evaluations(prompt, n, h);
        default -> generator(model, prompt, h);
      };
      String finish = "stop";
      text = cutAtStop(text, req.stop());
      if (req.maxTokens() != null && req.maxTokens() >= 0) {
        List<String> parts = pieces(text);
        if (parts.size() > req.maxTokens()) {
          text = String.join("", parts.subList(0, req.maxTokens()));
          finish = "length";
        }
      }
      long promptWords = 0;
      for (Message m : req.messages()) promptWords += countWords(m.content());
      return new ChatResult(text, new Usage(promptWords, countWords(text)), finish);
    }

    static String generator(String model, String prompt, long h) {
      String quote = quote(prompt);
      int t = pick(h, OPENERS.length);
      String opener = QUOTE_FIRST[t] ? String.format(Locale.ROOT, OPENERS[t], quote, model)
          : String.format(Locale.ROOT, OPENERS[t], model, quote);
      return opener + " " + CLOSERS[pick(mix(h + 1), CLOSERS.length)];
    }

    static String critic(String model, int n, List<String> candidates) {
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i <= Math.max(n, 1); i++) {
        String cand = i <= candidates.size() ? candidates.get(i - 1) : "";
        long h = mix(fnv(model + '\u0000' + i + '\u0000' + cand));
        if (i > 1) sb.append("\n\n");
        sb.append('[').append(i).append("]\nStrengths:\n");
        if (cand.isBlank() && i <= candidates.size()) {
          sb.append("- None\nWeaknesses:\n- The response is empty and does not answer the query.");
          continue;
        }
        int words = countWords(cand);
        sb.append(words > 1 ? "- Answers the query in about " + words + " words.\n" : "- Gets straight to the point.\n")
            .append("- ").append(STRENGTHS[pick(h, STRENGTHS.length)]).append('\n')
            .append("Weaknesses:\n- ").append(WEAKNESSES[pick(mix(h + 7), WEAKNESSES.length)]);
      }
      return sb.toString();
    }

    /** Ranks every candidate by length, longest first (ties: lower number first); all n, so any top_k is covered. */
    static String ranker(int n, List<String> candidates) {
      int count = Math.max(n, 1);
      List<Integer> order = new ArrayList<>();
      for (int i = 1; i <= count; i++) order.add(i);
      if (candidates.size() == count) {
        order.sort(Comparator.comparingInt((Integer i) -> -candidates.get(i - 1).length())
            .thenComparingInt(i -> i));
      }
      List<String> parts = new ArrayList<>();
      for (int i : order) parts.add("[" + i + "]");
      return String.join(" > ", parts);
    }

    static String fuser(String prompt, int n, List<String> candidates) {
      boolean critiques = prompt.contains("<critiques>");
      StringBuilder sb = new StringBuilder("Combining ").append(n == 1 ? "1 candidate answer" : n + " candidate answers")
          .append(critiques ? " and their critiques" : "").append(':');
      String first = candidates.isEmpty() ? "" : firstSentence(candidates.get(0));
      sb.append(' ').append(first.isEmpty() ? "the candidates agree on the main points." : first);
      if (candidates.size() > 1) {
        String second = firstSentence(candidates.get(1));
        if (!second.isEmpty() && !second.equals(first)) sb.append(" Also: ").append(second);
      }
      String text = sb.toString();
      Matcher m = MAX_WORDS.matcher(prompt);
      if (m.find()) {
        int max = Integer.parseInt(m.group(1));
        List<String> parts = pieces(text);
        if (parts.size() > max) text = String.join("", parts.subList(0, Math.max(max, 1)));
      }
      return text;
    }

    static String unitTests(String prompt) {
      Matcher m = TEST_COUNT.matcher(prompt);
      int count = m.find() ? Math.max(1, Math.min(20, Integer.parseInt(m.group(1)))) : 3;
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i <= count; i++) {
        if (i > 1) sb.append('\n');
        sb.append(i).append(". ").append(TESTS[(i - 1) % TESTS.length]);
      }
      return sb.toString();
    }

    /** A verdict in the verifier's format: mostly [Correct], [Incorrect] for about one request in four. */
    static String verdict(long h) {
      return pick(h, 4) == 0 ? "The candidate misses part of what the query asks for.\n[Incorrect]"
          : "The candidate answers the query correctly and completely.\n[Correct]";
    }

    /**
     * One "[i] passed" / "[i] failed" line per test: {@code tests} of them when the call says how many (the
     * evaluator's purpose does), else one per numbered line found in the prompt (1, 2, … in sequence), else 3.
     */
    static String evaluations(String prompt, int tests, long h) {
      int count = Math.max(tests, 0);
      if (count == 0) {
        Matcher m = NUMBERED.matcher(prompt);
        while (m.find()) {
          if (Integer.parseInt(m.group(1)) == count + 1) count++;
        }
      }
      if (count == 0) count = 3;
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i <= count; i++) {
        if (i > 1) sb.append('\n');
        sb.append('[').append(i).append("] ").append(pick(mix(h + i), 4) == 0 ? "failed" : "passed");
      }
      return sb.toString();
    }

    /**
     * The candidates of a prompt built by {@code Prompts}: inside the last {@code <candidates>} section, blocks headed
     * by lines "[1]", "[2]", … in sequence (so a "[5]" line inside a candidate's text does not split it).
     */
    static List<String> candidatesIn(String prompt) {
      int open = prompt.lastIndexOf("<candidates>\n");
      if (open < 0) return List.of();
      int close = prompt.indexOf("\n</candidates>", open);
      String body = prompt.substring(open + "<candidates>\n".length(), close < 0 ? prompt.length() : close);
      List<String> out = new ArrayList<>();
      StringBuilder cur = null;
      for (String line : body.split("\n", -1)) {
        Matcher m = CANDIDATE_HEADER.matcher(line);
        if (m.matches() && Integer.parseInt(m.group(1)) == out.size() + (cur == null ? 1 : 2)) {
          if (cur != null) out.add(cur.toString().strip());
          cur = new StringBuilder();
        } else if (cur != null) {
          cur.append(line).append('\n');
        }
      }
      if (cur != null) out.add(cur.toString().strip());
      return out;
    }

    private static String lastUserText(List<Message> messages) {
      for (int i = messages.size() - 1; i >= 0; i--) {
        Message m = messages.get(i);
        if ("user".equals(m.role())) return m.content() == null ? "" : m.content();
      }
      return "";
    }

    /** The first 12 words (at most 80 characters) of the text on one line, with an ellipsis when cut. */
    private static String quote(String text) {
      String flat = text.strip().replaceAll("\\s+", " ").replace('"', '\'');
      if (flat.isEmpty()) return "your message";
      List<String> words = List.of(flat.split(" "));
      String q = String.join(" ", words.subList(0, Math.min(12, words.size())));
      if (q.length() > 80) q = q.substring(0, 80).strip();
      return q.length() < flat.length() ? q + "…" : q;
    }

    private static String firstSentence(String text) {
      String flat = text.strip().replaceAll("\\s+", " ");
      for (int i = 0; i < flat.length(); i++) {
        char c = flat.charAt(i);
        if ((c == '.' || c == '!' || c == '?') && (i + 1 == flat.length() || flat.charAt(i + 1) == ' ')) {
          return flat.substring(0, i + 1);
        }
      }
      return flat.length() > 200 ? flat.substring(0, 200).strip() + "…" : flat;
    }

    private static String cutAtStop(String text, List<String> stop) {
      int cut = text.length();
      for (String s : stop) {
        if (s == null || s.isEmpty()) continue;
        int at = text.indexOf(s);
        if (at >= 0 && at < cut) cut = at;
      }
      return text.substring(0, cut);
    }

    static int countWords(String text) {
      if (text == null) return 0;
      int words = 0;
      boolean in = false;
      for (int i = 0; i < text.length(); i++) {
        boolean ws = Character.isWhitespace(text.charAt(i));
        if (!ws && !in) words++;
        in = !ws;
      }
      return words;
    }

    /** A stable hash (FNV-1a, then SplitMix64) of everything that defines the answer: the same on every run and JVM. */
    private static long hash(ChatRequest req, String model) {
      StringBuilder sb = new StringBuilder(model).append('\u0000');
      for (Message m : req.messages()) sb.append(m.role()).append('\u0001').append(m.content()).append('\u0000');
      sb.append(req.temperature()).append('\u0000').append(req.topP()).append('\u0000').append(req.seed())
          .append('\u0000').append(req.purpose().role());
      return mix(fnv(sb.toString()));
    }

    private static long fnv(String s) {
      long h = 0xcbf29ce484222325L;
      for (int i = 0; i < s.length(); i++) {
        h ^= s.charAt(i);
        h *= 0x100000001b3L;
      }
      return h;
    }

    /** SplitMix64 finaliser: spreads FNV's weak low bits so {@link #pick} is even. */
    private static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      return z ^ (z >>> 31);
    }

    private static int pick(long h, int size) {
      return (int) Math.floorMod(h, (long) size);
    }
  }
}
