package org.bmsw.protocol.modbus;

/** A user-defined function a {@link ModbusRtuSlave} answers, e.g. OpenBLT's XCP function 0x6D. */
@FunctionalInterface
public interface UserFunction {

    /**
     * @param unit       the address the request went to (0 for a broadcast, whose answer is dropped)
     * @param requestPdu the request PDU, function code first
     * @return the response PDU, function code first, or {@code null} to stay silent
     * @throws ModbusRefusal to answer with an exception response
     */
    byte[] handle(int unit, byte[] requestPdu) throws ModbusRefusal;
}
