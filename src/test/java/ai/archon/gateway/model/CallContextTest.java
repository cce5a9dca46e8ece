package ai.archon.gateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallContextTest {
  private final List<String> ran = new ArrayList<>();

  private Runnable register(CallContext ctx, String name) {
    return ctx.onCancel(() -> ran.add(name));
  }

  @Test
  void cancelRunsTheActionsInTheOrderTheyWereRegisteredOnce() {
    CallContext ctx = new CallContext("r");
    register(ctx, "a");
    register(ctx, "b");
    register(ctx, "c");
    ctx.cancel();
    ctx.cancel();
    assertEquals(List.of("a", "b", "c"), ran);
  }

  @Test
  void aForgottenActionDoesNotRunWhereverItSat() {
    for (int forget = 0; forget < 4; forget++) {
      ran.clear();
      CallContext ctx = new CallContext("r");
      List<Runnable> handles = new ArrayList<>();
      for (String name : List.of("a", "b", "c", "d")) handles.add(register(ctx, name));
      handles.get(forget).run();
      handles.get(forget).run(); // a second forget changes nothing
      ctx.cancel();
      List<String> expected = new ArrayList<>(List.of("a", "b", "c", "d"));
      expected.remove(forget);
      assertEquals(expected, ran, "forgot #" + forget);
    }
  }

  @Test
  void forgettingEveryActionLeavesNothingToRunAndTheListUsableAgain() {
    CallContext ctx = new CallContext("r");
    Runnable a = register(ctx, "a");
    Runnable b = register(ctx, "b");
    b.run();
    a.run();
    register(ctx, "c");
    ctx.cancel();
    assertEquals(List.of("c"), ran);
  }

  @Test
  void anActionThatForgetsALaterOneDuringCancelStillLetsEveryActionRun() {
    CallContext ctx = new CallContext("r");
    Runnable[] later = new Runnable[1];
    ctx.onCancel(() -> {
      ran.add("a");
      later[0].run(); // as an attempt ending because its context was cancelled forgets its own registration
    });
    later[0] = register(ctx, "b");
    register(ctx, "c");
    ctx.cancel();
    assertEquals(List.of("a", "b", "c"), ran);
  }

  @Test
  void anActionRegisteredAfterCancelRunsAtOnceAndAChildIsCancelledWithItsParent() {
    CallContext ctx = new CallContext("r");
    CallContext child = ctx.child();
    register(child, "child");
    ctx.cancel();
    register(ctx, "late");
    assertEquals(List.of("child", "late"), ran);
    assertEquals(true, child.cancelled());
  }
}
