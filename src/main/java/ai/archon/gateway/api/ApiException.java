package ai.archon.gateway.api;

/** A failure that already knows its OpenAI error fields: status, type, code and the offending param (or null). */
public class ApiException extends RuntimeException {
  /** What the client is answered: built once here, so {@link OpenAiError#from} has nothing left to work out. */
  private final OpenAiError error;

  public ApiException(int status, String type, String code, String param, String message) {
    super(message);
    this.error = new OpenAiError(status, type, code, param, message);
  }

  public static ApiException invalid(String param, String message) {
    return new ApiException(400, "invalid_request_error", "invalid_request", param, message);
  }

  public static ApiException notFound(String model) {
    return new ApiException(404, "invalid_request_error", "model_not_found", "model",
        "The model '" + model + "' does not exist: it is neither a loaded Archon config nor <model_type>/<model>"
            + " of a configured provider. GET /v1/models lists the virtual models.");
  }

  public OpenAiError error() { return error; }
  public int status() { return error.status(); }
  public String type() { return error.type(); }
  public String code() { return error.code(); }
  public String param() { return error.param(); }
}
