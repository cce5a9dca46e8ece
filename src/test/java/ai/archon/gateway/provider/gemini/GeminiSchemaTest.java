package ai.archon.gateway.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.model.JsonIo;
import org.junit.jupiter.api.Test;

/** JSON Schema → Gemini's Schema subset: what is kept, converted and left out. */
class GeminiSchemaTest {

  private static void converts(String jsonSchema, String gemini) {
    assertEquals(JsonIo.read(gemini), GeminiSchema.convert(JsonIo.read(jsonSchema)));
  }

  @Test
  void typesAreUpperCasedAndUnknownKeywordsLeftOut() {
    converts("""
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
         "properties":{"n":{"type":"integer","minimum":1,"exclusiveMaximum":9,"format":"int32","description":"count"},
                       "tags":{"type":"array","items":{"type":"string","pattern":"^[a-z]+$"},"maxItems":3,"uniqueItems":true},
                       "when":{"type":"string","format":"date-time"},"mail":{"type":"string","format":"email"}},
         "required":["n","missing"]}
        """, """
        {"type":"OBJECT","properties":{
           "n":{"type":"INTEGER","minimum":1,"format":"int32","description":"count"},
           "tags":{"type":"ARRAY","items":{"type":"STRING","pattern":"^[a-z]+$"},"maxItems":3},
           "when":{"type":"STRING","format":"date-time"},"mail":{"type":"STRING"}},
         "required":["n"]}
        """);
  }

  @Test
  void nullableTypeListsConstAndEnums() {
    converts("{\"type\":[\"string\",\"null\"],\"enum\":[\"a\",\"b\"]}",
        "{\"type\":\"STRING\",\"nullable\":true,\"enum\":[\"a\",\"b\"]}");
    converts("{\"const\":\"fixed\"}", "{\"type\":\"STRING\",\"enum\":[\"fixed\"]}");
    converts("{\"type\":\"integer\",\"enum\":[1,2]}", "{\"type\":\"INTEGER\"}");
    converts("{\"type\":[\"string\",\"number\"]}", "{\"anyOf\":[{\"type\":\"STRING\"},{\"type\":\"NUMBER\"}]}");
  }

  @Test
  void unionsAndReferences() {
    converts("""
        {"type":"object","properties":{"pet":{"oneOf":[{"$ref":"#/$defs/Cat"},{"$ref":"#/definitions/Dog"}]},
                                       "owner":{"allOf":[{"$ref":"#/$defs/Person"}]}},
         "$defs":{"Cat":{"type":"object","properties":{"meow":{"type":"boolean"}}},
                  "Person":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}},
         "definitions":{"Dog":{"type":"object","properties":{"bark":{"type":"boolean"}}}}}
        """, """
        {"type":"OBJECT","properties":{
           "pet":{"anyOf":[{"type":"OBJECT","properties":{"meow":{"type":"BOOLEAN"}}},
                           {"type":"OBJECT","properties":{"bark":{"type":"BOOLEAN"}}}]},
           "owner":{"type":"OBJECT","properties":{"name":{"type":"STRING"}},"required":["name"]}}}
        """);
  }

  @Test
  void aRecursiveSchemaIsCutToAnObject() {
    String tree = "{\"$ref\":\"#/$defs/Node\",\"$defs\":{\"Node\":{\"type\":\"object\","
        + "\"properties\":{\"child\":{\"$ref\":\"#/$defs/Node\"}}}}}";
    com.fasterxml.jackson.databind.JsonNode out = GeminiSchema.convert(JsonIo.read(tree));
    int depth = 0;
    for (com.fasterxml.jackson.databind.JsonNode n = out; n.has("properties"); n = n.at("/properties/child")) depth++;
    assertEquals(GeminiSchema.MAX_DEPTH / 2, depth, "every level is a $ref and a property: two steps each");
  }
}
