package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;

/** 429 {@code budget_exceeded}: a spend budget of the request's key or model is spent; its Retry-After is set apart. */
final class BudgetExceededException extends ApiException {
  BudgetExceededException(String message) {
    super(429, "rate_limit_error", "budget_exceeded", null, message);
  }
}
