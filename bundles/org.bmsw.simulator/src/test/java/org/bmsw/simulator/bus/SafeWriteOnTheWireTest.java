package org.bmsw.simulator.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.bmsw.device.api.DeviceSession;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.bmsw.protocol.modbus.ModbusRefusal;
import org.bmsw.protocol.modbus.ModbusRtuSlave;
import org.bmsw.protocol.modbus.RegisterBank;
import org.bmsw.protocol.modbus.RtuServer;
import org.bmsw.schema.ImportResult;
import org.bmsw.schema.ParameterComparison;
import org.bmsw.schema.ParameterFiles;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.ParameterSchemas;
import org.bmsw.schema.SafeBatchWriter;
import org.bmsw.schema.ValidationContext;
import org.bmsw.schema.WriteReport;
import org.bmsw.schema.WriteReport.Outcome;
import org.bmsw.schema.WriteRequest;
import org.bmsw.simulator.device.WriteFault;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.serial.internal.SocatPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema engine's safe batch write against the virtual Smart BMS over Modbus RTU on a real pty: interrupted at
 * every position by the simulator's write faults, the device ends with all the old values or all the new ones, read
 * back over the wire; and a parameter set exported from one virtual device and imported into another compares equal.
 */
class SafeWriteOnTheWireTest {

    private static final String MAP = "/org/bmsw/profile/smartbms/smartbms-v4.profile.json";
    private static final String PARAMETERS = "/org/bmsw/profile/smartbms/smartbms-v4.parameters.json";

    private static RegisterDeviceProfile smartBms;
    private static ParameterSchema schema;

    @TempDir
    Path dir;

    /** The registers the line serves now: each case swaps in a fresh device. */
    private final AtomicReference<RegisterBank> served = new AtomicReference<>();
    private SocatPair socat;
    private ByteLink link;
    private DeviceSession session;

    @BeforeAll
    static void loadProfile() throws Exception {
        try (InputStream in = SafeWriteOnTheWireTest.class.getResourceAsStream(MAP)) {
            schema = ParameterSchemas.load(SafeWriteOnTheWireTest.class.getResource(PARAMETERS));
            smartBms = new RegisterDeviceProfile(new RegisterProfileLoader().load(MAP, in), schema);
        }
    }

    @BeforeEach
    void wire() throws Exception {
        socat = new SocatPair(dir).start();
        served.set(newDevice().registers());
        RtuServer server = new RtuServer(new ModbusRtuSlave(1, new RegisterBank() {
            @Override
            public int[] readHoldingRegisters(int address, int count) throws ModbusRefusal {
                return served.get().readHoldingRegisters(address, count);
            }

            @Override
            public int[] readInputRegisters(int address, int count) throws ModbusRefusal {
                return served.get().readInputRegisters(address, count);
            }

            @Override
            public void writeRegisters(int address, int[] values) throws ModbusRefusal {
                served.get().writeRegisters(address, values);
            }
        }));
        Thread serving = new Thread(() -> {
            try (var in = new FileInputStream(socat.b.toFile()); var out = new FileOutputStream(socat.b.toFile())) {
                server.serve(in, out);
            } catch (Exception e) {
                // socat went away at the end of the test
            }
        }, "virtual Smart BMS");
        serving.setDaemon(true);
        serving.start();
        link = new SerialTransport().openByteLink(LinkSettings.of("serial", socat.a.toString(), 9600));
        session = smartBms.connect(link, 1);
    }

    @AfterEach
    void unwire() throws Exception {
        session.close();
        link.close();
        socat.close();
    }

    private static VirtualDevice newDevice() {
        return new VirtualDevice(smartBms, 1, VirtualDeviceOptions.defaults());
    }

    /** Every protection delay one second longer: a batch of many independent changes the rules accept. */
    private static Map<String, Double> longerDelays(Map<String, Double> current) {
        Map<String, Double> wanted = new LinkedHashMap<>();
        current.forEach((key, value) -> {
            if (key.endsWith("Delay") && wanted.size() < 12) {
                wanted.put(key, value + 1);
            }
        });
        return wanted;
    }

