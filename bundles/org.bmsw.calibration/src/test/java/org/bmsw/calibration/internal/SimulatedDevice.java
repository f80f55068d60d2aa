package org.bmsw.calibration.internal;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import org.bmsw.device.api.DeviceSession;
import org.bmsw.profile.jdi.JdiData;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.bmsw.protocol.modbus.ExceptionCode;
import org.bmsw.protocol.modbus.ModbusRefusal;
import org.bmsw.protocol.modbus.ModbusRtuSlave;
import org.bmsw.protocol.modbus.RegisterBank;
import org.bmsw.protocol.modbus.RtuServer;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.ParameterSchemas;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.simulator.device.SimulatedRegisterDevice;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.serial.internal.SocatPair;

/**
 * A simulated BMS on the far end of a real socat pty pair, its battery running in real time, serving the
 * profile's own map and schema; the host opens the near end with the real serial transport. Faults are injected
 * at the device: it can refuse writes to chosen registers or stop answering altogether; every write request that
 * reaches it is counted, so a test can show that nothing was written.
 */
final class SimulatedDevice implements AutoCloseable {

    static final String SMART_BMS_MAP = "/org/bmsw/profile/smartbms/smartbms-v4.profile.json";
    static final String SMART_BMS_PARAMETERS = "/org/bmsw/profile/smartbms/smartbms-v4.parameters.json";

    final BatterySimulator battery;
    final SimulatedRegisterDevice device;
    final RegisterDeviceProfile profile;
    final ParameterSchema schema;
    /** Write requests (FC 06 / 16) that reached the device, refused ones included. */
    final AtomicInteger writes = new AtomicInteger();
    /** Registers whose writes the device refuses with SERVER DEVICE FAILURE. */
    volatile IntPredicate refuseWritesAt = address -> false;
    /** The device hears nothing and answers nothing. */
    volatile boolean silent;

    private final SocatPair socat;
    private final Thread serving;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated battery clock");
        t.setDaemon(true);
        return t;
    });
    private ByteLink link;
    private DeviceSession session;

    /** A Smart BMS V4.0 on the shipped map. */
    static SimulatedDevice smartBms(Path dir, PackConfig config) throws Exception {
        return new SimulatedDevice(dir, load(SMART_BMS_MAP, SimulatedDevice.class.getResource(SMART_BMS_MAP)),
                ParameterSchemas.load(SimulatedDevice.class.getResource(SMART_BMS_PARAMETERS)), config, "35-7-3");
    }

    /** A JDI BI51 on its RS485 map. */
    static SimulatedDevice jdi(Path dir, PackConfig config) throws Exception {
        return new SimulatedDevice(dir, load(JdiData.REGISTER_PROFILE, JdiData.registerProfile()),
                ParameterSchemas.load(JdiData.parameters()), config, "2-1-0");
    }

    private static RegisterProfile load(String name, URL url) throws Exception {
        try (InputStream in = url.openStream()) {
            return new RegisterProfileLoader().load(name, in);
        }
    }

    private SimulatedDevice(Path dir, RegisterProfile map, ParameterSchema schema, PackConfig config, String firmware)
            throws Exception {
        this.schema = schema;
        battery = new BatterySimulator(config);
        device = new SimulatedRegisterDevice(map, schema, battery, 1, firmware);
        profile = new RegisterDeviceProfile(map, schema);
        RegisterBank faulty = new RegisterBank() {
            @Override
            public int[] readHoldingRegisters(int address, int count) throws ModbusRefusal {
                return device.readHoldingRegisters(address, count);
            }

            @Override
            public int[] readInputRegisters(int address, int count) throws ModbusRefusal {
                return device.readInputRegisters(address, count);
            }

            @Override
            public void writeRegisters(int address, int[] values) throws ModbusRefusal {
                writes.incrementAndGet();
                if (refuseWritesAt.test(address)) {
                    throw new ModbusRefusal(ExceptionCode.SERVER_DEVICE_FAILURE, "injected fault at " + address);
                }
                device.writeRegisters(address, values);
            }
        };
        socat = new SocatPair(dir, "bms").start();
        RtuServer server = new RtuServer(new ModbusRtuSlave(1, faulty));
        Path far = socat.b;
        serving = new Thread(() -> {
            byte[] buf = new byte[1024];
            try (var in = new FileInputStream(far.toFile()); var out = new FileOutputStream(far.toFile())) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (silent) {
                        continue;
                    }
                    for (byte[] reply : server.accept(buf, 0, n)) {
                        out.write(reply);
                    }
                    out.flush();
                }
            } catch (Exception e) {
                // socat went away: the test ended
            }
        }, "simulated bms");
        serving.setDaemon(true);
        serving.start();
        clock.scheduleAtFixedRate(() -> battery.runSeconds(0.1), 100, 100, TimeUnit.MILLISECONDS);
    }

    /** The host's end of the pty pair. */
    Path hostPort() {
        return socat.a;
    }

    /** A session over the real serial transport, closed with this device. */
    DeviceSession connect() throws Exception {
        link = new SerialTransport().openByteLink(LinkSettings.of("serial", hostPort().toString(), 9600));
        if (profile.probe(link, 1, Duration.ofSeconds(1)).isEmpty()) {
            throw new IllegalStateException("the simulated device does not identify");
        }
        session = profile.connect(link, 1);
        return session;
    }

    /** The device's parameter values now (RAM), read in the simulator, not over the wire. */
    Map<String, Double> values() {
        return device.ramValues();
    }

    @Override
    public void close() throws Exception {
        clock.shutdownNow();
        if (session != null) {
            session.close();
        }
        if (link != null) {
            link.close();
        }
        socat.close();
        serving.interrupt();
    }
}
