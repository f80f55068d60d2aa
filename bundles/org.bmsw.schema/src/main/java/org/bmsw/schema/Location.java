package org.bmsw.schema;

/**
 * Where a parameter lives on the device. A parameter may have both a register (RS485 / Modbus) and an
 * XCP address (CAN), as a device reachable both ways does.
 *
 * @param register first Modbus holding register, 0..65535; null when the parameter has none
 * @param xcp      XCP memory location; null when the parameter has none
 */
public record Location(Integer register, Xcp xcp) {

    /**
     * An XCP memory location.
     *
     * @param address   memory address (32 bit)
     * @param extension address extension byte, usually 0
     * @param size      bytes; equals the raw type's size
     */
    public record Xcp(long address, int extension, int size) {
    }

    public boolean hasRegister() {
        return register != null;
    }

    public boolean hasXcp() {
        return xcp != null;
    }
}
