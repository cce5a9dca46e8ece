package ai.archon.gateway.provider.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.Purpose;
import ai.archon.gateway.model.Sampling;
import ai.archon.gateway.pipeline.CritiqueParser;
import ai.archon.gateway.pipeline.Prompts;
import ai.archon.gateway.pipeline.RankingParser;
import ai.archon.gateway.pipeline.UnitTestVerdictParser;
import ai.archon.gateway.pipeline.VerdictParser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class MockProviderTest {

  private static final List<Message> CONVO = List.of(Message.system("Be helpful."),
      Message.user("How do I make a good cup of tea without a kettle, using only a saucepan and a stove?"));

  private static ChatRequest request(String model, List<Message> messages, Purpose purpose) {
    return new ChatRequest(model, messages, new Sampling(0.7, null, null, null, null, null), purpose, null);
  }

  private static ChatResult complete(MockProvider mock, ChatRequest req) {
    return mock.complete(req, CallContext.detached()).await();
  }

  /** Candidates from n differently named mock generators, so their texts differ. */
  private static List<String> candidates(MockProvider mock, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(complete(mock, request("mock-gen-" + i, CONVO, Purpose.DIRECT)).text());
    }
    return out;
  }

  @Test
  void nameIsThePassedName(Vertx vertx) {
    assertEquals("Mock", new MockProvider(vertx, "Mock").name());
  }

  @Test
  void generatorIsDeterministicAndVariesByModel(Vertx vertx) {
    MockProvider mock = new MockProvider(vertx, "Mock");
    ChatResult a = complete(mock, request("mock-sage", CONVO, Purpose.DIRECT));
    ChatResult b = complete(mock, request("mock-sage", CONVO, Purpose.DIRECT));
    assertEquals(a, b);
    assertTrue(a.text().contains("mock-sage"), a.text());
    assertTrue(a.text().contains("How do I make a good cup of tea"), a.text());
    assertEquals("stop", a.finishReason());

    Set<String> texts = new HashSet<>();
    for (int i = 0; i < 8; i++) texts.add(complete(mock, request("mock-" + i, CONVO, Purpose.DIRECT)).text());
    assertEquals(8, texts.size(), "model names give different answers");
    // The latency suffix changes timing, not content.
    assertEquals(a.text(), complete(mock, request("mock-sage@1ms", CONVO, Purpose.DIRECT)).text());
  }

  @Test
  void usageCountsWords(Vertx vertx) {
    MockProvider mock = new MockProvider(vertx, "Mock");
    ChatResult r = complete(mock, request("m", List.of(Message.system("two words"), Message.user("three more words")),
        Purpose.DIRECT));
    assertEquals(5, r.usage().promptTokens());
    assertEquals(r.text().trim().split("\\s+").length, r.usage().completionTokens());
  }

  @Test
  void criticAndRankerRepliesParseForOneToSevenCandidates(Vertx vertx) {
    MockProvider mock = new MockProvider(vertx, "Mock");
    for (int n = 1; n <= 7; n++) {
      List<String> cands = candidates(mock, n);
      String critique = complete(mock, request("mock-critic", Prompts.critic(CONVO, cands), new Purpose("critic", n)))
          .text();
      Optional<List<String>> critiques = CritiqueParser.parse(critique, n);
      assertTrue(critiques.isPresent(), "n=" + n + ":\n" + critique);
      assertTrue(critiques.get().get(0).startsWith("Strengths:"));

      for (int topK = 1; topK <= n + 1; topK++) {
        for (List<String> crits : java.util.Arrays.asList(null, critiques.get())) {
          String ranking = complete(mock, request("mock-ranker", Prompts.ranker(CONVO, cands, crits, topK),
              new Purpose("ranker", n))).text();
          Optional<List<Integer>> order = RankingParser.parse(ranking, n, topK);
          assertTrue(order.isPresent(), ranking);
          assertEquals(Math.min(topK, n), order.get().size());
          // Documented rule: longest candidate first.
          int best = order.get().get(0);
          for (String c : cands) assertTrue(cands.get(best).length() >= c.length());
        }
      }
    }
  }

  @Test
  void fuserDrawsOnTheCandidatesAndHonoursMaxWords(Vertx vertx) {
    MockProvider mock = new MockProvider(vertx, "Mock");
    List<String> cands = List.of("Heat water in a saucepan until it simmers. Then add the tea.", "Use a pan. Done.");
    String fused = complete(mock, request("mock-fuser", Prompts.fuser(CONVO, cands, null, null),
        new Purpose("fuser", 2))).text();
    assertTrue(fused.startsWith("Combining 2 candidate answers:"), fused);
    assertTrue(fused.contains("Heat water in a saucepan until it simmers."), fused);

    String withCritiques = complete(mock, request("mock-fuser", Prompts.fuser(CONVO, cands, List.of("a", "b"), 10),
        new Purpose("fuser", 2, 10))).text();
    assertTrue(withCritiques.startsWith("Combining 2 candidate answers and their critiques:"), withCritiques);
    assertTrue(withCritiques.split("\\s+").length <= 10, withCritiques);
  }

  @Test
  void extensionRoles(Vertx vertx) {
    MockProvider mock = new MockProvider(vertx, "Mock");
    String verdict = complete(mock, request("v", CONVO, new Purpose("verifier", 1))).text();
    assertTrue(VerdictParser.parse(verdict).isPresent(), verdict);
    String reasoning = complete(mock, request("v", CONVO, new Purpose("verifier_reasoning", 1))).text();
    assertTrue(VerdictParser.parse(reasoning).isEmpty(), reasoning);

    String tests = complete(mock, request("g", List.of(Message.user("Write the unit tests for the query.")),
        new Purpose("unit_test_generator", 0, 4))).text();
    assertEquals(4, tests.lines().count());
    assertTrue(tests.startsWith("1. "));

    String eval = complete(mock, request("e", List.of(Message.user("Tests:\n1. a\n2. b\n3. c\n4. d\n5. e")),
        new Purpose("unit_test_evaluator", 5))).text();
    List<String> lines = eval.lines().toList();
    assertEquals(5, lines.size());
    for (int i = 0; i < 5; i++) assertTrue(lines.get(i).matches("\\[" + (i + 1) + "\\] (passed|failed)"), eval);
    String three = complete(mock, request("e", List.of(Message.user("Tests:\n1. a\n2. b\n3. c\n4. d\n5. e")),
        new Purpose("unit_test_evaluator", 3))).text();
    assertTrue(UnitTestVerdictParser.parse(three, 3).isPresent(), three);
  }

  @Test
  void maxTokensAndStopCutTheAnswer(Vertx vertx) {
    MockProvider mock = new MockProvider(vertx, "Mock");
    ChatRequest base = request("mock-sage", CONVO, Purpose.DIRECT);
    String full = complete(mock, base).text();
    ChatResult cut = complete(mock, base.withMaxTokens(3));
    assertEquals("length", cut.finishReason());
    assertEquals(3, cut.usage().completionTokens());
    assertTrue(full.startsWith(cut.text()));

    ChatRequest stopped = new ChatRequest("mock-sage", CONVO, new Sampling(0.7, null, null, List.of("\""), null, null), null, null);
    String s = complete(mock, stopped).text();
    assertFalse(s.contains("\""));
    assertTrue(full.startsWith(s));
  }

  @Test
  void latencyIsHonouredWithoutBlocking(Vertx vertx) {
    MockProvider mock = new MockProvider(vertx, "Mock");
    long t0 = System.nanoTime();
    Future<ChatResult> f = mock.complete(request("mock-sage@200ms", CONVO, Purpose.DIRECT), CallContext.detached());
    assertFalse(f.isComplete(), "the call returns at once and answers later");
    f.await();
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms >= 190 && ms < 3000, "took " + ms + " ms");

    assertTrue(mock.complete(request("mock-sage", CONVO, Purpose.DIRECT), CallContext.detached()).isComplete());
  }

  @Test
  void streamConcatenationEqualsCompleteText(Vertx vertx) {
    MockProvider mock = new MockProvider(vertx, "Mock");
    for (String model : List.of("mock-sage", "mock-sage@30ms", "mock-sage@10ms/2ms")) {
      for (Purpose p : List.of(Purpose.DIRECT, new Purpose("critic", 3), new Purpose("ranker", 3))) {
        ChatRequest req = request(model, Prompts.critic(CONVO, List.of("a b", "c", "d e f")), p);
        String expected = complete(mock, req).text();
        StringBuilder got = new StringBuilder();
        List<String> pieces = new ArrayList<>();
        ChatResult r = mock.stream(req, CallContext.detached(), d -> {
          pieces.add(d);
          got.append(d);
        }).await();
        assertEquals(expected, got.toString());
        assertEquals(expected, r.text());
        assertTrue(pieces.size() > 1);
        pieces.forEach(piece -> assertFalse(piece.isEmpty()));
      }
    }
  }

  @Test
  void streamWaitsBeforeTheFirstPiece(Vertx vertx) {
    MockProvider mock = new MockProvider(vertx, "Mock");
    long t0 = System.nanoTime();
    long[] firstAt = {-1};
    mock.stream(request("mock-sage@150ms", CONVO, Purpose.DIRECT), CallContext.detached(), d -> {
      if (firstAt[0] < 0) firstAt[0] = System.nanoTime();
    }).await();
    long ms = TimeUnit.NANOSECONDS.toMillis(firstAt[0] - t0);
    assertTrue(ms >= 140 && ms < 3000, "first piece after " + ms + " ms");
  }

  @Test
  void streamStopsWhenCancelled(Vertx vertx, VertxTestContext tc) {
    MockProvider mock = new MockProvider(vertx, "Mock");
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      CallContext call = new CallContext("r1");
      List<String> pieces = new ArrayList<>();
      mock.stream(request("mock-sage@5ms/5ms", CONVO, Purpose.DIRECT), call, d -> {
        pieces.add(d);
        if (pieces.size() == 2) vertx.setTimer(1, id -> call.cancel());
      }).onComplete(tc.failing(err -> tc.verify(() -> {
        assertInstanceOf(CancellationException.class, err);
        int seen = pieces.size();
        // No piece may arrive after the failure.
        vertx.setTimer(60, id -> tc.verify(() -> {
          assertEquals(seen, pieces.size());
          assertTrue(seen >= 2 && seen <= 3, "pieces " + seen);
          tc.completeNow();
        }));
      })));
    });
  }

  @Test
  void cancelFromTheConsumerStopsAtOnce(Vertx vertx, VertxTestContext tc) {
    MockProvider mock = new MockProvider(vertx, "Mock");
    CallContext call = new CallContext("r2");
    List<String> pieces = new ArrayList<>();
    vertx.getOrCreateContext().runOnContext(v -> mock.stream(request("mock-sage", CONVO, Purpose.DIRECT), call, d -> {
      pieces.add(d);
      call.cancel();
    }).onComplete(tc.failing(err -> vertx.setTimer(30, id -> tc.verify(() -> {
      assertInstanceOf(CancellationException.class, err);
      assertEquals(1, pieces.size());
      tc.completeNow();
    })))));
  }

  @Test
  void completeFailsWhenCancelledDuringTheWaitOrBefore(Vertx vertx, VertxTestContext tc) {
    MockProvider mock = new MockProvider(vertx, "Mock");
    CallContext before = new CallContext("r3");
    before.cancel();
    assertTrue(mock.complete(request("mock-sage", CONVO, Purpose.DIRECT), before).failed());
    assertTrue(mock.stream(request("mock-sage", CONVO, Purpose.DIRECT), before, d -> { }).failed());

    vertx.getOrCreateContext().runOnContext(v -> {
      CallContext call = new CallContext("r4");
      long t0 = System.nanoTime();
      mock.complete(request("mock-sage@5000ms", CONVO, Purpose.DIRECT), call)
          .onComplete(tc.failing(err -> tc.verify(() -> {
            assertInstanceOf(CancellationException.class, err);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2));
            tc.completeNow();
          })));
      vertx.setTimer(20, id -> call.cancel());
    });
  }

  @Test
  void latencySuffixParsing() {
    assertEquals(200, MockProvider.latency("mock-sage@200ms")[0]);
    assertEquals(0, MockProvider.latency("mock-sage@200ms")[1]);
    assertEquals(15, MockProvider.latency("m@200ms/15ms")[1]);
    assertEquals(0, MockProvider.latency("claude@20240620")[0]);
    assertEquals("mock-sage", MockProvider.displayModel("mock-sage@200ms"));
    assertNotEquals("", MockProvider.displayModel(null));
  }

  @Test
  void piecesKeepLeadingWhitespace() {
    assertEquals(List.of("Hello", " big", "\n\nworld", "  "), MockText.pieces("Hello big\n\nworld  "));
    assertEquals(List.of("  x"), MockText.pieces("  x"));
    assertEquals(List.of(), MockText.pieces(""));
  }

  /** Counts and limits come from the purpose, candidates from the marked sections: the prompt's wording is not read. */
  @Test
  void answersFollowThePurposeAndTheMarkersNotTheWording(Vertx vertx) {
    MockProvider mock = new MockProvider(vertx, "Mock");
    String reworded = "Please keep it no longer than 3 words and write 9 unit tests.\n\n<candidates>\n[1]\n"
        + "First answer here. More.\n\n[2]\nSecond answer.\n</candidates>\n";
    String fused = complete(mock, request("f", List.of(Message.user(reworded)), new Purpose("fuser", 2))).text();
    assertEquals("Combining 2 candidate answers: First answer here. Also: Second answer.", fused);
    String tests = complete(mock, request("g", List.of(Message.user(reworded)),
        new Purpose("unit_test_generator", 0, 2))).text();
    assertEquals(2, tests.lines().count(), tests);
    String ranking = complete(mock, request("r", List.of(Message.user(reworded)), new Purpose("ranker", 2))).text();
    assertEquals("[1] > [2]", ranking, "longest first, read from the <candidates> section");
  }
}
