package org.bmsw.protocol.modbus;

/** Function codes this bundle knows by name. */
public final class FunctionCodes {

    public static final int READ_HOLDING_REGISTERS = 0x03;
    public static final int READ_INPUT_REGISTERS = 0x04;
    public static final int WRITE_SINGLE_REGISTER = 0x06;
    public static final int WRITE_MULTIPLE_REGISTERS = 0x10;
    /** OpenBLT's XCP-in-Modbus user function: {@code [addr][0x6D][len][xcp...][crc]} both ways. */
    public static final int OPENBLT_XCP = 0x6D;

    /** Set on the function code of an exception response. */
    public static final int EXCEPTION_FLAG = 0x80;

    /** Most registers one FC 03/04 request may read. */
    public static final int MAX_READ_REGISTERS = 125;
    /** Most registers one FC 16 request may write. */
    public static final int MAX_WRITE_REGISTERS = 123;
    /** Largest standard RTU frame (address + 253-byte PDU + CRC). */
    public static final int MAX_STANDARD_ADU = 256;
    /** Largest frame this bundle accepts, so that a 255-byte length-prefixed user PDU fits (OpenBLT XCP). */
    public static final int MAX_ADU = 260;
    /** The broadcast address: every slave executes the write, none answers. */
    public static final int BROADCAST = 0;

    private FunctionCodes() {
    }

    /** True for function codes the specification reserves for users (65..72, 100..110). */
    public static boolean isUserFunction(int functionCode) {
        return functionCode >= 65 && functionCode <= 72 || functionCode >= 100 && functionCode <= 110;
    }
}
