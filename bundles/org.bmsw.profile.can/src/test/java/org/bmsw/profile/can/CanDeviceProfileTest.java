package org.bmsw.profile.can;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bmsw.can.dbc.Dbc;
import org.bmsw.can.dbc.telemetry.DbcTelemetry;
import org.bmsw.can.dbc.telemetry.FrameTelemetryEncoder;
import org.bmsw.can.dbc.telemetry.TelemetryCatalog;
import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Flag;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.device.api.PackState;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Severity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.WriteTarget;
import org.bmsw.protocol.xcp.XcpCalibrationLayout;
import org.bmsw.protocol.xcp.XcpCanIds;
import org.bmsw.protocol.xcp.target.CalibrationPages;
import org.bmsw.protocol.xcp.target.XcpCanResponder;
import org.bmsw.protocol.xcp.target.XcpSlave;
import org.bmsw.protocol.xcp.target.XcpSlaveConfig;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.ParameterSchemas;
import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small BMS on CAN that is not a JDI, of real parts: two slcan adapters (emulated behind socat ptys) on one bus,
 * the device broadcasting the frames its DBC describes and answering XCP on its calibration pages (the target side
 * of org.bmsw.protocol.xcp), the host a {@link CanDeviceProfile} made from that DBC and a parameter schema.
 */
class CanDeviceProfileTest {

    private static final XcpCalibrationLayout XCP = new XcpCalibrationLayout(new XcpCanIds(0x7E0, 0x7E8, false, false),
            CalibrationPages.SEGMENT, CalibrationPages.RAM_PAGE, CalibrationPages.FLASH_PAGE);
    private static final long BASE = 0x00020000;

    @TempDir
    Path dir;
    private SlcanBus bus;
    private DbcTelemetry telemetry;
    private ParameterSchema schema;
    private CalibrationPages pages;
    private Device device;

    /** Broadcasts a snapshot every 100 ms and answers XCP, on the device's adapter. */
    private final class Device implements AutoCloseable {
        private final Thread thread = new Thread(this::run, "ACME device");
        private final XcpCanResponder responder = new XcpCanResponder(new XcpSlave(XcpSlaveConfig.can(), null, pages),
                XCP.ids());
        private final FrameTelemetryEncoder encoder = telemetry.encoder();
        private volatile boolean broadcasting = true;

        Device start() {
            thread.setDaemon(true);
            thread.start();
            return this;
        }

        private void run() {
            CanLink link = bus.device;
            long next = 0;
            try {
                while (link.isOpen() && !Thread.currentThread().isInterrupted()) {
                    if (broadcasting && System.nanoTime() >= next) {
                        for (var frames : encoder.encode(snapshot()).values()) {
                            for (CanFrame frame : frames) {
                                link.send(frame);
                            }
                        }
                        next = System.nanoTime() + 100_000_000L;
                    }
                    CanFrame received = link.receive(20_000_000L);
                    if (received != null) {
                        var answer = responder.handle(received);
                        if (answer.isPresent()) {
                            link.send(answer.get());
                        }
                    }
                }
            } catch (LinkException e) {
                // the bus was taken down
            }
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(2000);
        }
    }

    private static Telemetry snapshot() {
        DeviceIdentity identity = new DeviceIdentity("acme.bms", "ACME-8", "", "", "", 1, false);
        PackState pack = new PackState(71.5, Double.NaN, 13.2, -4.5, Double.NaN, Double.NaN, -1, -1, "", 4, false, true);
        List<CellVoltage> cells = List.of(new CellVoltage(1, 0, 3.301, false), new CellVoltage(2, 0, 3.302, false),
                new CellVoltage(3, 0, 3.299, false), new CellVoltage(4, 0, 3.298, false));
        FlagGroup alarm = new FlagGroup(FlagGroup.ALARM, LocalizedText.of("Alarm"),
                List.of(new Flag("COV", LocalizedText.of("COV"), 2, Severity.WARNING)));
        Quantity vcc = new Quantity("voltage.vcc", LocalizedText.of("VCC"), 12.34, "V", "power", false);
        return new Telemetry(Instant.now(), identity, pack, cells, List.of(), List.of(alarm), List.of(vcc));
    }

