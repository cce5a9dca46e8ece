package ai.archon.gateway.bench.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.archon.gateway.config.Prices;
import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.Sampling;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.provider.ChatProvider;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reply cache: keys by model, messages, parameters and sample index; kept on disk; priced per call. */
class CachedCallsTest {
  @TempDir Path tmp;

  /** An upstream that numbers its replies, so a reply from the cache is told from a new one. */
  private static final class Counting implements ChatProvider {
    final AtomicInteger calls = new AtomicInteger();

    @Override public String name() { return "OpenAI_API"; }

    @Override
    public Future<ChatResult> complete(ChatRequest request, CallContext ctx) {
      return Future.succeededFuture(new ChatResult("reply " + calls.incrementAndGet(), new Usage(1_000_000, 500_000),
          "stop"));
    }

    @Override
    public Future<ChatResult> stream(ChatRequest request, CallContext ctx, Consumer<String> onDelta) {
      return complete(request, ctx);
    }
  }

  private static ChatRequest ask(String text, Double temperature) {
    return new ChatRequest("m", List.of(Message.user(text)), new Sampling(temperature, null, null, List.of(), null, null), null, null);
  }

  private static String text(Future<ChatResult> f) {
    return f.result().text();
  }

  @Test
  void theNthIdenticalCallOfARequestIsSampleNAndSharedWithOtherRequests() {
    Counting upstream = new Counting();
    Prices prices = new Prices(Map.of("OpenAI_API/m", new Prices.Price(1.0, 2.0)));
    CallMeter meter = new CallMeter();
    try (CallCache cache = CallCache.open(tmp.resolve("calls.jsonl"))) {
      ChatProvider p = new CachedCalls(cache, prices, meter).apply(upstream);
      CallContext first = new CallContext("r1");
      String s0 = text(p.complete(ask("q", 0.7), first));
      String s1 = text(p.complete(ask("q", 0.7), first));
      assertNotEquals(s0, s1, "two samples in one request are two calls");
      CallContext second = new CallContext("r2");
      assertEquals(s0, text(p.complete(ask("q", 0.7), second)), "another request's first sample is the first");
      assertEquals(s1, text(p.complete(ask("q", 0.7), second)));
      assertNotEquals(s0, text(p.complete(ask("q", 0.2), second)), "other parameters, another call");
      assertEquals(3, upstream.calls.get());
      assertEquals(2, cache.saved());
      assertEquals(3, cache.upstreamCalls());
      assertEquals(3 * 2.0, cache.upstreamUsd(), 1e-9, "1M input tokens at $1, 0.5M output at $2 per call");
      assertEquals(5, meter.calls());
      assertEquals(5 * 2.0, meter.usd(), 1e-9, "a deployment pays for the cached ones too");
    }
    Counting later = new Counting();
    try (CallCache cache = CallCache.open(tmp.resolve("calls.jsonl"))) {
      ChatProvider p = new CachedCalls(cache, Prices.NONE, new CallMeter()).apply(later);
      assertEquals("reply 1", text(p.complete(ask("q", 0.7), new CallContext("r3"))), "from the file");
      assertEquals(0, later.calls.get());
    }
  }

  @Test
  void aLineCutShortByAKillIsSkippedAndTheNextReplyStillLands() throws Exception {
    Path file = tmp.resolve("calls.jsonl");
    java.nio.file.Files.writeString(file, "{\"key\": \"cut sh");
    Counting upstream = new Counting();
    try (CallCache cache = CallCache.open(file)) {
      new CachedCalls(cache, Prices.NONE, new CallMeter()).apply(upstream).complete(ask("q", 0.7), new CallContext("r"));
    }
    try (CallCache cache = CallCache.open(file)) {
      assertEquals(1, cache.size(), "the new reply, not glued to the cut line");
    }
  }
}
