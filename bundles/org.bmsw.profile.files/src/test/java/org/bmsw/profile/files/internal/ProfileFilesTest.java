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

import org.bmsw.device.api.DeviceProfile;
import org.bmsw.profile.can.CanDeviceProfile;
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

    private final Map<String, DeviceProfile> live = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private ProfileFiles files;

    @BeforeEach
    void start() {
        files = new ProfileFiles(new ProfileFiles.Registrar() {
            @Override
            public AutoCloseable register(DeviceProfile profile, Path file) {
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

    private RegisterDeviceProfile register(String id) {
        return (RegisterDeviceProfile) live.get(id);
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
        assertTrue(register("acme.bms").parameterSchema().isPresent());

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
        DeviceProfile first = live.get("acme.bms");

        files.changed(write("acme.profile.json", PROFILE.replace("\"count\": 10", "\"count\": 10, \"speed\": 1")));
        assertEquals(first, live.get("acme.bms"), "still the first version");
        ProfileFiles.Status status = files.statuses().get(0);
        assertTrue(status.live());
        assertEquals("$.blocks[0].speed", status.problems().get(0).path());
        assertEquals(7, status.problems().get(0).line());

        files.changed(write("acme.profile.json", PROFILE.replace("\"scale\": 0.01", "\"scale\": 0.1")));
        assertEquals(List.of("+acme.bms", "-acme.bms", "+acme.bms"), log, "a valid replacement replaces");
        assertEquals(0.1, register("acme.bms").definition().telemetry().get("voltage").scale());
        assertFalse(files.statuses().get(0).problems().iterator().hasNext());
    }

    @Test
    void aChangedParameterSchemaReloadsItsProfileAndABrokenOneIsRefused() throws Exception {
        Path parameters = write("acme.parameters.json", PARAMETERS);
        files.changed(write("acme.profile.json", PROFILE));
        files.changed(write("acme.parameters.json", PARAMETERS.replace("\"max\": 9", "\"max\": 8")));
        assertEquals(8.0, register("acme.bms").parameterSchema().orElseThrow().parameter("A").orElseThrow().max());
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

    static final String CAN = """
            ,
              "can": {"dbc": "acme.dbc", "bitrate": 250000, "identify": {"message": "ACME_Pack", "signal": "Model"}}
            }
            """;

    private String canProfile() {
        return PROFILE.substring(0, PROFILE.lastIndexOf('}')).stripTrailing() + CAN;
    }

    private String dbc() throws Exception {
        try (var in = ProfileFilesTest.class.getResourceAsStream("acme.dbc")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aCanSectionIsASecondProfileThatFollowsItsDbc() throws Exception {
        write("acme.parameters.json", PARAMETERS);
        Path profile = write("acme.profile.json", canProfile());
        files.changed(profile);
        assertTrue(live.isEmpty(), "the DBC is not there yet");
        ProfileFiles.Status waiting = files.statuses().get(0);
        assertEquals("$.can.dbc", waiting.problems().get(0).path());
        assertEquals(10, waiting.problems().get(0).line());

        Path dbc = write("acme.dbc", dbc());
        files.changed(dbc);
        assertEquals(List.of("+acme.bms", "+acme.bms.can"), log);
        assertEquals(List.of("acme.bms", "acme.bms.can"), files.statuses().get(0).profileIds());
        CanDeviceProfile can = (CanDeviceProfile) live.get("acme.bms.can");
        assertEquals("ACME BMS on CAN", can.displayName().english());

        files.changed(write("acme.dbc", dbc().replace("(0.01,0)", "(0.1,0)")));
        assertEquals(List.of("+acme.bms", "+acme.bms.can", "-acme.bms", "-acme.bms.can", "+acme.bms", "+acme.bms.can"), log,
                "a changed DBC replaces both");
        assertEquals(0.1, ((CanDeviceProfile) live.get("acme.bms.can")).definition().telemetry().field("pack.voltage")
                .orElseThrow().signal().factor());

        files.changed(write("acme.dbc", dbc().replace("@1+ (0.01", "@7+ (0.01")));
        ProfileFiles.Status broken = files.statuses().get(0);
        assertTrue(broken.live(), "a broken DBC leaves the previous version live");
        assertEquals("acme.dbc", broken.problems().get(0).source());
        assertEquals(17, broken.problems().get(0).line(), broken.problems().toString());

        files.removed(profile);
        assertEquals(List.of("-acme.bms", "-acme.bms.can"), log.subList(6, 8));
        assertTrue(live.isEmpty());
    }

    @Test
    void aCanIdAnotherSourceProvidesIsRefused() throws Exception {
        write("acme.parameters.json", PARAMETERS);
        write("acme.dbc", dbc());
        files = new ProfileFiles(new ProfileFiles.Registrar() {
            @Override
            public AutoCloseable register(DeviceProfile profile, Path file) {
                live.put(profile.id(), profile);
                return () -> live.remove(profile.id());
            }

            @Override
            public Optional<String> otherSource(String profileId, Path file) {
                return profileId.equals("acme.bms.can") ? Optional.of("bundle com.acme.can") : Optional.empty();
            }
        });
        files.changed(write("acme.profile.json", canProfile()));
        assertTrue(live.isEmpty(), "neither of the two goes live");
        assertEquals("profile id 'acme.bms.can' is already provided by bundle com.acme.can",
                files.statuses().get(0).problems().get(0).message());
    }
}
