package org.bmsw.workbench.internal;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bmsw.profile.jdi.JdiData;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.bmsw.protocol.modbus.ModbusRtuSlave;
import org.bmsw.protocol.modbus.RtuServer;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.ParameterSchemas;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.Chemistry;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.simulator.device.SimulatedRegisterDevice;
import org.bmsw.transport.serial.internal.SocatPair;

/**
 * A simulated BMS (Smart BMS V4.0 or JDI BI51) on the far end of a real socat pty pair, serving the profile's
 * own register map and parameter schema, its battery model running in real time. The host side opens
 * {@link #hostPort()} with the real serial transport, as it would a USB-RS485 adapter.
 */
public final class SimulatedBms implements AutoCloseable {

    public static final String SMART_BMS_MAP = "/org/bmsw/profile/smartbms/smartbms-v4.profile.json";
    public static final String SMART_BMS_PARAMETERS = "/org/bmsw/profile/smartbms/smartbms-v4.parameters.json";

    public final BatterySimulator battery;
    public final SimulatedRegisterDevice device;
    public final RegisterDeviceProfile profile;
    private final SocatPair socat;
    private final Thread serving;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated battery clock");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;
    private volatile double speed = 1;

    /** A Smart BMS V4.0 with {@code cells} cells, LFP, 62 % charged. */
    public static SimulatedBms smartBms(Path dir, int cells, long seed) throws Exception {
        return new SimulatedBms(dir, load(SMART_BMS_MAP, SimulatedBms.class.getResource(SMART_BMS_MAP)),
                ParameterSchemas.load(SimulatedBms.class.getResource(SMART_BMS_PARAMETERS)),
                new BatterySimulator(PackConfig.smartBms(cells).seed(seed).initialSoc(0.62).build()), "35-7-3");
    }

    /** A JDI BI51 cascade: the BIU's cells, then each BMU's; LFP, 100 Ah, 70 % charged. */
    public static SimulatedBms jdi(Path dir, long seed, int... modules) throws Exception {
        return new SimulatedBms(dir, load(JdiData.REGISTER_PROFILE, JdiData.registerProfile()),
                ParameterSchemas.load(JdiData.parameters()), new BatterySimulator(PackConfig.jdi(modules)
                .chemistry(Chemistry.LFP).capacityAh(100).initialSoc(0.7).seed(seed).build()), "2-1-0");
    }

    private static RegisterProfile load(String name, java.net.URL url) throws Exception {
        try (InputStream in = url.openStream()) {
            return new RegisterProfileLoader().load(name, in);
        }
    }

    private SimulatedBms(Path dir, RegisterProfile map, ParameterSchema schema, BatterySimulator model, String firmware)
            throws Exception {
        battery = model;
        device = new SimulatedRegisterDevice(map, schema, battery, 1, firmware);
        profile = new RegisterDeviceProfile(map, schema);
        socat = new SocatPair(dir, "bms").start();
        Path far = socat.b;
        RtuServer server = new RtuServer(new ModbusRtuSlave(1, device));
        serving = new Thread(() -> {
            try (var in = new FileInputStream(far.toFile()); var out = new FileOutputStream(far.toFile())) {
                server.serve(in, out);
            } catch (Exception e) {
                // socat went away: the cable was pulled or the test ended
            }
        }, "simulated bms");
        serving.setDaemon(true);
        serving.start();
        clock.scheduleAtFixedRate(() -> {
            if (running) {
                battery.runSeconds(0.1 * speed);
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** The host's end of the pty pair. */
    public Path hostPort() {
        return socat.a;
    }

    /** Stops (false) or restarts (true) the battery's clock, so values on screen can be compared exactly. */
    public void running(boolean on) {
        running = on;
    }

    /** Simulated seconds per real second (1 = real time): a screenshot tour shows an hour in a minute. */
    public void speed(double factor) {
        speed = factor;
    }

    /** Pulls the cable: both ptys go away. */
    public void unplug() throws InterruptedException {
        socat.stop();
    }

    @Override
    public void close() throws Exception {
        clock.shutdownNow();
        socat.close();
        serving.interrupt();
    }
}
