package org.bmsw.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader refuses broken schema files with the file name, the exact JSON path and the reason. */
class SchemaLoaderTest {

    private static final ObjectMapper M = new ObjectMapper();
    private static final String FILE = "test.parameters.json";

    /** A valid schema with 13 parameters P0..P12 (u16, registers 100..112) and two rules. */
    static ObjectNode base() {
        ObjectNode root = M.createObjectNode();
        root.put("formatVersion", 1);
        root.put("profile", "test.profile");
        root.putArray("models").add("T1");
        ArrayNode groups = root.putArray("groups");
        ObjectNode g = groups.addObject();
        g.put("key", "G");
        g.putObject("label").put("en", "Group").put("zh", "组");
        g.put("order", 1);
        ArrayNode params = root.putArray("parameters");
        for (int i = 0; i < 13; i++) {
            ObjectNode p = params.addObject();
            p.put("key", "P" + i);
            p.put("group", "G");
            p.putObject("label").put("en", "Parameter " + i).put("zh", "参数" + i);
            p.put("unit", "mV");
            p.put("type", "u16");
            p.put("scale", 1);
            p.put("min", 0);
            p.put("max", 5000);
            p.put("default", 100 * (i + 1));
            p.putObject("location").put("register", 100 + i);
        }
        ArrayNode rules = root.putArray("rules");
        ObjectNode r = rules.addObject();
        r.put("id", "p0-below-p1");
        r.put("type", "less");
        r.put("left", "P0");
        r.put("right", "P1");
        r.putObject("message").put("en", "P0 below P1").put("zh", "P0 小于 P1");
        ObjectNode c = rules.addObject();
        c.put("id", "chain");
        c.put("type", "ascending");
        c.putArray("keys").add("P2").add("P3").add("P4");
        c.putObject("message").put("en", "ascending").put("zh", "递增");
        return root;
    }