    @BeforeEach
    void bus() throws Exception {
        telemetry = DbcTelemetry.of(Dbc.load(CanDeviceProfileTest.class.getResource("acme.dbc")), TelemetryCatalog.NONE);
        schema = ParameterSchemas.load(CanDeviceProfileTest.class.getResource("acme.parameters.json"));
        // the device's flash: COV 3650 mV, OTD 60.0 °C, little-endian as XcpSlaveConfig.can() declares
        pages = new CalibrationPages(BASE, new byte[] {(byte) 0x42, 0x0E, 0x58, 0x02});
        bus = new SlcanBus(dir);
        device = new Device().start();
    }

    @AfterEach
    void close() throws Exception {
        device.close();
        bus.close();
    }

    private CanDeviceProfile profile(XcpCalibrationLayout xcp) {
        return new CanDeviceProfile(new CanDeviceDefinition("acme.bms.can", LocalizedText.of("ACME on CAN"),
                Set.of("ACME-8"), 500_000, "acme.bms", telemetry, schema, xcp, List.of()));
    }

    @Test
    void aDeviceOfAnyDbcIsRecognisedReadAndCalibratedThenFlashed() throws Exception {
        CanDeviceProfile profile = profile(XCP);
        assertEquals(Duration.ofMillis(1000), profile.definition().identifyTimeout(), "2.5 cycles, at least 1 s");
        DeviceIdentity found = profile.probe(bus.host, 1, Duration.ofSeconds(2)).orElseThrow();
        assertEquals("ACME-8", found.model(), "the model by the VAL_ name of the broadcast value");
        try (DeviceSession session = profile.connect(bus.host, 1)) {
            assertEquals("acme.bms", session.identity().profileId(), "the parameter files' profile id");
            assertSame(telemetry, session.capability(DbcTelemetry.class).orElseThrow(), "the DBC it decodes with");
            assertSame(telemetry.dbc(), session.capability(Dbc.class).orElseThrow());
            assertSame(schema, session.capability(ParameterSchema.class).orElseThrow());
            List<CanFrame> sent = new CopyOnWriteArrayList<>();
            List<CanFrame> received = new CopyOnWriteArrayList<>();
            AutoCloseable trace = ((CanLink) session.link()).listen((frame, out) -> (out ? sent : received).add(frame));
            Thread.sleep(300);
            Telemetry t = session.readTelemetry();
            assertEquals(13.2, t.pack().voltage(), 1e-9);
            assertEquals(-4.5, t.pack().current(), 1e-9);
            assertEquals(List.of(3.301, 3.302, 3.299, 3.298), t.cells().stream().map(CellVoltage::volts).toList());
            Flag cov = t.flagGroup(FlagGroup.ALARM).orElseThrow().flag("COV").orElseThrow();
            assertEquals(2, cov.level());
            assertEquals("Cell over-voltage", cov.label().english(), "the DBC's comment when the catalog knows nothing");
            assertEquals(12.34, t.quantity("voltage.vcc").orElseThrow().value(), 1e-9);

            var parameters = session.parameters();
            assertEquals(Set.of("COV", "OTD"), parameters.keys());
            assertTrue(parameters.stagesInRam());
            var read = parameters.read(List.of("OTD", "COV"));
            assertEquals(List.of("OTD", "COV"), List.copyOf(read.keySet()), "in the order asked");
            assertEquals(60.0, read.get("OTD").value(), 1e-9);
            assertEquals(3650.0, read.get("COV").value(), 1e-9);
            trace.close();
            assertTrue(!sent.isEmpty() && sent.stream().allMatch(f -> f.id() == 0x7E0), "XCP requests: " + sent);
            assertTrue(received.stream().anyMatch(f -> f.id() == 0x7E8), "an XCP response heard beside the session");
            assertTrue(received.stream().anyMatch(f -> telemetry.dbc().message(f.id(), f.extended()).isPresent()),
                    "and the broadcast");

            parameters.write(Map.of("COV", 3600.0, "OTD", -12.5), WriteTarget.RAM);
            assertEquals(3600, le16(pages.page(CalibrationPages.RAM_PAGE), 0), "Calibration writes the RAM page");
            assertEquals(-125, (short) le16(pages.page(CalibrationPages.RAM_PAGE), 2));
            assertEquals(3650, le16(pages.page(CalibrationPages.FLASH_PAGE), 0), "the flash page is untouched");
            assertEquals(Set.of("COV", "OTD"), parameters.unpersisted());
            parameters.persist();
            assertEquals(3600, le16(pages.page(CalibrationPages.FLASH_PAGE), 0), "Flash copies RAM to flash");
            assertEquals(Set.of(), parameters.unpersisted());
            assertEquals(-12.5, parameters.read(List.of("OTD")).get("OTD").value(), 1e-9);
        }
    }

