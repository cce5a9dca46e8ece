package ai.archon.gateway.support;

/** The upstream wire protocol a {@link MockUpstream} request arrived on, decided by its route. */
public enum Protocol {
  OPENAI,
  ANTHROPIC,
  GEMINI,
  BEDROCK
}
