package org.bmsw.profile.jdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.profile.jdi.JdiFixtures.Pack;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.protocol.modbus.ModbusRtuSlave;
import org.bmsw.protocol.modbus.RtuServer;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.DigitalInput;
import org.bmsw.simulator.device.SimulatedRegisterDevice;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.serial.internal.SocatPair;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every model, and cascades of 160 cells, over RS485: the simulator serves the shipped register map on one end
 * of a real socat pty pair, the real serial transport and the register profile engine read it on the other.
 */
class JdiOnRs485Test {

    static final java.util.List<Pack> PACKS = JdiFixtures.PACKS;

    @TempDir
    Path dir;

    /** A simulated JDI on a pty and a host session on the other end; closes all of it. */
    static final class Rs485 implements AutoCloseable {
        final SocatPair socat;
        final SimulatedRegisterDevice device;
        final ByteLink link;
        final RegisterDeviceProfile profile;
        final DeviceSession session;

        Rs485(Path dir, BatterySimulator battery) throws Exception {
            socat = new SocatPair(dir).start();
            device = new SimulatedRegisterDevice(JdiFixtures.map(), JdiFixtures.schema(), battery, 1, "2-1-0");
            RtuServer server = new RtuServer(new ModbusRtuSlave(1, device));
            Thread serving = new Thread(() -> {
                try (var in = new FileInputStream(socat.b.toFile()); var out = new FileOutputStream(socat.b.toFile())) {
                    server.serve(in, out);
                } catch (Exception e) {
                    // socat went away at the end of the test
                }
            }, "simulated JDI");
            serving.setDaemon(true);
            serving.start();
            link = new SerialTransport().openByteLink(LinkSettings.of("serial", socat.a.toString(), 9600));
            profile = new RegisterDeviceProfile(JdiFixtures.map(), JdiFixtures.schema());
            session = profile.connect(link, 1);
        }

        @Override
        public void close() throws Exception {
            session.close();
            link.close();
            socat.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("PACKS")
    void everyValueMatchesTheBatteryModel(Pack pack) throws Exception {
        BatterySimulator battery = JdiFixtures.battery(pack);
        try (Rs485 bus = new Rs485(dir, battery)) {
            DeviceIdentity probed = bus.profile.probe(bus.link, 1, Duration.ofSeconds(1)).orElseThrow();
            assertEquals(pack.model(), probed.model(), "the model comes from the device");
            assertEquals(pack.model(), bus.session.identity().model());
            assertEquals("2-1-0", bus.session.identity().firmwareVersion());
            Telemetry t = bus.session.readTelemetry();
            JdiFixtures.assertMatches(battery.snapshot(), t, pack, 0.1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("PACKS")
    void vccIsFlaggedWhenItDiffersFromKeyOnByMoreThanThreeVolts(Pack pack) throws Exception {
        BatterySimulator battery = JdiFixtures.battery(pack);
        try (Rs485 bus = new Rs485(dir, battery)) {
            Telemetry fine = bus.session.readTelemetry();
            assertFalse(fine.quantity("voltage.vcc").orElseThrow().flagged(), "13.5 V everywhere");
            assertFalse(fine.quantity("voltage.keyon").orElseThrow().flagged());

            battery.setAuxiliaryVolts(10.4, 13.5); // 3.1 V below VCC while KeyOn is high
            Telemetry apart = bus.session.readTelemetry();
            assertTrue(apart.quantity("voltage.keyon").orElseThrow().flagged(), "KeyOn 3.1 V from VCC");
            assertTrue(apart.quantity("voltage.vcc").orElseThrow().flagged());
            assertFalse(apart.quantity("voltage.wakeup").orElseThrow().flagged(), "no charger: wake-up is not compared");

            battery.setAuxiliaryVolts(10.6, 13.5); // 2.9 V: within the manual's 3 V
            assertFalse(bus.session.readTelemetry().quantity("voltage.keyon").orElseThrow().flagged());

            battery.setAuxiliaryVolts(9, 13.5);
            battery.setDigitalInput(DigitalInput.KEY_ON, false);
            assertFalse(bus.session.readTelemetry().quantity("voltage.keyon").orElseThrow().flagged(),
                    "KeyOn low: its voltage is not compared");
        }
        assertTrue(Files.isDirectory(dir));
    }
}
