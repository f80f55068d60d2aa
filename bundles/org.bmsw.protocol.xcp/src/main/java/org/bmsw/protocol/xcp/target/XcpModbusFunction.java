package org.bmsw.protocol.xcp.target;

import org.bmsw.protocol.modbus.ExceptionCode;
import org.bmsw.protocol.modbus.FrameLength;
import org.bmsw.protocol.modbus.ModbusRefusal;
import org.bmsw.protocol.modbus.ModbusRtuSlave;
import org.bmsw.protocol.modbus.UserFunction;
import org.bmsw.protocol.xcp.XcpTransports;

/**
 * An {@link XcpSlave} as Modbus RTU user function 109 (OpenBLT's XCP on Modbus): the request PDU
 * {@code [0x6D][n][XCP packet]} is answered with {@code [0x6D][m][XCP response]}, or not at all when the slave
 * stays silent. While the device runs an application without XCP, function 109 is answered ILLEGAL FUNCTION, as
 * such an application would, so a master probing for a waiting bootloader learns at once that there is none.
 */
public final class XcpModbusFunction implements UserFunction {

    private final XcpSlave slave;

    public XcpModbusFunction(XcpSlave slave) {
        this.slave = slave;
    }

    /** Registers this function (with its length rule, so frame splitters find the requests) on {@code modbus}. */
    public ModbusRtuSlave installOn(ModbusRtuSlave modbus) {
        return modbus.withUserFunction(XcpTransports.MODBUS_FUNCTION, FrameLength.byteCountAt(1), this);
    }

    public XcpSlave slave() {
        return slave;
    }

    @Override
    public byte[] handle(int unit, byte[] requestPdu) throws ModbusRefusal {
        int n = requestPdu.length < 2 ? -1 : requestPdu[1] & 0xFF;
        if (n < 1 || n != requestPdu.length - 2) {
            throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_VALUE, "function 109 needs [length][XCP packet], got "
                    + requestPdu.length + " bytes");
        }
        if (slave.powered() && !slave.speaksXcp()) {
            throw new ModbusRefusal(ExceptionCode.ILLEGAL_FUNCTION, "the application does not speak XCP");
        }
        byte[] packet = new byte[n];
        System.arraycopy(requestPdu, 2, packet, 0, n);
        byte[] response = slave.handle(packet);
        if (response == null) {
            return null;
        }
        if (response.length > XcpTransports.MODBUS_MAX_PACKET) {
            throw new IllegalStateException("an XCP response of " + response.length + " bytes does not fit function 109");
        }
        byte[] pdu = new byte[2 + response.length];
        pdu[0] = (byte) XcpTransports.MODBUS_FUNCTION;
        pdu[1] = (byte) response.length;
        System.arraycopy(response, 0, pdu, 2, response.length);
        return pdu;
    }
}
