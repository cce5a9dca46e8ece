package ai.archon.gateway.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A function tool the client declares: name, description (may be null), the JSON Schema of its parameters (may be
 * null: no parameters) and OpenAI's {@code strict} flag (then the gateway checks arguments against the schema).
 */
public record ToolSpec(String name, String description, JsonNode parameters, boolean strict) { }
