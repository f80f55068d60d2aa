package org.bmsw.profile.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bmsw.device.api.FirmwareUpdateSupport;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON Schema editors use and the loader's model describe the same fields, require the same ones and document
 * every one: a field added to one and not the other fails here.
 */
class JsonSchemaSyncTest {

    private static final Map<String, Class<? extends Record>> DEFS = Map.ofEntries(
            Map.entry("text", RegisterProfile.Text.class),
            Map.entry("link", RegisterProfile.LinkDefaults.class),
            Map.entry("identify", RegisterProfile.Identify.class),
            Map.entry("block", RegisterProfile.Block.class),
            Map.entry("field", RegisterProfile.Field.class),
            Map.entry("moduleCounts", RegisterProfile.ModuleCounts.class),
            Map.entry("bitMap", RegisterProfile.BitMap.class),
            Map.entry("cells", RegisterProfile.Cells.class),
            Map.entry("temperatures", RegisterProfile.Temperatures.class),
            Map.entry("flagSet", RegisterProfile.FlagSet.class),
            Map.entry("flag", RegisterProfile.FlagDef.class),
            Map.entry("quantity", RegisterProfile.QuantityDef.class),
            Map.entry("flagRule", RegisterProfile.FlagRule.class),
            Map.entry("command", RegisterProfile.Command.class),
            Map.entry("calibration", RegisterProfile.CalibrationRegisters.class),
            Map.entry("persist", RegisterProfile.Persist.class),
            Map.entry("firmware", RegisterProfile.Firmware.class),
            Map.entry("flashRegion", FirmwareUpdateSupport.FlashRegion.class),
            Map.entry("can", RegisterProfile.Can.class),
            Map.entry("canIdentify", RegisterProfile.CanIdentify.class),
            Map.entry("xcp", RegisterProfile.Xcp.class));

    static JsonNode jsonSchema() throws Exception {
        try (InputStream in = RegisterProfileLoader.class.getResourceAsStream(RegisterProfileLoader.JSON_SCHEMA_RESOURCE)) {
            assertNotNull(in, RegisterProfileLoader.JSON_SCHEMA_RESOURCE);
            return new ObjectMapper().readTree(in);
        }
    }

    private static Set<String> fields(Class<?> type) {
        return new TreeSet<>(ProfileShape.components(type).keySet());
    }

    private static Set<String> requiredFields(Class<?> type) {
        Set<String> out = new TreeSet<>();
        ProfileShape.components(type).forEach((name, c) -> {
            if (ProfileShape.required(c)) {
                out.add(name);
            }
        });
        return out;
    }

    private static Set<String> names(Iterator<String> it) {
        Set<String> out = new TreeSet<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static Set<String> required(JsonNode def) {
        Set<String> out = new TreeSet<>();
        if (def.has("required")) {
            def.get("required").forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    @Test
    void sameFieldsSameRequiredOnesEverywhere() throws Exception {
        JsonNode schema = jsonSchema();
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
        Set<String> top = names(schema.get("properties").fieldNames());
        top.removeAll(Set.of("$schema", "$comment"));
        assertEquals(fields(RegisterProfile.class), top, "top level");
        assertEquals(requiredFields(RegisterProfile.class), required(schema), "top level required");
        assertEquals(false, schema.get("additionalProperties").asBoolean());
        DEFS.forEach((name, type) -> {
            JsonNode def = schema.get("$defs").get(name);
            assertNotNull(def, "$defs." + name);
            assertEquals(fields(type), names(def.get("properties").fieldNames()), "$defs." + name);
            assertEquals(requiredFields(type), required(def), "$defs." + name + " required");
            assertEquals(false, def.get("additionalProperties").asBoolean(), "$defs." + name + " is closed");
        });
        Set<String> packKeys = new TreeSet<>();
        schema.at("/properties/telemetry/propertyNames/enum").forEach(n -> packKeys.add(n.asText()));
        assertEquals(new TreeSet<>(RegisterProfile.PACK_FIELDS), packKeys, "telemetry keys");
    }

    @Test
    void everyFieldIsDocumented() throws Exception {
        JsonNode schema = jsonSchema();
        Set<String> undocumented = new TreeSet<>();
        undocumented(schema, "$", schema, undocumented);
        schema.get("$defs").fields().forEachRemaining(e -> undocumented(e.getValue(), "$defs." + e.getKey(), schema,
                undocumented));
        assertTrue(undocumented.isEmpty(), "fields without a description: " + undocumented);
    }

    /** A property is documented by its own description or by the definition it refers to. */
    private static void undocumented(JsonNode def, String at, JsonNode schema, Set<String> out) {
        JsonNode properties = def.get("properties");
        if (properties == null) {
            return;
        }
        properties.fields().forEachRemaining(e -> {
            JsonNode p = e.getValue();
            JsonNode target = p.has("$ref") ? schema.at(p.get("$ref").asText().substring(1)) : p;
            boolean documented = p.has("description") || target.has("description");
            if (!documented) {
                out.add(at + "." + e.getKey());
            }
        });
    }

    @Test
    void everyRecordOfTheModelHasItsDefinition() {
        Set<Class<?>> reachable = new java.util.HashSet<>();
        reach(RegisterProfile.class, reachable);
        reachable.remove(RegisterProfile.class);
        assertEquals(new java.util.HashSet<>(DEFS.values()), reachable);
    }

    private static void reach(Class<?> type, Set<Class<?>> seen) {
        if (!type.isRecord() || !seen.add(type)) {
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            reach(c.getType(), seen);
            if (c.getGenericType() instanceof java.lang.reflect.ParameterizedType p) {
                for (java.lang.reflect.Type argument : p.getActualTypeArguments()) {
                    if (argument instanceof Class<?> k) {
                        reach(k, seen);
                    }
                }
            }
        }
    }
}
