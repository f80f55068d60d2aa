package org.bmsw.profile.jdi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bmsw.can.dbc.telemetry.DbcTelemetry;
import org.bmsw.can.dbc.telemetry.TelemetryCatalog;
import org.bmsw.protocol.modbus.ModbusRefusal;
import org.bmsw.protocol.xcp.target.CalibrationPages;
import org.bmsw.protocol.xcp.target.XcpCanResponder;
import org.bmsw.protocol.xcp.target.XcpSlave;
import org.bmsw.protocol.xcp.target.XcpSlaveConfig;
import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.can.CanBroadcaster;
import org.bmsw.simulator.device.SimulatedRegisterDevice;
import org.bmsw.transport.api.CanLink;

/**
 * A simulated JDI on CAN: the broadcaster sends the battery model's state as the shipped DBC describes, and an
 * XCP slave on the same bus offers the parameters as calibration pages at the schema's XCP addresses. Page
 * changes go through the simulated device's RAM/flash semantics, so a restart keeps only flashed values, as over
 * RS485. (Test glue: the simulator does not depend on the XCP module.)
 */
final class SimulatedJdiOnCan implements AutoCloseable {

    final SimulatedRegisterDevice device;
    final CalibrationPages pages;
    final XcpSlave slave;
    final CanBroadcaster broadcaster;
    private final ParameterSchema schema;
    private final List<ParameterDef> layout;
    private final long base;
    private final int size;
    private volatile boolean restarting;

    SimulatedJdiOnCan(BatterySimulator battery, CanLink link) throws Exception {
        schema = JdiFixtures.schema();
        device = new SimulatedRegisterDevice(JdiFixtures.map(), schema, battery, 1, "2-1-0");
        layout = schema.parameters().stream().filter(d -> d.location().hasXcp()).toList();
        base = layout.stream().mapToLong(d -> d.location().xcp().address()).min().orElseThrow();
        size = (int) (layout.stream().mapToLong(d -> d.location().xcp().address() + d.location().xcp().size()).max()
                .orElseThrow() - base);
        pages = new CalibrationPages(base, image(device.flashedValues()));
        pages.addListener(this::pagesChanged);
        slave = new XcpSlave(XcpSlaveConfig.can(), null, pages);
        XcpCanResponder responder = new XcpCanResponder(slave, JdiData.XCP_IDS);
        broadcaster = new CanBroadcaster(DbcTelemetry.of(JdiFixtures.dbc(), TelemetryCatalog.NONE), battery,
                device.identity(), link, responder::handle).start();
    }

    /** Power cycle: RAM page and device RAM from flash, XCP session gone. */
    void restart() {
        restarting = true;
        try {
            device.restart();
            slave.powerCut();
            pages.powerCut();
            pages.write(JdiData.RAM_PAGE, base, image(device.ramValues()));
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
        Map<String, Double> ram = values(pages.page(JdiData.RAM_PAGE));
        Map<String, Double> now = device.ramValues();
        for (ParameterDef def : layout) {
            if (!ram.get(def.key()).equals(now.get(def.key()))) {
                try {
                    device.writeRegisters(def.location().register(), def.type().toWords(def.rawOf(ram.get(def.key()))
                            .orElseThrow()));
                } catch (ModbusRefusal e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        }
        if (!values(pages.page(JdiData.FLASH_PAGE)).equals(device.flashedValues())) {
            device.persist();
        }
    }

    private byte[] image(Map<String, Double> values) {
        byte[] image = new byte[size];
        for (ParameterDef def : layout) {
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
        for (ParameterDef def : layout) {
            int at = (int) (def.location().xcp().address() - base);
            long raw = 0;
            for (int i = def.location().xcp().size() - 1; i >= 0; i--) {
                raw = (raw << 8) | (image[at + i] & 0xFF);
            }
            if (def.type() == org.bmsw.schema.RawType.S16) {
                raw = (short) raw;
            } else if (def.type() == org.bmsw.schema.RawType.S32) {
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
