package org.bmsw.profile.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RegisterProfileLoaderTest {

    private static final String MINIMAL = """
            {
              "format": "bmsw-register-profile/1",
              "id": "acme.bms",
              "name": {"en": "ACME BMS", "zh": "ACME 电池管理"},
              "link": {"baud": 9600, "parity": "N", "address": 1},
              "identify": {"function": 3, "register": 100, "count": 4, "ascii": "ACME"},
              "blocks": [
                {"id": "a", "function": 3, "register": 0, "count": 10},
                {"id": "b", "function": 3, "register": 10, "count": 10}
              ],
              "telemetry": {"voltage": {"block": "a", "at": 0, "type": "u16", "scale": 0.01}}
            }
            """;

    private static RegisterProfile load(String json) throws ProfileFormatException {
        return new RegisterProfileLoader().load("acme.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String refusal(String json) {
        return assertThrows(ProfileFormatException.class, () -> load(json)).getMessage();
    }

    @Test
    void aMinimalProfileLoads() throws ProfileFormatException {
        RegisterProfile profile = load(MINIMAL);
        assertEquals("acme.bms", profile.id());
        assertEquals(2, profile.blocks().size());
    }

    @Test
    void brokenJsonIsReportedWithLineAndColumn() {
        String message = refusal(MINIMAL.replace("\"id\": \"acme.bms\",", "\"id\": \"acme.bms\""));
        assertTrue(message.startsWith("acme.json line 4, column"), message);
    }

    @Test
    void unknownFieldsAndDuplicatesAreRefusedWithTheirPath() {
        String unknown = refusal(MINIMAL.replace("\"baud\": 9600", "\"baud\": 9600, \"speed\": 1"));
        assertTrue(unknown.contains("$.link") && unknown.contains("speed"), unknown);
        String duplicate = refusal(MINIMAL.replace("\"id\": \"acme.bms\",", "\"id\": \"acme.bms\", \"id\": \"x\","));
        assertTrue(duplicate.contains("Duplicate field 'id'"), duplicate);
    }

    @Test
    void overlappingRegistersAndDanglingReferencesAreRefused() {
        String overlap = refusal(MINIMAL.replace("\"register\": 10, \"count\": 10", "\"register\": 5, \"count\": 10"));
        assertTrue(overlap.contains("$.blocks[1]: registers overlap block 'a'"), overlap);
        String dangling = refusal(MINIMAL.replace("{\"block\": \"a\", \"at\": 0", "{\"block\": \"zz\", \"at\": 0"));
        assertTrue(dangling.contains("$.telemetry.voltage.block: no block 'zz'"), dangling);
        String outside = refusal(MINIMAL.replace("\"at\": 0, \"type\": \"u16\"", "\"at\": 9, \"type\": \"u32\""));
        assertTrue(outside.contains("lie outside block 'a'"), outside);
        String badFunction = refusal(MINIMAL.replace("\"function\": 3, \"register\": 0", "\"function\": 5, \"register\": 0"));
        assertTrue(badFunction.contains("$.blocks[0].function"), badFunction);
    }
}
