package org.bmsw.profile.files.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What becomes of profile files as they are dropped, replaced, broken and deleted (the registry is a plain map). */
class ProfileFilesTest {

    static final String PROFILE = """
            {
              "format": "bmsw-register-profile/1",
              "id": "acme.bms",
              "name": {"en": "ACME BMS"},
              "link": {"baud": 9600, "parity": "N", "address": 1},
              "identify": {"function": 3, "register": 100, "count": 4, "ascii": "ACME"},
              "blocks": [{"id": "a", "function": 3, "register": 0, "count": 10}],
              "telemetry": {"voltage": {"block": "a", "at": 0, "type": "u16", "scale": 0.01}},
              "parameters": "acme.parameters.json"
            }
            """;
    static final String PARAMETERS = """
            {"formatVersion": 1, "profile": "acme.bms",
             "groups": [{"key": "G", "label": {"en": "G"}, "order": 1}],
             "parameters": [{"key": "A", "group": "G", "label": {"en": "A"}, "type": "u16", "min": 0, "max": 9,
                             "location": {"register": 4096}}]}
            """;

    @TempDir
    Path dir;

    private final Map<String, RegisterDeviceProfile> live = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private ProfileFiles files;

    @BeforeEach
    void start() {
        files = new ProfileFiles(new ProfileFiles.Registrar() {
            @Override
            public AutoCloseable register(RegisterDeviceProfile profile, Path file) {
                live.put(profile.id(), profile);
                log.add("+" + profile.id());
                return () -> {
                    live.remove(profile.id());
                    log.add("-" + profile.id());
                };
            }

            @Override
            public Optional<String> otherSource(String profileId, Path file) {
                return profileId.equals("smartbms.v4") ? Optional.of("bundle org.bmsw.profile.smartbms") : Optional.empty();
            }
        });
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aDroppedProfileWaitsForItsParametersThenLivesUntilDeleted() throws Exception {
        Path profile = write("acme.profile.json", PROFILE);
        files.changed(profile);
        assertTrue(live.isEmpty());
        assertTrue(files.statuses().get(0).problems().get(0).message().contains("names acme.parameters.json"));

        files.changed(write("acme.parameters.json", PARAMETERS));
        assertEquals(List.of("+acme.bms"), log);
        assertTrue(live.get("acme.bms").parameterSchema().isPresent());

        files.changed(profile);
        assertEquals(List.of("+acme.bms"), log, "the same content again changes nothing");

        files.removed(profile);
        assertEquals(List.of("+acme.bms", "-acme.bms"), log);
        assertTrue(files.statuses().isEmpty());
    }

    @Test
    void aBrokenReplacementIsRefusedAndThePreviousVersionStaysLive() throws Exception {
        write("acme.parameters.json", PARAMETERS);
        Path profile = write("acme.profile.json", PROFILE);
        files.changed(profile);
        RegisterDeviceProfile first = live.get("acme.bms");

        files.changed(write("acme.profile.json", PROFILE.replace("\"count\": 10", "\"count\": 10, \"speed\": 1")));
        assertEquals(first, live.get("acme.bms"), "still the first version");
        ProfileFiles.Status status = files.statuses().get(0);
        assertTrue(status.live());
        assertEquals("$.blocks[0].speed", status.problems().get(0).path());
        assertEquals(7, status.problems().get(0).line());

        files.changed(write("acme.profile.json", PROFILE.replace("\"scale\": 0.01", "\"scale\": 0.1")));
        assertEquals(List.of("+acme.bms", "-acme.bms", "+acme.bms"), log, "a valid replacement replaces");
        assertEquals(0.1, live.get("acme.bms").definition().telemetry().get("voltage").scale());
        assertFalse(files.statuses().get(0).problems().iterator().hasNext());
    }

    @Test
    void aChangedParameterSchemaReloadsItsProfileAndABrokenOneIsRefused() throws Exception {
        Path parameters = write("acme.parameters.json", PARAMETERS);
        files.changed(write("acme.profile.json", PROFILE));
        files.changed(write("acme.parameters.json", PARAMETERS.replace("\"max\": 9", "\"max\": 8")));
        assertEquals(8.0, live.get("acme.bms").parameterSchema().orElseThrow().parameter("A").orElseThrow().max());
        files.changed(write("acme.parameters.json", PARAMETERS.replace("\"max\": 9", "\"max\": \"x\"")));
        assertEquals("acme.parameters.json", files.statuses().get(0).problems().get(0).source());
        files.removed(parameters);
        Files.delete(parameters);
        assertTrue(files.statuses().get(0).live(), "the loaded version stays until the profile file changes");
    }

    @Test
    void anIdAnotherSourceProvidesIsRefused() throws Exception {
        write("acme.parameters.json", PARAMETERS.replace("acme.bms", "smartbms.v4"));
        files.changed(write("x.profile.json", PROFILE.replace("acme.bms", "smartbms.v4")));
        assertTrue(live.isEmpty());
        assertEquals("profile id 'smartbms.v4' is already provided by bundle org.bmsw.profile.smartbms",
                files.statuses().get(0).problems().get(0).message());
    }
}
