package org.bmsw.protocol.xcp;

import java.time.Duration;

import org.bmsw.protocol.modbus.ModbusRtuMaster;
import org.bmsw.protocol.modbus.ModbusSettings;
import org.bmsw.protocol.xcp.internal.CanXcpTransport;
import org.bmsw.protocol.xcp.internal.ModbusXcpTransport;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.CanLink;

/** The XCP framings of this platform. */
public final class XcpTransports {

    /** Modbus RTU user function code OpenBLT uses for XCP: {@code [address][0x6D][length][XCP packet][CRC]}. */
    public static final int MODBUS_FUNCTION = 0x6D;
    /** The largest XCP packet in function 109: a 256-byte RTU frame less address, function, length and CRC. */
    public static final int MODBUS_MAX_PACKET = 251;
    /** The largest XCP packet on classic CAN. */
    public static final int CAN_MAX_PACKET = 8;

    private XcpTransports() {
    }

    /**
     * XCP inside Modbus RTU function 109 to device {@code unit} on {@code link}. Keeps OpenBLT's loader timing:
     * one 3.5-character silence before each request (the link's framing, e.g. 8E1, sets the character time).
     * The link's lock is held for each request/response, so the bus can be shared.
     */
    public static XcpTransport modbus(ByteLink link, int unit) {
        long silence = Math.round(link.settings().characterTimeNanos() * 3.5);
        return modbus(ModbusRtuMaster.on(link, ModbusSettings.defaults().withSilence(Duration.ofNanos(silence))), unit);
    }

    /**
     * XCP inside Modbus RTU function 109 through {@code master}, whose bus timing (silence, inter-byte timeout) is
     * kept. Its retries are not used: a repeated PROGRAM whose acknowledgement was lost would program its data
     * again at the advanced address, so the XCP master repeats commands itself, after SET_MTA. The response timeout
     * is the XCP command's (T1, T3, T4, T5, T6).
     */
    public static XcpTransport modbus(ModbusRtuMaster master, int unit) {
        return new ModbusXcpTransport(master, unit);
    }

    /** XCP on CAN on {@code link}: one packet per frame. The master takes every frame from the link while it waits. */
    public static XcpTransport can(CanLink link, XcpCanIds ids) {
        return new CanXcpTransport(link, ids);
    }
}
