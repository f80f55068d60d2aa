package org.bmsw.protocol.xcp.target;

/** The simulated device lost power in the middle of a flash operation (see {@link FlashMemory#cutPowerAfter}). */
public class PowerLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PowerLostException(String message) {
        super(message);
    }
}
