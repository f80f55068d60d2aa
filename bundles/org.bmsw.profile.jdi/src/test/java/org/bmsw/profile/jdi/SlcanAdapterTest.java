package org.bmsw.profile.jdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.bmsw.can.dbc.DbcMessage;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.ParameterAccess;
import org.bmsw.device.api.WriteTarget;
import org.bmsw.profile.jdi.JdiFixtures.Pack;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.can.SimulatedCanDevice;
import org.bmsw.simulator.can.SlcanAdapter;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.serial.internal.SocatPair;
import org.bmsw.transport.slcan.internal.SlcanTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator as a USB-CAN adapter with a JDI behind it ({@code bmsw simulate --slcan}): a host opens the pty as it
 * would a Lawicel adapter — our slcan transport, and python-can's slcan interface, which nobody here wrote — and sees
 * the JDI's broadcast and its XCP calibration pages.
 */
class SlcanAdapterTest {

    private static final Pack PACK = JdiFixtures.PACKS.get(1);

    @TempDir
    Path dir;

    private static SlcanAdapter adapter(SocatPair pty) throws Exception {
        return new SlcanAdapter(new FileInputStream(pty.b.toFile()), new FileOutputStream(pty.b.toFile()), pty.a.toString());
    }

    @Test
    void ourHostReadsTelemetryAndCalibratesThenFlashesThroughTheSimulatedAdapter() throws Exception {
        BatterySimulator battery = JdiFixtures.battery(PACK);
        try (SocatPair pty = new SocatPair(dir).start(); SlcanAdapter adapter = adapter(pty);
             SimulatedCanDevice device = new SimulatedCanDevice(JdiFixtures.canProfile(), battery, adapter, "2-1-0");
             CanLink host = new SlcanTransport(new SerialTransport())
                     .openCanLink(LinkSettings.of("slcan", pty.a.toString(), 250_000));
             DeviceSession session = JdiFixtures.canProfile().connect(host, 1)) {
            assertEquals(250_000, adapter.bitrate(), "the host's S5 set the adapter's bit rate");
            Thread.sleep(1300); // one cycle of the slowest message
            JdiFixtures.assertMatches(battery.snapshot(), session.readTelemetry(), PACK, 1.0);

            ParameterAccess parameters = session.parameters();
            parameters.write(Map.of("COV", 3600.0), WriteTarget.RAM);
            assertEquals(3600, device.device().ramValues().get("COV"), 1e-9, "Calibration reached the device's RAM");
            assertEquals(Set.of("COV"), device.device().unflashedKeys());
            parameters.persist();
            assertEquals(3600, device.device().flashedValues().get("COV"), 1e-9, "Flash persisted it");
        }
    }

    @Test
    void pythonCanReadsTheBroadcastFromTheSimulatedAdapter() throws Exception {
        try (SocatPair pty = new SocatPair(dir).start(); SlcanAdapter adapter = adapter(pty);
             SimulatedCanDevice device = new SimulatedCanDevice(JdiFixtures.canProfile(), JdiFixtures.battery(PACK), adapter,
                     "2-1-0")) {
            Path script = Files.writeString(dir.resolve("listen.py"), String.join("\n",
                    "import sys, time, can",
                    "bus = can.interface.Bus(interface='slcan', channel=sys.argv[1], bitrate=250000)",
                    "ids = set()",
                    "end = time.time() + 2.5",
                    "while time.time() < end:",
                    "    m = bus.recv(0.2)",
                    "    if m is not None:",
                    "        ids.add(m.arbitration_id)",
                    "bus.shutdown()",
                    "print(' '.join('%X' % i for i in sorted(ids)))", ""), StandardCharsets.UTF_8);
            Process python = new ProcessBuilder("/usr/bin/python3", script.toString(), pty.a.toString())
                    .redirectErrorStream(true).start();
            assertTrue(python.waitFor(30, TimeUnit.SECONDS), "python-can finished");
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(0, python.exitValue(), out);
            Set<String> seen = new TreeSet<>(List.of(out.split(" ")));
            Set<String> broadcast = new TreeSet<>();
            for (DbcMessage message : device.broadcaster().frames().keySet()) {
                broadcast.add(Integer.toHexString(message.id()).toUpperCase());
            }
            assertEquals(broadcast, seen, "python-can received every message the DBC broadcasts");
        }
    }
}
