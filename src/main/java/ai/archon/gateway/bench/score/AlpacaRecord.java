package ai.archon.gateway.bench.score;

/**
 * One AlpacaEval annotation: the baseline ({@code generator_1}) against the model ({@code generator_2}) on one
 * instruction. {@code preference} is 1 + P(the judge prefers output_2), NaN when missing; lengths are in Unicode code
 * points, as Python's {@code len(str)} counts them (an emoji is one, not two UTF-16 units).
 */
public record AlpacaRecord(String generator1, String generator2, double preference, int length1, int length2) { }
