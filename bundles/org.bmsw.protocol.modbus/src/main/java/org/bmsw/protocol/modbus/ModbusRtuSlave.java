package org.bmsw.protocol.modbus;

import static org.bmsw.protocol.modbus.FunctionCodes.BROADCAST;
import static org.bmsw.protocol.modbus.FunctionCodes.EXCEPTION_FLAG;
import static org.bmsw.protocol.modbus.FunctionCodes.MAX_ADU;
import static org.bmsw.protocol.modbus.FunctionCodes.MAX_READ_REGISTERS;
import static org.bmsw.protocol.modbus.FunctionCodes.MAX_WRITE_REGISTERS;
import static org.bmsw.protocol.modbus.FunctionCodes.READ_HOLDING_REGISTERS;
import static org.bmsw.protocol.modbus.FunctionCodes.READ_INPUT_REGISTERS;
import static org.bmsw.protocol.modbus.FunctionCodes.WRITE_MULTIPLE_REGISTERS;
import static org.bmsw.protocol.modbus.FunctionCodes.WRITE_SINGLE_REGISTER;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slave (server) side of Modbus RTU for one device address: validates a request frame (CRC, structure),
 * dispatches FC 03/04/06/16 to a {@link RegisterBank} and registered {@link UserFunction}s, and builds the reply or
 * the exception response (ILLEGAL FUNCTION, ILLEGAL DATA ADDRESS, ILLEGAL DATA VALUE, SERVER DEVICE FAILURE).
 * Frames for other addresses are ignored, so several slaves can sit on one bus; broadcast writes (address 0) are
 * executed and not answered. Use {@link RtuFrameSplitter} or {@link RtuServer} to get frames out of a byte stream.
 */
