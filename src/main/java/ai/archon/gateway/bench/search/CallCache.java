package ai.archon.gateway.bench.search;

import ai.archon.gateway.model.JsonIo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every upstream reply the search has had, keyed by (model, messages, parameters, sample index) and shared by all
 * candidates, their judging, later runs and {@code --resume}: one JSON line per reply in {@code calls.jsonl}. New
 * replies are kept in memory while a command runs (its calls finish on event loops, which must not write files) and
 * appended by {@link #flush()} from the search's own thread between commands.
 */
final class CallCache implements AutoCloseable {
  /** What a later identical call gets back instead of calling upstream again. */
  record Reply(String text, long promptTokens, long completionTokens, String finishReason) { }

  private final Path file;
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final List<String> unwritten = new ArrayList<>();
  private final AtomicLong upstreamCalls = new AtomicLong();
  private final AtomicLong saved = new AtomicLong();
  private double upstreamUsd;

  private CallCache(Path file) {
    this.file = file;
  }

  /** The cache in {@code file}, with every reply already there (a missing file is an empty cache). */
  static CallCache open(Path file) {
    CallCache cache = new CallCache(file);
    if (!Files.isRegularFile(file)) return cache;
    try {
      Lines.endWithNewline(file);
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) continue;
        JsonNode n;
        try {
          n = JsonIo.MAPPER.readTree(line);
        } catch (IOException e) {
          continue; // a line cut short by a killed run: that reply is asked again
        }
        cache.replies.put(n.path("key").asText(), new Reply(n.path("text").asText(), n.path("prompt_tokens").asLong(),
            n.path("completion_tokens").asLong(), n.path("finish_reason").asText(null)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the call cache " + file, e);
    }
    return cache;
  }

  Reply get(String key) {
    return replies.get(key);
  }

  /** Keeps a reply that went upstream and cost {@code usd} (written at the next {@link #flush()}). */
  void put(String key, Reply reply, double usd) {
    upstreamCalls.incrementAndGet();
    synchronized (this) {
      upstreamUsd += usd;
    }
    if (replies.putIfAbsent(key, reply) != null) return;
    ObjectNode n = JsonIo.MAPPER.createObjectNode().put("key", key).put("text", reply.text())
        .put("prompt_tokens", reply.promptTokens()).put("completion_tokens", reply.completionTokens())
        .put("finish_reason", reply.finishReason());
    synchronized (unwritten) {
      unwritten.add(n.toString());
    }
  }

  /** Counts a call answered from the cache (or joined to an identical call in flight) instead of upstream. */
  void savedOne() {
    saved.incrementAndGet();
  }

  /** Upstream calls made since this cache was opened (this run). */
  long upstreamCalls() {
    return upstreamCalls.get();
  }

  /** What the upstream calls since this cache was opened cost (from {@code price_per_mtok}; 0 without prices). */
  synchronized double upstreamUsd() {
    return upstreamUsd;
  }

  /** Calls this run did not make because an earlier identical call's reply was reused. */
  long saved() {
    return saved.get();
  }

  int size() {
    return replies.size();
  }

  /** Appends the replies kept since the last flush. Not for event loops (file I/O). */
  void flush() {
    List<String> lines;
    synchronized (unwritten) {
      lines = new ArrayList<>(unwritten);
      unwritten.clear();
    }
    if (lines.isEmpty()) return;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND)) {
        for (String l : lines) {
          w.write(l);
          w.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the call cache " + file, e);
    }
  }

  @Override
  public void close() {
    flush();
  }
}
