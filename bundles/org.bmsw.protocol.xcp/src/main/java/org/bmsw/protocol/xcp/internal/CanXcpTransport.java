package org.bmsw.protocol.xcp.internal;

import java.time.Duration;
import java.util.Arrays;

import org.bmsw.device.api.DeviceException.Reason;
import org.bmsw.protocol.xcp.XcpCanIds;
import org.bmsw.protocol.xcp.XcpCommand;
import org.bmsw.protocol.xcp.XcpException;
import org.bmsw.protocol.xcp.XcpTransport;
import org.bmsw.protocol.xcp.XcpTransports;
import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;

/** XCP on CAN: one packet per frame, commands on the request id, responses on the response id. */
public final class CanXcpTransport implements XcpTransport {

    private final CanLink link;
    private final XcpCanIds ids;
    /** Packets of a master block went out: an early error response to them must not be dropped as stale. */
    private boolean inBlock;

    public CanXcpTransport(CanLink link, XcpCanIds ids) {
        this.link = link;
        this.ids = ids;
    }

    @Override
    public int maxPacketLength() {
        return XcpTransports.CAN_MAX_PACKET;
    }

    @Override
    public boolean supportsBlockMode() {
        return true;
    }

    @Override
    public byte[] exchange(byte[] command, Duration timeout) throws XcpException {
        int code = command[0] & 0xFF;
        try {
            if (!inBlock) {
                dropStaleResponses();
            }
            inBlock = false;
            link.send(frame(command));
            return response(code, timeout);
        } catch (LinkException e) {
            throw new XcpException(Reason.LINK, describe() + ": " + e.getMessage(), code, -1, e);
        }
    }

    @Override
    public byte[] receive(Duration timeout) throws XcpException {
        try {
            return response(-1, timeout);
        } catch (LinkException e) {
            throw new XcpException(Reason.LINK, describe() + ": " + e.getMessage(), -1, -1, e);
        }
    }

    /** The next frame on the response id within {@code timeout}; other frames are passed over. */
    private byte[] response(int code, Duration timeout) throws XcpException, LinkException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            CanFrame frame = left <= 0 ? null : link.receive(left);
            if (frame == null) {
                throw new XcpException(Reason.TIMEOUT, String.format("%s: no answer %s within %d ms", describe(),
                        code < 0 ? "to the requests sent ahead" : "to " + XcpCommand.of(code).map(XcpCommand::describe)
                                .orElse(Integer.toHexString(code)), timeout.toMillis()), code, -1, null);
            }
            if (frame.id() == ids.responseId() && frame.extended() == ids.extended() && !frame.remote()
                    && frame.length() > 0) {
                return frame.data();
            }
        }
    }

    /** A response that came after its command timed out must not answer the next one. */
    private void dropStaleResponses() throws LinkException {
        while (link.receive(0) != null) {
            // drop
        }
    }

    @Override
    public void send(byte[] command) throws XcpException {
        try {
            if (!inBlock) {
                dropStaleResponses();
                inBlock = true;
            }
            link.send(frame(command));
        } catch (LinkException e) {
            throw new XcpException(Reason.LINK, describe() + ": " + e.getMessage(), command[0] & 0xFF, -1, e);
        }
    }

    private CanFrame frame(byte[] packet) {
        if (packet.length == 0 || packet.length > XcpTransports.CAN_MAX_PACKET) {
            throw new IllegalArgumentException("XCP packets on CAN are 1..8 bytes, got " + packet.length);
        }
        return CanFrame.data(ids.requestId(), ids.extended(), ids.padToEight() ? Arrays.copyOf(packet, 8) : packet);
    }

    @Override
    public String describe() {
        return "XCP on CAN (" + ids.describe() + ") on " + link.settings().describe();
    }
}
