package ai.archon.gateway.resilience;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.Relay;
import java.util.function.ToLongFunction;

/**
 * One logical call as {@link Guard} carries it through its stages (rate limits, then the breaker and the attempt):
 * {@code tokens} is the tpm estimate reserved up front, {@code usedTokens} reads the real count from a result.
 */
record GuardedCall<T>(String model, CallContext ctx, long tokens, Relay relay, Guard.Attempt<T> attempt,
    ToLongFunction<T> usedTokens) {}
