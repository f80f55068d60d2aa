package org.bmsw.profile.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken profile is reported completely: every problem, each with the line and column a person finds it at
 * (counted by hand in the documents below), never only the first.
 */
class EveryProblemTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = EveryProblemTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    private static String text(String name) throws IOException {
        return new String(resource(name), StandardCharsets.UTF_8);
    }

    private static List<ProfileProblem> problems(String json) {
        return new RegisterProfileLoader().validate("x.profile.json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theFullExampleLoadsWithEverySection() throws Exception {
        RegisterProfile p = new RegisterProfileLoader().load("full.profile.json", resource("full.profile.json"));
        assertEquals("acme.full", p.id());
        assertEquals(3, p.flags().size());
        assertTrue(p.identify().matches("ACME-16"), "the pattern accepts other models");
        assertTrue(!p.identify().matches("OTHER"));
        assertEquals(List.of("ACME-8"), p.identify().accepted());
    }

    @Test
    void shapeProblemsAreAllReportedWithLineAndColumn() {
        String json = """
                {
                  "format": "bmsw-register-profile/1",
                  "id": "acme.bms",
                  "name": {"en": "ACME", "fr": "ACME"},
                  "link": {"baud": "fast", "parity": "N", "address": 1},
                  "identify": {"function": 3, "register": 100, "ascii": "ACME"},
                  "blocks": [{"id": "a", "function": 3, "register": 0, "count": 10}],
                  "colour": "red"
                }
                """;
        List<ProfileProblem> problems = problems(json);
        assertEquals(4, problems.size(), problems.toString());
        assertProblem(problems.get(0), 4, 26, "$.name.fr", "unknown field 'fr'");
        assertProblem(problems.get(1), 5, 12, "$.link.baud", "expected an integer, found the string \"fast\"");
        assertProblem(problems.get(2), 6, 3, "$.identify", "missing required field 'count'");
        assertProblem(problems.get(3), 8, 3, "$.colour", "unknown field 'colour'");
        assertTrue(problems.get(3).toString().startsWith("x.profile.json line 8, column 3: $.colour: unknown field"),
                problems.get(3).toString());
    }

    @Test
    void consistencyProblemsAreAllReportedWithLineAndColumn() {
        String json = """
                {
                  "format": "bmsw-register-profile/1",
                  "id": "acme.bms",
                  "name": {"en": "ACME"},
                  "link": {"baud": 9600, "parity": "N", "address": 1},
                  "identify": {"function": 3, "register": 100, "count": 2, "ascii": "ACME"},
                  "blocks": [
                    {"id": "a", "function": 3, "register": 0, "count": 10},
                    {"id": "b", "function": 3, "register": 8, "count": 10}
                  ],
                  "telemetry": {
                    "soc": {"block": "a", "at": 0, "type": "u16"},
                    "voltage": {"block": "a", "at": 0, "type": "u16"},
                    "current": {"block": "c", "at": 0, "type": "s16"}
                  }
                }
                """;
        List<ProfileProblem> problems = problems(json);
        assertEquals(3, problems.size(), problems.toString());
        assertProblem(problems.get(0), 9, 5, "$.blocks[1]", "registers overlap block 'a'");
        assertProblem(problems.get(1), 13, 5, "$.telemetry.voltage", "register 0 of block 'a' is already read by $.telemetry.soc");
        assertProblem(problems.get(2), 14, 17, "$.telemetry.current.block", "no block 'c'");
    }

    @Test
    void flagFamiliesMayShareARegisterButNotItsBits() throws Exception {
        String full = text("full.profile.json");
        assertTrue(problems(full).isEmpty(), "FAULT bit 2 and STATUS bits 0-1 share register 11");
        String clash = full.replace("\"items\": [null, null, {\"key\": \"NTC\"", "\"items\": [null, {\"key\": \"NTC\"");
        List<ProfileProblem> problems = problems(clash);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("already read by $.flags[1].items[1]"), problems.toString());
        assertEquals("$.flags[2].items[1]", problems.get(0).path());
        List<ProfileProblem> overTemperatures = problems(full.replace("\"count\": 3, \"notFittedRaw\"", "\"count\": 4, \"notFittedRaw\""));
        assertEquals("$.flags[0].items[0]", overTemperatures.get(0).path(), "a fourth probe would read the ALARM register");
        assertTrue(overTemperatures.get(0).message().contains("register 10 of block 'pack' is already read by $.temperatures"),
                overTemperatures.toString());
    }

    @Test
    void malformedJsonIsOneProblemWithItsPlace() {
        List<ProfileProblem> problems = problems("{\n  \"format\": \"bmsw-register-profile/1\",\n  \"id\": \"x\"\n  \"name\": {}\n}");
        assertEquals(1, problems.size());
        assertEquals(4, problems.get(0).line());
        assertTrue(problems.get(0).message().startsWith("malformed JSON"), problems.get(0).message());
        assertEquals(1, problems("").size());
        assertTrue(problems("{\"id\": 1, \"id\": 2}").get(0).message().contains("Duplicate field 'id'"));
    }

    @Test
    void theExamplePatternMustMatch() throws Exception {
        List<ProfileProblem> problems = problems(text("full.profile.json").replace("ACME-[0-9]+", "ACME-[0-9]{2}"));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("the example model 'ACME-8' does not match it", problems.get(0).message());
        assertTrue(problems(text("full.profile.json").replace("ACME-[0-9]+", "ACME-[")).get(0).message()
                .startsWith("not a regular expression"));
    }

    @Test
    void theParameterSchemaBesideIsCheckedWithTheProfile(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("full.profile.json"), resource("full.profile.json"));
        String parameters = text("full.parameters.json");
        Files.writeString(dir.resolve("full.parameters.json"), parameters);
        Files.write(dir.resolve("full.dbc"), resource("full.dbc"));
        RegisterProfiles.Result ok = RegisterProfiles.read(dir.resolve("full.profile.json"));
        assertTrue(ok.problems().isEmpty(), ok.problems().toString());
        assertEquals(2, ok.profile().parameterSchema().orElseThrow().keys().size());
        assertEquals(List.of("acme.full", "acme.full.can"), ok.profiles().stream().map(p -> p.id()).toList());

        Files.writeString(dir.resolve("full.parameters.json"), parameters.replace("\"right\": \"COV\"", "\"right\": \"COVX\""));
        RegisterProfiles.Result unknownKey = RegisterProfiles.read(dir.resolve("full.profile.json"));
        assertNull(unknownKey.profile());
        ProfileProblem rule = unknownKey.problems().get(0);
        assertEquals("full.parameters.json", rule.source());
        assertTrue(rule.line() == 12 && rule.column() == 67 && rule.message().contains("COVX"), rule.toString());

        Files.writeString(dir.resolve("full.parameters.json"), parameters.replace("\"acme.full\"", "\"acme.other\""));
        ProfileProblem other = RegisterProfiles.read(dir.resolve("full.profile.json")).problems().get(0);
        assertEquals("full.profile.json", other.source());
        assertEquals("$.parameters", other.path());
        assertTrue(other.line() > 0 && other.message().contains("of profile 'acme.other', not of 'acme.full'"), other.toString());

        Files.delete(dir.resolve("full.parameters.json"));
        ProfileProblem missing = RegisterProfiles.read(dir.resolve("full.profile.json")).problems().get(0);
        assertTrue(missing.message().contains("names full.parameters.json, which is not beside the profile"), missing.toString());
    }

    private static void assertProblem(ProfileProblem p, int line, int column, String path, String message) {
        assertEquals(path, p.path(), p.toString());
        assertTrue(p.message().contains(message), p.toString());
        assertEquals(line + ":" + column, p.line() + ":" + p.column(), p.toString());
    }
}