public final class ModbusRtuSlave {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusRtuSlave.class);

    private final int unit;
    private final RegisterBank bank;
    private final Map<Integer, UserFunction> userFunctions = new ConcurrentHashMap<>();
    private final Map<Integer, FrameLength> userRequestLengths = new ConcurrentHashMap<>();

    public ModbusRtuSlave(int unit, RegisterBank bank) {
        if (unit < 1 || unit > 255) {
            throw new IllegalArgumentException("a slave address must be 1..255 (1..247 by the spec): " + unit);
        }
        this.unit = unit;
        this.bank = Objects.requireNonNull(bank, "bank");
    }

    public int unit() {
        return unit;
    }

    public RegisterBank bank() {
        return bank;
    }

    /**
     * Answers {@code functionCode} with {@code handler}; {@code requestLength} tells a frame splitter how long its
     * requests are. Returns this.
     */
    public ModbusRtuSlave withUserFunction(int functionCode, FrameLength requestLength, UserFunction handler) {
        if (functionCode < 1 || functionCode > 127) {
            throw new IllegalArgumentException("function code must be 1..127: " + functionCode);
        }
        userFunctions.put(functionCode, Objects.requireNonNull(handler, "handler"));
        userRequestLengths.put(functionCode, Objects.requireNonNull(requestLength, "requestLength"));
        return this;
    }

    /** A user function whose requests carry a byte count after the function code (OpenBLT XCP, 0x6D). */
    public ModbusRtuSlave withUserFunction(int functionCode, UserFunction handler) {
        return withUserFunction(functionCode, FrameLength.byteCountAt(1), handler);
    }

    /** Request length rules of the registered user functions, for a {@link RtuFrameSplitter}. */
    public Map<Integer, FrameLength> userRequestLengths() {
        return Map.copyOf(userRequestLengths);
    }

    /** True if this slave reacts to frames sent to {@code address} (its own or broadcast). */
    public boolean accepts(int address) {
        return address == unit || address == BROADCAST;
    }

    /**
     * Handles one complete request frame (address .. CRC).
     *
     * @return the reply frame with CRC, or {@code null} when nothing is to be sent: bad CRC, too short, another
     *         address, a broadcast, or a user function that chose silence
     */
    public byte[] handle(byte[] adu, int offset, int length) {
        if (length < 4 || length > MAX_ADU || !ModbusCrc.check(adu, offset, length)) {
            return null;
        }
        int address = adu[offset] & 0xFF;
        if (!accepts(address)) {
            return null;
        }
        byte[] pdu = new byte[length - 3];
        System.arraycopy(adu, offset + 1, pdu, 0, pdu.length);
        byte[] reply = process(address, pdu);
        if (address == BROADCAST || reply == null) {
            return null;
        }
        byte[] frame = new byte[reply.length + 1];
        frame[0] = (byte) unit;
        System.arraycopy(reply, 0, frame, 1, reply.length);
        return ModbusCrc.append(frame);
    }

    public byte[] handle(byte[] adu) {
        return handle(adu, 0, adu.length);
    }

    /**
     * Executes one request PDU (function code first) as if sent to {@code address}, and returns the reply PDU, or
     * {@code null} for no reply. Useful for transports without RTU framing.
     */
    public byte[] process(int address, byte[] pdu) {
        if (pdu.length == 0) {
            return null;
        }
        int fc = pdu[0] & 0xFF;
        boolean broadcast = address == BROADCAST;
        try {
            switch (fc) {
                case READ_HOLDING_REGISTERS:
                case READ_INPUT_REGISTERS:
                    return broadcast ? null : read(fc, pdu);
                case WRITE_SINGLE_REGISTER: {
                    requireLength(pdu, 5);
                    bank.writeRegisters(u16(pdu, 1), new int[] {u16(pdu, 3)});
                    return pdu.clone();
                }
                case WRITE_MULTIPLE_REGISTERS:
                    return writeMultiple(pdu);
                default: {
                    UserFunction handler = userFunctions.get(fc);
                    if (handler == null) {
                        throw new ModbusRefusal(ExceptionCode.ILLEGAL_FUNCTION,
                                String.format("function 0x%02X is not supported", fc));
                    }
                    byte[] reply = handler.handle(address, pdu.clone());
                    if (reply != null && (reply.length == 0 || reply.length + 3 > MAX_ADU)) {
                        throw new IllegalStateException("user function 0x" + Integer.toHexString(fc)
                                + " returned a reply PDU of " + reply.length + " bytes");
                    }
                    return reply;
                }
            }
        } catch (ModbusRefusal refusal) {
            LOG.debug("Slave {} refuses function 0x{}: {}", unit, Integer.toHexString(fc), refusal.getMessage());
            return new byte[] {(byte) (fc | EXCEPTION_FLAG), (byte) refusal.code()};
        } catch (RuntimeException e) {
            LOG.warn("Slave {} failed on function 0x{}", unit, Integer.toHexString(fc), e);
            return new byte[] {(byte) (fc | EXCEPTION_FLAG), (byte) ExceptionCode.SERVER_DEVICE_FAILURE.code()};
        }
    }

    private byte[] read(int fc, byte[] pdu) throws ModbusRefusal {
        requireLength(pdu, 5);
        int address = u16(pdu, 1);
        int count = u16(pdu, 3);
        if (count < 1 || count > MAX_READ_REGISTERS) {
            throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_VALUE, "register count must be 1..125: " + count);
        }
        if (address + count > 0x10000) {
            throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_ADDRESS, "registers beyond 0xFFFF");
        }
        int[] values = fc == READ_HOLDING_REGISTERS ? bank.readHoldingRegisters(address, count)
                : bank.readInputRegisters(address, count);
        if (values == null || values.length != count) {
            throw new IllegalStateException("register bank returned " + (values == null ? "null" : values.length
                    + " values") + " for " + count + " registers");
        }
        byte[] reply = new byte[2 + 2 * count];
        reply[0] = (byte) fc;
        reply[1] = (byte) (2 * count);
        for (int i = 0; i < count; i++) {
            reply[2 + 2 * i] = (byte) (values[i] >>> 8);
            reply[3 + 2 * i] = (byte) values[i];
        }
        return reply;
    }

    private byte[] writeMultiple(byte[] pdu) throws ModbusRefusal {
        if (pdu.length < 6) {
            throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_VALUE, "request too short");
        }
        int address = u16(pdu, 1);
        int count = u16(pdu, 3);
        int byteCount = pdu[5] & 0xFF;
        if (count < 1 || count > MAX_WRITE_REGISTERS || byteCount != 2 * count || pdu.length != 6 + byteCount) {
            throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_VALUE, "register count " + count + " / byte count "
                    + byteCount + " / length " + pdu.length + " do not agree");
        }
        if (address + count > 0x10000) {
            throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_ADDRESS, "registers beyond 0xFFFF");
        }
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = u16(pdu, 6 + 2 * i);
        }
        bank.writeRegisters(address, values);
        return new byte[] {pdu[0], pdu[1], pdu[2], pdu[3], pdu[4]};
    }

    private static void requireLength(byte[] pdu, int length) throws ModbusRefusal {
        if (pdu.length != length) {
            throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_VALUE,
                    "request PDU has " + pdu.length + " bytes, expected " + length);
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    @Override
    public String toString() {
        return "Modbus slave " + unit;
    }
}