    private WriteReport write(Map<String, Double> values) {
        return new SafeBatchWriter(schema).write(session.parameters(), session.identity(),
                new WriteRequest(values, ValidationContext.engineer(), Set.of(), dir.resolve("backups"), false));
    }

    private Map<String, Double> readBack() throws Exception {
        Map<String, Double> values = new LinkedHashMap<>();
        session.parameters().read(session.parameters().keys()).forEach((key, v) -> values.put(key, v.value()));
        return values;
    }

    @Test
    void aBatchInterruptedAtEveryPositionLeavesAllOldOrAllNew() throws Exception {
        Map<String, Double> old = readBack();
        Map<String, Double> wanted = longerDelays(old);
        Map<String, Double> allNew = new LinkedHashMap<>(old);
        allNew.putAll(wanted);
        int k = wanted.size();
        assertEquals(12, k);
        List<String> bad = new ArrayList<>();
        int rolledBack = 0;
        for (WriteFault.Kind kind : WriteFault.Kind.values()) {
            for (int n = 1; n <= k + 1; n++) {
                VirtualDevice device = newDevice();
                served.set(new WriteFault(n, kind).around(device.registers()));
                WriteReport report = write(wanted);
                Map<String, Double> now = readBack();
                boolean isOld = ParameterComparison.compare(schema, old, now).identical();
                boolean isNew = ParameterComparison.compare(schema, allNew, now).identical();
                String where = kind + " at write " + n + ": " + report.outcome() + " " + report.failures();
                if (n <= k) {
                    if (report.outcome() != Outcome.ROLLED_BACK || !isOld) {
                        bad.add(where + (isOld ? "" : ", device not back to the old values"));
                    } else {
                        rolledBack++;
                    }
                } else if (report.outcome() != Outcome.WRITTEN || !isNew) {
                    // the fault falls on the first write after the batch: the batch itself is whole
                    bad.add(where + (isNew ? "" : ", device not at the new values"));
                }
            }
        }
        assertEquals(List.of(), bad);
        assertEquals(3 * k, rolledBack);
    }

    @Test
    void exportFromOneVirtualDeviceImportIntoAnotherAndTheyCompareEqual() throws Exception {
        Map<String, Double> changed = longerDelays(readBack());
        changed.put("FCC", 55.0);
        assertEquals(Outcome.WRITTEN, write(changed).outcome());
        Map<String, Double> first = readBack();
        Path file = dir.resolve("pack-a.json");
        ParameterFiles.write(schema, ParameterFiles.export(schema, session.identity(), first, null, OffsetDateTime.now()), file);

        served.set(newDevice().registers()); // a second device, factory values
        Map<String, Double> before = readBack();
        assertTrue(!ParameterComparison.compare(schema, first, before).identical(), "the second device differs at first");
        ImportResult imported = ParameterFiles.read(schema, file);
        assertTrue(imported.ok(), imported.problems().toString());
        WriteReport report = write(imported.parameterFile().orElseThrow().values());
        assertEquals(Outcome.WRITTEN, report.outcome(), report.summary().english());
        assertEquals(13, report.written().size(), "only what differs is written: " + report.written());
        assertTrue(ParameterComparison.compare(schema, imported.parameterFile().orElseThrow().values(), readBack())
                .identical(), "device vs file: no difference");
        assertTrue(ParameterComparison.compare(schema, first, readBack()).identical(), "device vs device: no difference");
    }

    @Test
    void writeFaultsAreParsedWithClearErrors() {
        assertEquals(new WriteFault(12, WriteFault.Kind.FAIL_AFTER), WriteFault.parse("12:fail-after"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WriteFault.parse("x:refuse")).getMessage()
                .contains("'x' is not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WriteFault.parse("3:explode")).getMessage()
                .contains("not one of refuse, fail-after, miswrite"));
        assertThrows(IllegalArgumentException.class, () -> WriteFault.parse("0:refuse"));
    }
}
