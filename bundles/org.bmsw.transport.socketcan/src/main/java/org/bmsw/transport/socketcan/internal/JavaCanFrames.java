package org.bmsw.transport.socketcan.internal;

import org.bmsw.transport.api.CanFrame;

import tel.schich.javacan.CanId;
import tel.schich.javacan.RawCanChannel;

/**
 * Conversion between our {@link CanFrame} and JavaCAN's {@link tel.schich.javacan.CanFrame}, a view of the kernel's
 * {@code struct can_frame}: the 32-bit {@code can_id} holds the identifier plus the EFF (29-bit), RTR and ERR flags;
 * for a remote frame the length field carries the requested length and no data. Pure Java: JavaCAN's frame
 * factories allocate a direct buffer and need no native code.
 */
final class JavaCanFrames {

    private JavaCanFrames() {
    }

    static tel.schich.javacan.CanFrame toJavaCan(CanFrame frame) {
        int id = frame.extended() ? (frame.id() & CanId.EFF_MASK) | CanId.EFF_FLAG : frame.id() & CanId.SFF_MASK;
        if (frame.remote()) {
            // can_dlc = requested length; the payload bytes are not sent
            return tel.schich.javacan.CanFrame.createRaw(id | CanId.RTR_FLAG, tel.schich.javacan.CanFrame.FD_NO_FLAGS,
                    new byte[frame.length()], 0, frame.length());
        }
        byte[] data = frame.data();
        return frame.extended()
                ? tel.schich.javacan.CanFrame.createExtended(frame.id(), tel.schich.javacan.CanFrame.FD_NO_FLAGS, data)
                : tel.schich.javacan.CanFrame.create(frame.id(), tel.schich.javacan.CanFrame.FD_NO_FLAGS, data);
    }

    /**
     * @return our frame, or {@code null} for what a classic CAN link does not carry: error frames (only delivered when
     *         an error mask is set, which this transport never does) and CAN FD frames (only delivered when a socket
     *         enables them, which this transport never does either)
     * @throws IllegalArgumentException if the kernel's frame is malformed (length beyond 8)
     */
    static CanFrame fromJavaCan(tel.schich.javacan.CanFrame frame, long receivedNanos) {
        if (frame.isError() || frame.getSize() != RawCanChannel.MTU) {
            return null;
        }
        int length = frame.getDataLength();
        boolean remote = frame.isRemoteTransmissionRequest();
        byte[] data = null;
        if (!remote) {
            if (length < 0 || length > 8) {
                throw new IllegalArgumentException("CAN frame with data length " + length);
            }
            data = new byte[length];
            frame.getData(data, 0, length);
        }
        return new CanFrame(frame.getId(), frame.isExtended(), remote, length, data, receivedNanos);
    }
}
