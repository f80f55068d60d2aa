package org.bmsw.profile.jdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bmsw.can.dbc.telemetry.DbcTelemetry;
import org.bmsw.can.dbc.telemetry.TelemetryField;
import org.bmsw.profile.can.CanDeviceProfile;
import org.bmsw.profile.modbus.ProfileProblem;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.profile.modbus.RegisterProfiles;
import org.bmsw.protocol.xcp.XcpCalibrationLayout;
import org.bmsw.protocol.xcp.XcpCanIds;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.Persistence;
import org.bmsw.transport.api.LinkKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three shipped files agree with each other, and an OEM's broken edit is refused with its place. */
class JdiDataTest {

    @TempDir
    Path dir;

    @Test
    void theShippedFilesAgree() throws Exception {
        RegisterProfiles.Result profiles = JdiFixtures.profiles();
        assertEquals(List.of(JdiData.PROFILE_ID, JdiData.CAN_PROFILE_ID), profiles.profiles().stream().map(p -> p.id())
                .toList(), "one file, two profiles");
        RegisterProfile registers = profiles.profile().definition();
        CanDeviceProfile can = profiles.can();
        ParameterSchema schema = can.capability(ParameterSchema.class).orElseThrow();
        assertEquals(List.of("BI5116", "BI5132", "BI5148"), registers.identify().accepted());
        assertEquals(Set.of("BI5116", "BI5132", "BI5148"), can.models());
        assertEquals("JDI BI51 on CAN (BI5116 / BI5132 / BI5148)", can.displayName().english());
        assertEquals(Set.of(LinkKind.CAN), can.linkKinds());
        assertEquals(250_000, can.defaultBaud());
        assertEquals(new XcpCalibrationLayout(new XcpCanIds(0x7F0, 0x7F1, false, false), 0, 0, 1),
                can.capability(XcpCalibrationLayout.class).orElseThrow(), "commands on 0x7F0, responses on 0x7F1");
        assertEquals(Persistence.RAM_THEN_FLASH, schema.persistence());
        assertTrue(schema.parameters().stream().allMatch(p -> p.location().hasRegister() && p.location().hasXcp()),
                "every parameter is reachable over RS485 and over CAN");
        assertEquals(List.of("SYSTEM", "PROTECT", "ALARM", "BALANCE", "HEAT", "INSULATION", "SOC", "FAILURE"),
                schema.groups().stream().map(g -> g.key()).toList());

        DbcTelemetry telemetry = can.capability(DbcTelemetry.class).orElseThrow();
        Set<String> dbcFields = new HashSet<>();
        telemetry.messages().values().forEach(list -> list.forEach(m -> dbcFields.add(m.field().text())));
        for (var set : registers.flags()) {
            for (var item : set.items()) {
                if (item != null) {
                    assertTrue(dbcFields.contains("flag." + set.group() + "." + item.key()), set.group() + "." + item.key()
                            + " is on CAN too");
                }
            }
        }
        for (var q : registers.quantities()) {
            assertTrue(dbcFields.contains("quantity." + q.key()), q.key() + " is on CAN too");
        }
        for (int i = 1; i <= 160; i++) {
            assertTrue(dbcFields.contains("cell." + i + ".voltage") && dbcFields.contains("cell." + i + ".balancing"));
        }
        for (int i = 1; i <= 40; i++) {
            assertTrue(dbcFields.contains("temperature." + i));
        }
        assertTrue(dbcFields.stream().allMatch(f -> TelemetryField.parse(f) != null));
    }

    @Test
    void anOemsBrokenDbcIsRefusedWithItsLine() throws Exception {
        for (String name : List.of("jdi-bi51.profile.json", "jdi-bi51.parameters.json")) {
            try (InputStream in = JdiData.beside(name).openStream()) {
                Files.copy(in, dir.resolve(name));
            }
        }
        List<String> lines = Files.readAllLines(Path.of(JdiData.dbc().toURI()));
        int line = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(" SG_ SOC ")) {
                lines.set(i, lines.get(i).replace("@1+", "@3+"));
                line = i + 1;
            }
        }
        Files.write(dir.resolve("jdi-bi51.dbc"), lines);
        RegisterProfiles.Result result = RegisterProfiles.read(dir.resolve("jdi-bi51.profile.json"));
        assertNull(result.profile(), "neither profile goes live");
        assertNull(result.can());
        assertEquals(1, result.problems().size(), result.problems().toString());
        ProfileProblem problem = result.problems().get(0);
        assertEquals(line, problem.line());
        assertEquals("jdi-bi51.dbc line " + line + ", column 18: byte order must be 1 (Intel) or 0 (Motorola), found '3'",
                problem.toString());
    }
}
