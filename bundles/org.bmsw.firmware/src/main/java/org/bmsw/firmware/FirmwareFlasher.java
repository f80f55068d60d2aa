package org.bmsw.firmware;

import org.bmsw.firmware.internal.FlashEngine;
import org.bmsw.protocol.xcp.XcpMaster;

/**
 * Programs an approved image into a device through its OpenBLT-compatible XCP bootloader (Modbus RTU function
 * 109 or XCP on CAN, whichever {@link XcpMaster} it is given).
 *
 * <p>Never bricks: nothing is sent for an image whose {@link ValidationSummary} is refused or lacks a
 * confirmation; the bootloader starts an image only after its commit (the last step), so an interruption
 * anywhere leaves the device waiting in its bootloader, and flashing again completes.
 *
 * <p>One flash per instance at a time; {@link #cancel()} may be called from any thread.
 */
public interface FirmwareFlasher {

    static FirmwareFlasher on(XcpMaster master) {
        return new FlashEngine(master);
    }

    /**
     * Runs the whole flash: backup, bootloader, erase, program, verify, commit, reset, restore.
     *
     * @throws FlashException naming the phase, the reason and the state the device was left in
     */
    FlashReport flash(FlashRequest request) throws FlashException;

    /** Stops the running flash within one packet or master block; the device is left waiting in its bootloader. */
    void cancel();

    /** True if a bootloader answers CONNECT now and offers programming (a device waiting in its bootloader). */
    boolean bootloaderWaiting();
}
