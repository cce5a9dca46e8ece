package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.archon.gateway.support.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strict reading of rerank replies. */
class RerankProviderTest {
  private static List<Integer> order(String json, int docs, int topN) {
    return RerankProvider.scores(Json.parse(json), docs, topN).stream().map(RerankProvider.Score::index).toList();
  }

  @Test
  void bestFirstWithTiesInDocumentOrder() {
    assertEquals(List.of(1, 0, 2), order("{\"results\":[{\"index\":2,\"relevance_score\":0.1},"
        + "{\"index\":0,\"relevance_score\":0.5},{\"index\":1,\"relevance_score\":0.9}]}", 3, 3));
    assertEquals(List.of(0, 2), order("{\"results\":[{\"index\":2,\"relevance_score\":0.5},"
        + "{\"index\":0,\"relevance_score\":0.5},{\"index\":1,\"relevance_score\":0.1}]}", 3, 2));
    assertEquals(List.of(1), order("{\"results\":[{\"index\":1,\"score\":2.5}]}", 3, 1));
  }

  @Test
  void duplicatesOutOfRangeTooFewOrMalformedAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> order("{\"results\":[{\"index\":0,\"relevance_score\":1},"
        + "{\"index\":0,\"relevance_score\":0.5}]}", 2, 2));
    assertThrows(IllegalArgumentException.class, () -> order("{\"results\":[{\"index\":3,\"relevance_score\":1}]}", 2, 1));
    assertThrows(IllegalArgumentException.class, () -> order("{\"results\":[{\"index\":0,\"relevance_score\":1}]}", 2, 2));
    assertThrows(IllegalArgumentException.class, () -> order("{\"results\":[{\"index\":0}]}", 1, 1));
    assertThrows(IllegalArgumentException.class, () -> order("{\"data\":[]}", 1, 1));
  }
}
