package org.bmsw.transport.socketcan.internal;

import org.bmsw.transport.api.LinkException;

/** Opens CAN_RAW sockets; the seam between the provider's logic and JavaCAN's native code. */
interface SocketCanBackend {

    /**
     * Why sockets cannot be opened on this machine (no native library for this OS or processor, no AF_CAN in the
     * kernel), or {@code null} when they can. Never throws.
     */
    String problem();

    /**
     * Opens a CAN_RAW socket bound to {@code interfaceName}.
     *
     * @param bitrate the bit rate the user expects, only for hints in messages (the interface's own is set with
     *                {@code ip link})
     */
    CanSocket open(String interfaceName, int bitrate) throws LinkException;
}
