package ai.archon.gateway.bench.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ridge regression with an upper confidence bound: learns a feature's effect, stays unsure of unseen features. */
class SurrogateTest {
  @Test
  void invertsASymmetricMatrix() {
    double[][] a = {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}};
    double[][] inv = Surrogate.invert(a);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) s += a[i][k] * inv[k][j];
        assertEquals(i == j ? 1 : 0, s, 1e-12);
      }
    }
  }

  @Test
  void learnsWhichFeatureHelpsAndIsUnsureOfTheUnseenOne() {
    // features: bias, f1, f2; f1 adds 2 points, f2 is never seen
    List<double[]> xs = List.of(new double[] {1, 0, 0}, new double[] {1, 1, 0}, new double[] {1, 0, 0},
        new double[] {1, 1, 0});
    Surrogate s = Surrogate.fit(xs, List.of(5.0, 7.0, 5.0, 7.0), 3);
    assertTrue(s.predict(new double[] {1, 1, 0}) > s.predict(new double[] {1, 0, 0}) + 0.5, "f1 helps (shrunk by the ridge)");
    double seen = s.deviation(new double[] {1, 1, 0});
    double unseen = s.deviation(new double[] {1, 1, 1});
    assertTrue(unseen > seen, unseen + " > " + seen);
    assertTrue(s.upperBound(new double[] {1, 1, 1}) > s.upperBound(new double[] {1, 1, 0}),
        "the bound explores the unseen feature");
    assertTrue(s.lowerBound(new double[] {1, 1, 0}) < s.predict(new double[] {1, 1, 0}));
  }

  @Test
  void withoutDataEveryPredictionIsZeroAndTheBoundGrowsWithTheFeatures() {
    Surrogate s = Surrogate.fit(List.of(), List.of(), 3);
    assertEquals(0, s.predict(new double[] {1, 1, 1}), 1e-12);
    assertTrue(s.upperBound(new double[] {1, 1, 1}) > s.upperBound(new double[] {1, 0, 0}));
  }
}
