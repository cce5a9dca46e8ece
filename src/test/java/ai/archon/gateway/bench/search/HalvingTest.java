package ai.archon.gateway.bench.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.archon.gateway.model.JsonIo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optimiser's rules on made-up scores: rungs, promotions, the cost limit, the best and the Pareto frontier. */
class HalvingTest {
  private static final List<ModelRef> MODELS = List.of(ModelRef.parse("OpenAI_API/a"), ModelRef.parse("OpenAI_API/b"));

  private static Evaluation eval(String id, int rung, double score, double cost) {
    return new Evaluation(id, id, JsonIo.MAPPER.createObjectNode(), new Evaluation.Result(rung, score, score, score, 2), new Evaluation.Cost(2, cost, 1, 2), new Evaluation.Progress(0, 0,
        0, 0));
  }

  @Test
  void rungsGrowByAThirdDownToTwoQuestions() {
    assertArrayEquals(new int[] {2, 6}, Halving.rungs(6));
    assertArrayEquals(new int[] {3, 9, 27, 80}, Halving.rungs(80));
    assertArrayEquals(new int[] {3}, Halving.rungs(3));
    assertArrayEquals(new int[] {1}, Halving.rungs(1));
  }

  @Test
  void promotesTheTopThirdOfARungWithinTheCostLimitFirst() {
    List<Architecture> space = SearchSpace.enumerate(MODELS, Integer.MAX_VALUE);
    Halving h = new Halving(space, MODELS, new int[] {2, 6}, 0.5);
    List<Evaluation> done = new ArrayList<>();
    // six on rung 0: the best (9) is over the cost limit, so the two promoted are the 8 and the 7
    String[] ids = new String[6];
    double[] scores = {9, 8, 7, 6, 5, 4};
    for (int i = 0; i < 6; i++) {
      ids[i] = space.get(i).id();
      done.add(eval(ids[i], 0, scores[i], i == 0 ? 1.0 : 0.1));
    }
    Halving.Step first = h.next(done);
    assertEquals(ids[1], first.architecture().id());
    assertEquals(1, first.rung());
    done.add(eval(ids[1], 1, 8, 0.1));
    Halving.Step second = h.next(done);
    // five within the limit: a third of five is one, already promoted, so a new architecture comes next
    assertEquals(0, second.rung());
    assertEquals(ids[1], Halving.best(done, 0.5, Integer.MAX_VALUE).id(), "the best is on the highest rung");
  }

  @Test
  void theFrontierKeepsWhatNothingBeatsForLess() {
    List<Evaluation> done = List.of(eval("cheap", 0, 5, 0.1), eval("dear-better", 0, 8, 0.4), eval("dominated", 0, 5, 0.3),
        eval("dearest-best", 0, 9, 0.9), eval("dear-worse", 0, 7, 0.5));
    assertEquals(List.of("cheap", "dear-better", "dearest-best"),
        Halving.frontier(done, 0).stream().map(Evaluation::id).toList());
    assertEquals("dear-better", Halving.best(done, 0.5, Integer.MAX_VALUE).id(), "the best within the cost limit");
    assertNull(Halving.best(done, 0.05, Integer.MAX_VALUE));
  }

  @Test
  void oneStepSimplerDropsOneThingAtATime() {
    ModelRef a = MODELS.get(0);
    ModelRef b = MODELS.get(1);
    Architecture rich = new Architecture(MODELS, 2, b, new Architecture.Stages(true, 1, false, false, 2, 2));
    List<String> simpler = Halving.simpler(rich).stream().map(Architecture::describe).toList();
    assertEquals(List.of("a+b | critic | rank top 1 | fuse 2 wide, then 1 by b",
        "a+b x2 | critic | rank top 1 | fuse twice by b", "a+b x2 | critic | rank top 1 | fuse by b",
        "a+b x2 | rank top 1 | fuse 2 wide, then 1 by b", "a+b x2 | critic | fuse 2 wide, then 1 by b",
        "b x2 | critic | rank top 1 | fuse 2 wide, then 1 by b", "a x2 | critic | rank top 1 | fuse 2 wide, then 1 by b"),
        simpler);
    assertEquals(List.of(), Halving.simpler(new Architecture(List.of(a), 1, null, new Architecture.Stages(false, 0, false, false, 0, 1))));
  }

  @Test
  void startsWithEachModelAloneThenConvergesAfterPatienceWithoutImprovement() {
    List<Architecture> space = SearchSpace.enumerate(MODELS, Integer.MAX_VALUE);
    Halving h = new Halving(space, MODELS, new int[] {2}, Double.POSITIVE_INFINITY);
    List<Evaluation> done = new ArrayList<>();
    assertEquals("a", h.next(done).architecture().describe());
    done.add(eval(h.next(done).architecture().id(), 0, 6, 0));
    assertEquals("b", h.next(done).architecture().describe());
    for (int i = 0; i < h.patience(); i++) {
      Halving.Step s = h.next(done);
      done.add(eval(s.architecture().id(), 0, 5, 0));
    }
    assertNull(h.next(done), "no new architecture beat 6 in " + h.patience() + " tries");
  }
}
