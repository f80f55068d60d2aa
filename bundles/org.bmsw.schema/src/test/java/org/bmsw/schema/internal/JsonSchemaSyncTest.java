package org.bmsw.schema.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.bmsw.schema.ParameterSchemas;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema for editors and the loader's model describe the same fields: a field added to one and
 * not the other fails here.
 */
class JsonSchemaSyncTest {

    private static JsonNode jsonSchema() throws Exception {
        try (InputStream in = ParameterSchemas.class.getResourceAsStream(ParameterSchemas.JSON_SCHEMA_RESOURCE)) {
            assertNotNull(in);
            return new ObjectMapper().readTree(in);
        }
    }

    private static Set<String> fields(Class<? extends Record> type) {
        Set<String> out = new TreeSet<>();
        for (RecordComponent c : type.getRecordComponents()) {
            JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
            if (p == null) {
                p = c.getAnnotation(JsonProperty.class);
            }
            out.add(p != null ? p.value() : c.getName());
        }
        return out;
    }

    private static Set<String> properties(JsonNode node) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = node.get("properties").fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void sameFieldsEverywhere() throws Exception {
        JsonNode s = jsonSchema();
        assertEquals("https://json-schema.org/draft/2020-12/schema", s.get("$schema").asText());
        JsonNode defs = s.get("$defs");
        assertEquals(fields(SchemaDto.class), properties(s));
        assertEquals(fields(SchemaDto.GroupDto.class), properties(defs.get("group")));
        assertEquals(fields(SchemaDto.ParamDto.class), properties(defs.get("parameter")));
        assertEquals(fields(SchemaDto.LocationDto.class), properties(defs.get("location")));
        assertEquals(fields(SchemaDto.XcpDto.class), properties(defs.get("location").get("properties").get("xcp")));
        assertEquals(fields(SchemaDto.DangerousDto.class), properties(defs.get("parameter").get("properties").get("dangerous")));
        assertEquals(fields(SchemaDto.EnvelopeDto.class), properties(defs.get("envelope")));
        assertEquals(fields(SchemaDto.LimitDto.class), properties(defs.get("envelope").get("properties").get("limits")
                .get("additionalProperties")));
        Set<String> ruleFields = new TreeSet<>(properties(defs.get("ruleCommon")));
        for (JsonNode branch : defs.get("rule").get("oneOf")) {
            ruleFields.addAll(properties(branch));
        }
        assertEquals(fields(SchemaDto.RuleDto.class), ruleFields);
    }
}
