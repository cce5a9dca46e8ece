package ai.archon.gateway.bench.search;

import ai.archon.gateway.model.JsonIo;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One point of the search space, in Archon's layer order: an optional unit_test_generator layer, one layer of
 * generators ({@code samples} each), then optional critic, ranker ({@code top_k}), verifier and unit_test_evaluator
 * layers, then {@code fuserDepth} fuser layers ({@code fuserWidth} fusers in each but the last, which has one). Every
 * component after the generators uses the {@code aggregator} model (null when there is none), as most published
 * Archon configs use one strong model for all of them.
 */
record Architecture(List<ModelRef> generators, int samples, ModelRef aggregator, Stages stages) {
  /** The layers after the generators' (all of them the aggregator's), in Archon's order. */
  record Stages(boolean critic, int rankerTopK, boolean verifier, boolean unitTests, int fuserDepth, int fuserWidth) {
    Stages withCritic(boolean c) {
      return new Stages(c, rankerTopK, verifier, unitTests, fuserDepth, fuserWidth);
    }

    Stages withRankerTopK(int k) {
      return new Stages(critic, k, verifier, unitTests, fuserDepth, fuserWidth);
    }

    Stages withVerifier(boolean v) {
      return new Stages(critic, rankerTopK, v, unitTests, fuserDepth, fuserWidth);
    }

    Stages withUnitTests(boolean u) {
      return new Stages(critic, rankerTopK, verifier, u, fuserDepth, fuserWidth);
    }

    Stages withFusers(int depth, int width) {
      return new Stages(critic, rankerTopK, verifier, unitTests, depth, width);
    }
  }

  static final double GENERATOR_TEMPERATURE = 0.7;
  static final double FUSER_TEMPERATURE = 0.7;
  static final int UNIT_TESTS = 3;

  Architecture {
    generators = List.copyOf(generators);
  }

  Architecture with(Stages s) {
    return new Architecture(generators, samples, aggregator, s);
  }

  Architecture withSamples(int n) {
    return new Architecture(generators, n, aggregator, stages);
  }

  Architecture withGenerators(List<ModelRef> g) {
    return new Architecture(g, samples, aggregator, stages);
  }

  boolean critic() {
    return stages.critic();
  }

  boolean verifier() {
    return stages.verifier();
  }

  boolean unitTests() {
    return stages.unitTests();
  }

  int rankerTopK() {
    return stages.rankerTopK();
  }

  int fuserDepth() {
    return stages.fuserDepth();
  }

  int fuserWidth() {
    return stages.fuserWidth();
  }

  /** The Archon config named {@code name}: drop it in the configs folder and the gateway serves it. */
  ObjectNode config(String name) {
    ObjectNode root = JsonIo.MAPPER.createObjectNode().put("name", name);
    ArrayNode layers = root.putArray("layers");
    if (unitTests()) {
      layers.addArray().add(component("unit_test_generator", aggregator, 0.0).put("unit_test_cap", UNIT_TESTS));
    }
    ArrayNode gens = layers.addArray();
    generators.forEach(g -> gens.add(component("generator", g, GENERATOR_TEMPERATURE).put("samples", samples)));
    if (critic()) layers.addArray().add(component("critic", aggregator, 0.0));
    if (rankerTopK() > 0) {
      layers.addArray()
          .add(component("ranker", aggregator, 0.0).put("top_k", rankerTopK()).put("use_critiques", critic()));
    }
    if (verifier()) layers.addArray().add(component("verifier", aggregator, 0.0));
    if (unitTests()) layers.addArray().add(component("unit_test_evaluator", aggregator, 0.0));
    for (int d = 1; d <= fuserDepth(); d++) {
      ArrayNode fusers = layers.addArray();
      int width = d == fuserDepth() ? 1 : fuserWidth();
      for (int w = 0; w < width; w++) fusers.add(component("fuser", aggregator, FUSER_TEMPERATURE));
    }
    return root;
  }

  /** Sequential layers: the critical path every query waits for. */
  int layers() {
    return (unitTests() ? 2 : 0) + 1 + (critic() ? 1 : 0) + (rankerTopK() > 0 ? 1 : 0) + (verifier() ? 1 : 0)
        + fuserDepth();
  }

  /** Candidates the generator layer produces. */
  int candidates() {
    return generators.size() * samples;
  }

  /** A stable name from the config's content, so a resumed or repeated search finds its earlier evaluations. */
  String id() {
    try {
      byte[] json = JsonIo.MAPPER.writeValueAsBytes(config("x"));
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(json);
      return "arch-" + HexFormat.of().formatHex(hash, 0, 5);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Short readable description for progress lines and the report. */
  String describe() {
    StringBuilder sb = new StringBuilder();
    List<String> names = new ArrayList<>();
    generators.forEach(g -> names.add(g.model()));
    sb.append(String.join("+", names));
    if (samples > 1) sb.append(" x").append(samples);
    if (unitTests()) sb.append(" | unit tests");
    if (critic()) sb.append(" | critic");
    if (rankerTopK() > 0) sb.append(" | rank top ").append(rankerTopK());
    if (verifier()) sb.append(" | verify");
    if (fuserDepth() == 1) sb.append(" | fuse");
    if (fuserDepth() > 1) sb.append(fuserWidth() == 1 ? " | fuse twice" : " | fuse " + fuserWidth() + " wide, then 1");
    if (aggregator != null) sb.append(" by ").append(aggregator.model());
    return sb.toString();
  }

  /**
   * The surrogate's features: which models generate, which pairs of them generate together (so a fusion that only a
   * pair makes good can be learnt), samples, each optional layer, fuser depth and width, and the aggregator.
   */
  double[] features(List<ModelRef> models) {
    int m = models.size();
    double[] x = new double[1 + m + m * (m - 1) / 2 + 6 + m];
    int i = 0;
    x[i++] = 1;
    for (ModelRef g : models) x[i++] = generators.contains(g) ? 1 : 0;
    for (int a = 0; a < m; a++) {
      for (int b = a + 1; b < m; b++) x[i++] = generators.contains(models.get(a)) && generators.contains(models.get(b)) ? 1 : 0;
    }
    x[i++] = samples - 1;
    x[i++] = critic() ? 1 : 0;
    x[i++] = rankerTopK();
    x[i++] = verifier() ? 1 : 0;
    x[i++] = unitTests() ? 1 : 0;
    x[i++] = fuserDepth() + (fuserDepth() > 1 ? fuserWidth() - 1 : 0);
    for (ModelRef a : models) x[i++] = a.equals(aggregator) ? 1 : 0;
    return x;
  }

  private static ObjectNode component(String type, ModelRef model, double temperature) {
    return JsonIo.MAPPER.createObjectNode().put("type", type).put("model", model.model())
        .put("model_type", model.modelType()).put("temperature", temperature);
  }
}
