package ai.archon.gateway.bench.report;

/**
 * One answer's measures, read from an answer file. Every answer has its length in characters (as AlpacaEval counts
 * {@code avg_length}: code points of the output, all turns); the rest is null when the file does not record it.
 */
record AnswerPoint(String model, String benchmark, int chars, Long outputTokens, Long latencyMs, Double costUsd) {
}
