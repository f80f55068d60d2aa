package org.bmsw.protocol.xcp.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bmsw.device.api.DeviceException.Reason;
import org.bmsw.protocol.modbus.ModbusException;
import org.bmsw.protocol.modbus.ModbusRtuMaster;
import org.bmsw.protocol.xcp.XcpCommand;
import org.bmsw.protocol.xcp.XcpException;
import org.bmsw.protocol.xcp.XcpTransport;
import org.bmsw.protocol.xcp.XcpTransports;

/** XCP packets inside Modbus RTU function 109: {@code [unit][0x6D][n][n packet bytes][CRC]} both ways. */
public final class ModbusXcpTransport implements XcpTransport {

    private final ModbusRtuMaster base;
    private final int unit;
    /** One master per timeout in use (T1, T3, T4, T5, T6): all share the link and its bus timing. */
    private final Map<Duration, ModbusRtuMaster> byTimeout = new ConcurrentHashMap<>();

    public ModbusXcpTransport(ModbusRtuMaster master, int unit) {
        if (unit < 1 || unit > 247) {
            throw new IllegalArgumentException("XCP needs a unicast Modbus address 1..247, got " + unit);
        }
        this.base = master.withSettings(master.settings().withRetries(0));
        this.unit = unit;
    }

    @Override
    public int maxPacketLength() {
        return XcpTransports.MODBUS_MAX_PACKET;
    }

    @Override
    public byte[] exchange(byte[] command, Duration timeout) throws XcpException {
        if (command.length == 0 || command.length > XcpTransports.MODBUS_MAX_PACKET) {
            throw new IllegalArgumentException("XCP packets in function 109 are 1.." + XcpTransports.MODBUS_MAX_PACKET
                    + " bytes, got " + command.length);
        }
        byte[] pdu = new byte[2 + command.length];
        pdu[0] = (byte) XcpTransports.MODBUS_FUNCTION;
        pdu[1] = (byte) command.length;
        System.arraycopy(command, 0, pdu, 2, command.length);
        ModbusRtuMaster master = byTimeout.computeIfAbsent(timeout, t -> base.withSettings(base.settings()
                .withResponseTimeout(t)));
        byte[] reply;
        try {
            reply = master.transact(unit, pdu);
        } catch (ModbusException e) {
            throw translate(command[0] & 0xFF, e);
        }
        int n = reply.length < 2 ? -1 : reply[1] & 0xFF;
        if (n < 1 || n != reply.length - 2) {
            throw new XcpException(Reason.PROTOCOL, describe() + ": a function 109 reply without an XCP packet: "
                    + Bytes.hex(reply), command[0] & 0xFF, -1, null);
        }
        return Arrays.copyOfRange(reply, 2, reply.length);
    }

    private XcpException translate(int commandCode, ModbusException e) {
        String what = XcpCommand.of(commandCode).map(XcpCommand::describe).orElse(String.format("0x%02X", commandCode));
        Reason reason = e.reason();
        String message = switch (reason) {
            case TIMEOUT -> describe() + ": no answer to " + what + ": " + e.getMessage();
            case REJECTED -> describe() + ": the device answered " + what + " with a Modbus exception, so it does not"
                    + " take XCP now (not in its bootloader?): " + e.getMessage();
            default -> describe() + ": " + what + " failed: " + e.getMessage();
        };
        return new XcpException(reason, message, commandCode, -1, e);
    }

    @Override
    public String describe() {
        return "Modbus unit " + unit + " (function 109) on " + base.link().settings().describe();
    }
}
