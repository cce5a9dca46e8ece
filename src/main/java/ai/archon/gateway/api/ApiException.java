package ai.archon.gateway.api;

/** A failure that already knows its OpenAI error fields: status, type, code and the offending param (or null). */
public class ApiException extends RuntimeException {
  private final int status;
  private final String type;
  private final String code;
  private final String param;

  public ApiException(int status, String type, String code, String param, String message) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
  }

  public static ApiException invalid(String param, String message) {
    return new ApiException(400, "invalid_request_error", "invalid_request", param, message);
  }

  public static ApiException notFound(String model) {
    return new ApiException(404, "invalid_request_error", "model_not_found", "model",
        "The model '" + model + "' does not exist: it is neither a loaded Archon config nor <model_type>/<model>"
            + " of a configured provider. GET /v1/models lists the virtual models.");
  }

  public int status() { return status; }
  public String type() { return type; }
  public String code() { return code; }
  public String param() { return param; }
}
