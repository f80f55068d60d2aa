package org.bmsw.launcher.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.bmsw.core.ConnectionService;
import org.bmsw.core.ProfileRegistry;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.bmsw.protocol.modbus.ModbusRtuSlave;
import org.bmsw.protocol.modbus.RtuServer;
import org.bmsw.schema.ParameterSchemas;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.simulator.device.SimulatedRegisterDevice;
import org.bmsw.transport.api.LinkSettings;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * A bus scan in the running program: two simulated Smart BMSs (addresses 1 and 5) share one end of a
 * real pty pair; the connection service scans addresses 1..8 through the serial transport and every
 * installed profile, with progress for each address.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BusScanIT {

    private static final String MAPS = "/org/bmsw/profile/smartbms/";

    @Inject
    private BundleContext context;
    @Inject
    private ConnectionService connections;
    @Inject
    private ProfileRegistry profiles;

    @Configuration
    public Option[] config() {
        return Distribution.options(Distribution.newPluginsDir(), "simulator", "transport-serial");
    }

    @Test
    public void findsExactlyTheDevicesOnTheBus() throws Exception {
        long deadline = System.currentTimeMillis() + 5_000;
        while (profiles.profile("smartbms.v4").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        Path dir = Files.createTempDirectory("bmsw-scan-");
        Path host = dir.resolve("host");
        Path device = dir.resolve("device");
        Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + device)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        try {
            while (!(Files.exists(host) && Files.exists(device)) && System.currentTimeMillis() < deadline + 5_000) {
                Thread.sleep(5);
            }
            serveTwoDevices(device);
            List<Integer> progress = new ArrayList<>();
            List<DeviceIdentity> found = connections.scan(LinkSettings.of("serial", host.toString(), 9600), 1, 8,
                    Duration.ofMillis(150), (address, done, total, identity) -> {
                        progress.add(address);
                        assertEquals(8, total);
                    });
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), progress);
            assertEquals(List.of(1, 5), found.stream().map(DeviceIdentity::address).toList());
            assertTrue(found.stream().allMatch(d -> d.profileId().equals("smartbms.v4")
                    && d.model().equals("SMARTBMS-V4")));
            assertTrue("a scan opens no session", connections.sessions().isEmpty());
        } finally {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The simulated devices read the shipped map and schema from the Smart BMS bundle itself. */
    private void serveTwoDevices(Path device) throws Exception {
        Bundle maps = FeatureSetAssertions.bundle(context, "org.bmsw.profile.smartbms");
        RegisterProfile map;
        try (InputStream in = maps.getEntry(MAPS + "smartbms-v4.profile.json").openStream()) {
            map = new RegisterProfileLoader().load("smartbms-v4.profile.json", in);
        }
        var schema = ParameterSchemas.load(maps.getEntry(MAPS + "smartbms-v4.parameters.json"));
        RtuServer server = new RtuServer(
                new ModbusRtuSlave(1, new SimulatedRegisterDevice(map, schema,
                        new BatterySimulator(PackConfig.smartBms(24).seed(1).build()), 1, "35-7-3")),
                new ModbusRtuSlave(5, new SimulatedRegisterDevice(map, schema,
                        new BatterySimulator(PackConfig.smartBms(16).seed(5).build()), 5, "35-7-3")));
        Thread serving = new Thread(() -> {
            try (var in = new FileInputStream(device.toFile()); var out = new FileOutputStream(device.toFile())) {
                server.serve(in, out);
            } catch (Exception e) {
                // the pty went away at the end of the test
            }
        }, "simulated bus");
        serving.setDaemon(true);
        serving.start();
    }
}
