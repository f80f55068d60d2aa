package org.bmsw.protocol.xcp;

import java.time.Duration;
import java.util.ArrayDeque;

import org.bmsw.device.api.DeviceException.Reason;
import org.bmsw.protocol.xcp.target.XcpSlave;

/**
 * The slave called in-process: for loops over thousands of power cuts, where a wire adds only time. Silence is a
 * timeout at once. Answers to packets sent without waiting (a block's early error, interleaved blocks' answers) wait
 * in a queue for {@link #receive} or the next exchange, as they would in a CAN receive queue.
 */
final class DirectTransport implements XcpTransport {

    private final XcpSlave slave;
    private final int maxPacket;
    private final boolean blockMode;
    private final ArrayDeque<byte[]> early = new ArrayDeque<>();

    DirectTransport(XcpSlave slave, int maxPacket, boolean blockMode) {
        this.slave = slave;
        this.maxPacket = maxPacket;
        this.blockMode = blockMode;
    }

    @Override
    public int maxPacketLength() {
        return maxPacket;
    }

    @Override
    public boolean supportsBlockMode() {
        return blockMode;
    }

    @Override
    public byte[] exchange(byte[] command, Duration timeout) throws XcpException {
        byte[] response = slave.handle(command);
        if (!early.isEmpty()) {
            response = early.poll();
        }
        if (response == null) {
            throw new XcpException(Reason.TIMEOUT, describe() + ": no answer", command[0] & 0xFF, -1, null);
        }
        return response;
    }

    @Override
    public void send(byte[] command) {
        byte[] response = slave.handle(command);
        if (response != null) {
            early.add(response);
        }
    }

    @Override
    public byte[] receive(Duration timeout) throws XcpException {
        if (early.isEmpty()) {
            throw new XcpException(Reason.TIMEOUT, describe() + ": no answer waiting", -1, -1, null);
        }
        return early.poll();
    }

    @Override
    public String describe() {
        return "in-process slave";
    }
}
