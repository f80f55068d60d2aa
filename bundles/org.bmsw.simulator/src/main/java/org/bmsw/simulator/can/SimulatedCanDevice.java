package org.bmsw.simulator.can;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bmsw.can.dbc.telemetry.DbcTelemetry;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.protocol.modbus.ModbusRefusal;
import org.bmsw.protocol.xcp.XcpCalibrationLayout;
import org.bmsw.protocol.xcp.target.CalibrationPages;
import org.bmsw.protocol.xcp.target.XcpCanResponder;
import org.bmsw.protocol.xcp.target.XcpSlave;
import org.bmsw.protocol.xcp.target.XcpSlaveConfig;
import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.RawType;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.device.SimulatedRegisterDevice;
import org.bmsw.transport.api.CanLink;

/**
 * A simulated device on CAN, from the CAN profile's own data: the broadcast frames its DBC describes, and an XCP slave
 * on the same bus offering the parameters as calibration pages at the schema's XCP addresses. Page changes go
 * through the simulated device's RAM/flash semantics, so a restart keeps only flashed values, as over RS485.
 */
public final class SimulatedCanDevice implements AutoCloseable {

    private final SimulatedRegisterDevice device;
    private final XcpCalibrationLayout layout;
    private final CalibrationPages pages;
    private final XcpSlave slave;
    private final CanBroadcaster broadcaster;
    private final List<ParameterDef> parameters;
    private final long base;
    private final int size;
    private volatile boolean restarting;

    /**
     * A new device with its own battery model, broadcasting on {@code link} and answering XCP there.
     *
     * @param profile a CAN profile offering {@link DbcTelemetry}, {@link ParameterSchema}, {@link RegisterProfile} (the
     *                device's RAM/flash model) and {@link XcpCalibrationLayout} as capabilities
     * @throws IllegalArgumentException naming what the profile does not offer
     */
    public SimulatedCanDevice(DeviceProfile profile, BatterySimulator battery, CanLink link, String firmware) {
        this(profile, new SimulatedRegisterDevice(need(profile, RegisterProfile.class), need(profile, ParameterSchema.class),
                battery, 1, firmware), link);
    }

    /**
     * {@code device} (e.g. a virtual device of {@link #registerProfile}) on CAN as well: broadcasting on {@code link}
     * and answering XCP there.
     */
    public SimulatedCanDevice(DeviceProfile profile, SimulatedRegisterDevice device, CanLink link) {
        DbcTelemetry telemetry = need(profile, DbcTelemetry.class);
        ParameterSchema schema = need(profile, ParameterSchema.class);
        this.layout = need(profile, XcpCalibrationLayout.class);
        this.device = device;
        BatterySimulator battery = device.battery();
        parameters = schema.parameters().stream().filter(d -> d.location().hasXcp()).toList();
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("profile " + profile.id() + " has no parameters at XCP addresses");
        }
        base = parameters.stream().mapToLong(d -> d.location().xcp().address()).min().orElseThrow();
        size = (int) (parameters.stream().mapToLong(d -> d.location().xcp().address() + d.location().xcp().size())
                .max().orElseThrow() - base);
        pages = new CalibrationPages(base, image(device.flashedValues()));
        pages.addListener(this::pagesChanged);
        slave = new XcpSlave(XcpSlaveConfig.can(), null, pages);
        XcpCanResponder responder = new XcpCanResponder(slave, layout.ids());
        broadcaster = new CanBroadcaster(telemetry, battery, device.identity(), link, responder::handle).start();
    }

    /** The register profile of the same device (its map and parameters), to run it as a virtual device. */
    public static RegisterDeviceProfile registerProfile(DeviceProfile canProfile) {
        return new RegisterDeviceProfile(need(canProfile, RegisterProfile.class), need(canProfile, ParameterSchema.class));
    }

    private static <C> C need(DeviceProfile profile, Class<C> type) {
        return profile.capability(type).orElseThrow(() -> new IllegalArgumentException("profile " + profile.id()
                + " cannot be simulated on CAN: it offers no " + type.getSimpleName()));
    }

    /** The device behind the pages: its RAM and flash values. */
    public SimulatedRegisterDevice device() {
        return device;
    }

    public CanBroadcaster broadcaster() {
        return broadcaster;
    }

    /** Power cycle: RAM page and device RAM from flash, XCP session gone. */
    public void restart() {
        restarting = true;
        try {
            device.restart();
            slave.powerCut();
            pages.powerCut();
            pages.write(layout.ramPage(), base, image(device.ramValues()));
            slave.powerOn();
        } finally {
            restarting = false;
        }
    }

    /** XCP wrote the RAM page (Calibration) or copied it to flash (Flash): the device follows. */
    private void pagesChanged() {
        if (restarting) {
            return;
        }
        Map<String, Double> ram = values(pages.page(layout.ramPage()));
        Map<String, Double> now = device.ramValues();
        for (ParameterDef def : parameters) {
            if (!ram.get(def.key()).equals(now.get(def.key()))) {
                try {
                    device.writeRegisters(def.location().register(), def.type().toWords(def.rawOf(ram.get(def.key()))
                            .orElseThrow()));
                } catch (ModbusRefusal e) {
                    throw new IllegalStateException(def.key() + " = " + ram.get(def.key()) + " refused: " + e.getMessage(), e);
                }
            }
        }
        if (!values(pages.page(layout.flashPage())).equals(device.flashedValues())) {
            device.persist();
        }
    }

    private byte[] image(Map<String, Double> values) {
        byte[] image = new byte[size];
        for (ParameterDef def : parameters) {
            long raw = def.rawOf(values.get(def.key())).orElseThrow();
            int at = (int) (def.location().xcp().address() - base);
            for (int i = 0; i < def.location().xcp().size(); i++) {
                image[at + i] = (byte) (raw >>> (8 * i)); // little-endian, as XcpSlaveConfig.can() declares
            }
        }
        return image;
    }

    private Map<String, Double> values(byte[] image) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (ParameterDef def : parameters) {
            int at = (int) (def.location().xcp().address() - base);
            long raw = 0;
            for (int i = def.location().xcp().size() - 1; i >= 0; i--) {
                raw = (raw << 8) | (image[at + i] & 0xFF);
            }
            if (def.type() == RawType.S16) {
                raw = (short) raw;
            } else if (def.type() == RawType.S32) {
                raw = (int) raw;
            }
            values.put(def.key(), def.toEngineering(raw));
        }
        return values;
    }

    @Override
    public void close() {
        broadcaster.close();
    }
}
