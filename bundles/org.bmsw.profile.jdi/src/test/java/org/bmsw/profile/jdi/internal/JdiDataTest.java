package org.bmsw.profile.jdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bmsw.can.dbc.DbcFormatException;
import org.bmsw.can.dbc.telemetry.TelemetryField;
import org.bmsw.profile.jdi.JdiData;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.schema.Persistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three shipped files agree with each other, and an OEM's broken edit is refused with its place. */
class JdiDataTest {

    @TempDir
    Path dir;

    @Test
    void theShippedFilesAgree() throws Exception {
        JdiCanData data = JdiCanData.load(JdiData.registerProfile(), JdiData.parameters(), JdiData.dbc());
        var registers = data.registers();
        assertEquals(List.of("BI5116", "BI5132", "BI5148"), registers.identify().accepted());
        new RegisterDeviceProfile(registers, data.schema()); // a RAM-then-Flash schema needs the persist write
        assertEquals(Persistence.RAM_THEN_FLASH, data.schema().persistence());
        assertTrue(data.schema().parameters().stream().allMatch(p -> p.location().hasRegister() && p.location().hasXcp()),
                "every parameter is reachable over RS485 and over CAN");
        assertEquals(List.of("SYSTEM", "PROTECT", "ALARM", "BALANCE", "HEAT", "INSULATION", "SOC", "FAILURE"),
                data.schema().groups().stream().map(g -> g.key()).toList());

        Set<String> dbcFields = new HashSet<>();
        data.telemetry().messages().values().forEach(list -> list.forEach(m -> dbcFields.add(m.field().text())));
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
        List<String> lines = Files.readAllLines(Path.of(JdiData.dbc().toURI()));
        int line = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(" SG_ SOC ")) {
                lines.set(i, lines.get(i).replace("@1+", "@3+"));
                line = i + 1;
            }
        }
        Path broken = dir.resolve("jdi-bi51.dbc");
        Files.write(broken, lines);
        DbcFormatException e = assertThrows(DbcFormatException.class, () -> JdiCanData.load(JdiData.registerProfile(),
                JdiData.parameters(), broken.toUri().toURL()));
        assertEquals(line, e.line());
        assertEquals("jdi-bi51.dbc line " + line + ", column 18: byte order must be 1 (Intel) or 0 (Motorola), found '3'",
                e.getMessage());
    }
}