    private static int le16(byte[] page, int at) {
        return (page[at] & 0xFF) | (page[at + 1] & 0xFF) << 8;
    }

    @Test
    void aDeviceThatStopsBroadcastingIsNotShownWithOldValues() throws Exception {
        try (DeviceSession session = profile(XCP).connect(bus.host, 1)) {
            Thread.sleep(300);
            assertEquals(4, session.readTelemetry().cells().size());
            device.broadcasting = false;
            Thread.sleep(800); // three cycles of 100 ms, at least 0.5 s
            DeviceException stale = assertThrows(DeviceException.class, session::readTelemetry);
            assertEquals(DeviceException.Reason.TIMEOUT, stale.reason());
            assertTrue(stale.getMessage().contains("has stopped broadcasting"), stale.getMessage());
        }
    }

    @Test
    void aRetiredProfileEndsItsSessionsSayingWhy() throws Exception {
        CanDeviceProfile profile = profile(XCP);
        DeviceSession session = profile.connect(bus.host, 1);
        profile.retire("was replaced (acme.profile.json changed); reconnect to use the new definition");
        assertFalse(session.isOpen());
        DeviceException closed = assertThrows(DeviceException.class, session::readTelemetry);
        assertEquals("session closed: profile acme.bms.can was replaced (acme.profile.json changed); reconnect to use the"
                + " new definition", closed.getMessage());
    }

    @Test
    void withoutXcpTheParametersSayTheyCannotBeReachedOnCan() throws Exception {
        try (DeviceSession session = profile(null).connect(bus.host, 1)) {
            DeviceException e = assertThrows(DeviceException.class, () -> session.parameters().read(List.of("COV")));
            assertEquals(DeviceException.Reason.UNSUPPORTED, e.reason());
            assertTrue(profile(null).capability(XcpCalibrationLayout.class).isEmpty());
        }
    }

    /** The workbench probes with a request's 700 ms; the JDI names its model once a second. */
    @Test
    void probingListensAtLeastOneBroadcastCycleWhateverTheRequestTimeout() throws Exception {
        device.broadcasting = false;
        Thread.sleep(200);
        while (bus.host.receive(50_000_000L) != null) {
            // what the device sent before it paused
        }
        CanDeviceProfile profile = profile(XCP);
        Thread resume = new Thread(() -> {
            try {
                Thread.sleep(300);
                device.broadcasting = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        resume.start();
        long started = System.nanoTime();
        DeviceIdentity found = profile.probe(bus.host, 1, Duration.ofMillis(50)).orElseThrow(
                () -> new AssertionError("the model frame 300 ms into a probe with a 50 ms request timeout was missed"));
        resume.join();
        assertEquals("ACME-8", found.model());
        assertTrue(System.nanoTime() - started >= 250_000_000L, "it waited for the broadcast");
    }

    @Test
    void nothingOnTheBusIsNoDeviceAndConnectingTimesOutSayingWhatItWaitedFor() throws Exception {
        device.close();
        Thread.sleep(200);
        while (bus.host.receive(50_000_000L) != null) {
            // what the device sent before it went quiet
        }
        CanDeviceProfile profile = profile(XCP);
        assertTrue(profile.probe(bus.host, 1, Duration.ofMillis(300)).isEmpty());
        DeviceException e = assertThrows(DeviceException.class, () -> profile.connect(bus.host, 1));
        assertEquals(DeviceException.Reason.TIMEOUT, e.reason());
        assertTrue(e.getMessage().startsWith("no ACME on CAN broadcast naming its model (ACME_Pack, 0x18FF50E5 (extended))"),
                e.getMessage());
    }

    @Test
    void aDefinitionWithoutAModelSignalIsRefused() throws Exception {
        String text = new String(CanDeviceProfileTest.class.getResourceAsStream("acme.dbc").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).replace("\"device.model\"", "\"quantity.model\"");
        DbcTelemetry noModel = DbcTelemetry.of(Dbc.parse("acme.dbc", text), TelemetryCatalog.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CanDeviceDefinition(
                "acme.bms.can", LocalizedText.of("ACME"), Set.of(), 500_000, "acme.bms", noModel, schema, XCP, List.of()));
        assertEquals("acme.bms.can: no signal of acme.dbc carries device.model, so a device cannot be recognised",
                e.getMessage());
    }
}
