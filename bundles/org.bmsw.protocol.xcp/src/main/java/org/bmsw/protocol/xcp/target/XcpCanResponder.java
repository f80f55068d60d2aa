package org.bmsw.protocol.xcp.target;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.bmsw.protocol.xcp.XcpCanIds;
import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;

/**
 * An {@link XcpSlave} as XCP on CAN: frames on the request id are command packets (the DLC is the packet length;
 * padding is harmless), responses go out on the response id, DLC = response length or 8 when padding.
 */
public final class XcpCanResponder {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final XcpSlave slave;
    private final XcpCanIds ids;

    public XcpCanResponder(XcpSlave slave, XcpCanIds ids) {
        this.slave = slave;
        this.ids = ids;
    }

    public XcpSlave slave() {
        return slave;
    }

    /** The response to {@code frame}, empty when it is not a command for this slave or the slave stays silent. */
    public Optional<CanFrame> handle(CanFrame frame) {
        if (frame.id() != ids.requestId() || frame.extended() != ids.extended() || frame.remote() || frame.length() == 0) {
            return Optional.empty();
        }
        byte[] response = slave.handle(frame.data());
        if (response == null) {
            return Optional.empty();
        }
        byte[] data = ids.padToEight() ? java.util.Arrays.copyOf(response, 8) : response;
        return Optional.of(CanFrame.data(ids.responseId(), ids.extended(), data));
    }

    /**
     * Answers commands on {@code link} until the thread is interrupted or the link closes.
     *
     * @throws LinkException if the link failed for another reason than being closed by its user or its provider
     */
    public void serve(CanLink link) throws LinkException {
        while (!Thread.currentThread().isInterrupted() && link.isOpen()) {
            CanFrame frame;
            try {
                frame = link.receive(POLL_NANOS);
            } catch (LinkException e) {
                if (!link.isOpen() && e.reason() != LinkException.Reason.IO) {
                    return;
                }
                throw e;
            }
            if (frame != null) {
                Optional<CanFrame> response = handle(frame);
                if (response.isPresent()) {
                    link.send(response.get());
                }
            }
        }
    }
}
