package ai.archon.gateway.model;

/** One chat message in the gateway's internal form: a role (system, user, assistant) and plain text. */
public record Message(String role, String content) {
  public static Message system(String text) { return new Message("system", text); }
  public static Message user(String text) { return new Message("user", text); }
  public static Message assistant(String text) { return new Message("assistant", text); }
}