    static ParameterSchema load(String json) throws SchemaException {
        return ParameterSchemas.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), FILE);
    }

    static SchemaException fails(Consumer<ObjectNode> mutation) {
        ObjectNode root = base();
        mutation.accept(root);
        return fails(root.toPrettyString());
    }

    static SchemaException fails(String json) {
        SchemaException e = assertThrows(SchemaException.class, () -> load(json));
        assertEquals(FILE, e.source());
        assertTrue(e.getMessage().startsWith(FILE), e.getMessage());
        assertTrue(e.getMessage().contains(e.path()), e.getMessage());
        return e;
    }

    private static ObjectNode param(ObjectNode root, int i) {
        return (ObjectNode) root.get("parameters").get(i);
    }

    @Test
    void baseSchemaLoads() throws Exception {
        ParameterSchema s = load(base().toPrettyString());
        assertEquals(13, s.parameters().size());
        assertEquals(2, s.rules().size());
        assertEquals(FILE, s.source());
    }

    @Test
    void loadsFromAFileAndNamesIt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("my.json");
        Files.writeString(f, "{\"formatVersion\": 1, \"profile\": \"x\", \"groups\": [], \"parameters\": []}");
        SchemaException e = assertThrows(SchemaException.class, () -> ParameterSchemas.load(f));
        assertEquals("my.json", e.source());
        assertEquals("$.groups", e.path());
    }

    @Test
    void scaleMustBePositive() {
        SchemaException e = fails(r -> param(r, 12).put("scale", 0));
        assertEquals("$.parameters[12].scale", e.path());
        assertTrue(e.reason().contains("> 0"), e.reason());
    }

    @Test
    void scaleMustBeANumber() {
        SchemaException e = fails(r -> param(r, 12).put("scale", "0.01"));
        assertEquals("$.parameters[12].scale", e.path());
        assertTrue(e.reason().contains("expected a number"), e.reason());
        assertTrue(e.line() > 0 && e.column() > 0);
    }

    @Test
    void unknownFieldsAreRefusedEverywhere() {
        SchemaException top = fails(r -> r.put("colour", "red"));
        assertEquals("$.colour", top.path());
        assertTrue(top.reason().contains("unknown field 'colour'"), top.reason());
        SchemaException inParam = fails(r -> param(r, 3).put("scal", 1));
        assertEquals("$.parameters[3].scal", inParam.path());
        assertTrue(inParam.reason().contains("scale"), "lists the allowed fields: " + inParam.reason());
        SchemaException inLocation = fails(r -> ((ObjectNode) param(r, 5).get("location")).put("coil", 3));
        assertEquals("$.parameters[5].location.coil", inLocation.path());
        SchemaException inRule = fails(r -> ((ObjectNode) r.get("rules").get(1)).put("strict", true));
        assertEquals("$.rules[1].strict", inRule.path());
    }

    @Test
    void duplicateJsonKeysAreRefused() {
        String json = base().toPrettyString().replaceFirst("\"min\" : 0,", "\"min\" : 0, \"min\" : 1,");
        SchemaException e = fails(json);
        assertEquals("$.parameters[0].min", e.path());
        assertTrue(e.reason().contains("duplicate key"), e.reason());
        assertTrue(e.line() > 0);
    }

    @Test
    void duplicateParameterKeys() {
        SchemaException e = fails(r -> param(r, 7).put("key", "P2"));
        assertEquals("$.parameters[7].key", e.path());
        assertTrue(e.reason().contains("'P2'") && e.reason().contains("$.parameters[2]"), e.reason());
    }

    @Test
    void rulesNamingUnknownParameters() {
        SchemaException right = fails(r -> ((ObjectNode) r.get("rules").get(0)).put("right", "P99"));
        assertEquals("$.rules[0].right", right.path());
        assertTrue(right.reason().contains("unknown parameter 'P99'"), right.reason());
        SchemaException inChain = fails(r -> ((ArrayNode) r.get("rules").get(1).get("keys")).set(2, "Q"));
        assertEquals("$.rules[1].keys[2]", inChain.path());
        SchemaException skip = fails(r -> ((ObjectNode) r.get("rules").get(0)).putObject("skipIf").put("NOPE", 0));
        assertEquals("$.rules[0].skipIf.NOPE", skip.path());
    }

    @Test
    void overlappingRegisters() {
        SchemaException same = fails(r -> ((ObjectNode) param(r, 9).get("location")).put("register", 104));
        assertEquals("$.parameters[9].location.register", same.path());
        assertTrue(same.reason().contains("'P4'"), same.reason());
        // a 32-bit value takes two registers: P3 at 103 as u32 covers 104 (P4)
        SchemaException wide = fails(r -> param(r, 3).put("type", "u32"));
        assertEquals("$.parameters[4].location.register", wide.path());
        assertTrue(wide.reason().contains("'P3'"), wide.reason());
        // hex notation is the same address
        SchemaException hex = fails(r -> ((ObjectNode) param(r, 11).get("location")).put("register", "0x64"));
        assertEquals("$.parameters[11].location.register", hex.path());
        assertTrue(hex.reason().contains("'P0'"), hex.reason());
    }

    @Test
    void overlappingXcpAddresses() {
        SchemaException e = fails(r -> {
            param(r, 1).putObject("location").putObject("xcp").put("address", "0x2000").put("size", 2);
            param(r, 6).putObject("location").putObject("xcp").put("address", "0x2001");
        });
        assertEquals("$.parameters[6].location.xcp.address", e.path());
        SchemaException size = fails(r -> param(r, 1).putObject("location").putObject("xcp").put("address", 1).put("size", 4));
        assertEquals("$.parameters[1].location.xcp.size", size.path());
    }

    @Test
    void minGreaterThanMax() {
        SchemaException e = fails(r -> param(r, 2).put("min", 6000).put("max", 5000));
        assertEquals("$.parameters[2].min", e.path());
        assertTrue(e.reason().contains("greater than max"), e.reason());
    }

    @Test
    void defaultOutOfRange() {
        SchemaException e = fails(r -> param(r, 0).put("default", 5001));
        assertEquals("$.parameters[0].default", e.path());
        assertTrue(e.reason().contains("above max"), e.reason());
        SchemaException res = fails(r -> param(r, 0).put("default", 10.5));
        assertEquals("$.parameters[0].default", res.path());
        assertTrue(res.reason().contains("resolution"), res.reason());
    }

    @Test
    void rangeMustFitTheRawType() {
        SchemaException e = fails(r -> param(r, 8).put("scale", 0.01).put("max", 700).put("default", 1));
        assertEquals("$.parameters[8].max", e.path());
        assertTrue(e.reason().contains("655.35"), e.reason());
        SchemaException neg = fails(r -> param(r, 8).put("min", -1));
        assertEquals("$.parameters[8].min", neg.path());
    }

    @Test
    void unknownTypeGroupAccessAndPersistence() {
        assertEquals("$.parameters[4].type", fails(r -> param(r, 4).put("type", "u12")).path());
        assertEquals("$.parameters[4].group", fails(r -> param(r, 4).put("group", "X")).path());
        assertEquals("$.parameters[4].access", fails(r -> param(r, 4).put("access", "root")).path());
        assertEquals("$.persistence", fails(r -> r.put("persistence", "eeprom")).path());
    }

    @Test
    void missingFields() {
        assertEquals("$.parameters[10].min", fails(r -> param(r, 10).remove("min")).path());
        assertEquals("$.parameters[10].location", fails(r -> param(r, 10).remove("location")).path());
        assertEquals("$.parameters[10].label", fails(r -> param(r, 10).remove("label")).path());
        assertEquals("$.parameters[10].label", fails(r -> ((ObjectNode) param(r, 10).get("label")).remove("en")).path());
        assertEquals("$.profile", fails(r -> r.remove("profile")).path());
    }

    @Test
    void enumerationValuesMustBeIntegersInRange() {
        SchemaException e = fails(r -> param(r, 5).putObject("enumeration").putObject("two").put("en", "Two"));
        assertEquals("$.parameters[5].enumeration.two", e.path());
        SchemaException out = fails(r -> param(r, 5).putObject("enumeration").putObject("9000").put("en", "Nine thousand"));
        assertEquals("$.parameters[5].enumeration['9000']", out.path());
    }

    @Test
    void ruleShapes() {
        SchemaException unused = fails(r -> ((ObjectNode) r.get("rules").get(0)).putArray("keys").add("P1"));
        assertEquals("$.rules[0].keys", unused.path());
        assertTrue(unused.reason().contains("not used by a rule of type less"), unused.reason());
        SchemaException type = fails(r -> ((ObjectNode) r.get("rules").get(0)).put("type", "between"));
        assertEquals("$.rules[0].type", type.path());
        SchemaException dupId = fails(r -> ((ObjectNode) r.get("rules").get(1)).put("id", "p0-below-p1"));
        assertEquals("$.rules[1].id", dupId.path());
        SchemaException tol = fails(r -> {
            ObjectNode p = ((ArrayNode) r.get("rules")).addObject();
            p.put("id", "prod");
            p.put("type", "product_consistent");
            p.put("key", "P5");
            p.putArray("factors").add("P6");
            p.putObject("message").put("en", "x");
        });
        assertEquals("$.rules[2].tolerance", tol.path());
    }

    @Test
    void defaultsThatBreakARule() {
        SchemaException e = fails(r -> param(r, 0).put("default", 5000));
        assertEquals("$.rules[0]", e.path());
        assertTrue(e.reason().contains("P0 = 5000 mV"), e.reason());
    }

    @Test
    void envelopes() {
        SchemaException e = fails(r -> {
            ObjectNode env = r.putArray("envelopes").addObject();
            env.put("chemistry", "LFP");
            env.putObject("label").put("en", "LFP");
            env.putObject("limits").putObject("COV").put("max", 3650);
        });
        assertEquals("$.envelopes[0].limits.COV", e.path());
        assertTrue(e.reason().contains("unknown parameter 'COV'"));
    }

    @Test
    void syntaxErrorsTruncationAndVersions() {
        String json = base().toPrettyString();
        SchemaException truncated = fails(json.substring(0, json.length() / 2));
        assertTrue(truncated.reason().contains("truncated"), truncated.reason());
        assertTrue(truncated.line() > 1);
        SchemaException trailing = fails(json + " {}");
        assertTrue(trailing.reason().contains("after the end"), trailing.reason());
        SchemaException empty = fails("");
        assertEquals("$", empty.path());
        SchemaException newer = fails(r -> r.put("formatVersion", 2));
        assertEquals("$.formatVersion", newer.path());
        assertTrue(newer.reason().contains("newer"), newer.reason());
        SchemaException notAnObject = fails("[1, 2]");
        assertEquals("$", notAnObject.path());
    }

    @Test
    void theRealSchemaPassesAndItsJsonSchemaIsThere() {
        assertTrue(Fixtures.smartBms().parameters().size() > 100);
        assertTrue(ParameterSchemas.class.getResource(ParameterSchemas.JSON_SCHEMA_RESOURCE) != null);
    }
}
