package org.bmsw.protocol.xcp;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.bmsw.protocol.modbus.ExceptionCode;
import org.bmsw.protocol.modbus.FrameLength;
import org.bmsw.protocol.modbus.ModbusRefusal;
import org.bmsw.protocol.modbus.ModbusRtuSlave;
import org.bmsw.protocol.modbus.RegisterBank;
import org.bmsw.protocol.modbus.RtuServer;
import org.bmsw.protocol.modbus.UserFunction;
import org.bmsw.protocol.xcp.target.XcpModbusFunction;
import org.bmsw.protocol.xcp.target.XcpSlave;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.serial.internal.SocatPair;

/**
 * An XCP slave behind Modbus function 109 on the far end of a real socat pty pair; the master opens the near end
 * with the real serial transport. With a baud rate the device behaves like a real line: a request counts as
 * arrived only when all its bytes would have crossed the wire, the reply waits the 3.5-character end-of-frame
 * silence, and its bytes go out one character time apart (a pty delivers instantly, so anything that measures
 * line efficiency needs this).
 */
final class PtyModbusDevice implements AutoCloseable {

    static final int UNIT = 7;

    private final SocatPair socat;
    private final RtuServer server;
    private final long characterNanos;
    private final Thread serving;
    private final LinkSettings settings;

    /**
     * @param baud    the link's baud rate (the master keeps its request's wire time whether paced or not)
     * @param framing "8N1" or "8E1"
     * @param paced   answer as a real line at that baud would, rather than at once
     */
    PtyModbusDevice(Path dir, XcpSlave slave, int baud, String framing, boolean paced)
            throws IOException, InterruptedException {
        this(dir, new XcpModbusFunction(slave), baud, framing, paced);
    }

    /** A device whose function 109 is {@code function}. */
    PtyModbusDevice(Path dir, UserFunction function, int baud, String framing, boolean paced)
            throws IOException, InterruptedException {
        socat = new SocatPair(dir, "xcp").start();
        server = new RtuServer(new ModbusRtuSlave(UNIT, new NoRegisters())
                .withUserFunction(XcpTransports.MODBUS_FUNCTION, FrameLength.byteCountAt(1), function));
        settings = LinkSettings.of("serial", socat.a.toString(), baud)
                .withFraming(8, LinkSettings.Parity.fromLetter(framing.charAt(1)), LinkSettings.StopBits.ONE);
        characterNanos = paced ? settings.characterTimeNanos() : 0;
        serving = new Thread(this::serve, "pty XCP device");
        serving.setDaemon(true);
        serving.start();
    }

    /** The master's link on the near end. */
    ByteLink openLink() throws Exception {
        return new SerialTransport().openByteLink(settings);
    }

    LinkSettings settings() {
        return settings;
    }

    private void serve() {
        try (InputStream in = new FileInputStream(socat.b.toFile()); OutputStream out = new FileOutputStream(socat.b.toFile())) {
            byte[] buf = new byte[1024];
            long wireFreeAt = 0;
            while (!Thread.currentThread().isInterrupted()) {
                int n = in.read(buf);
                if (n < 0) {
                    return;
                }
                long now = System.nanoTime();
                // the bytes of a request follow each other on the wire, however the pty chunks them
                wireFreeAt = Math.max(wireFreeAt, now) + n * characterNanos;
                List<byte[]> replies = server.accept(buf, 0, n);
                if (replies.isEmpty()) {
                    continue;
                }
                pauseUntil(wireFreeAt + characterNanos * 7 / 2);
                for (byte[] reply : replies) {
                    paced(reply, out);
                }
                wireFreeAt = System.nanoTime();
            }
        } catch (IOException e) {
            // socat ended
        }
    }

    private void paced(byte[] frame, OutputStream out) throws IOException {
        if (characterNanos == 0) {
            out.write(frame);
            out.flush();
            return;
        }
        long start = System.nanoTime();
        for (int i = 0; i < frame.length; i++) {
            pauseUntil(start + (i + 1) * characterNanos);
            out.write(frame[i]);
            out.flush();
        }
    }

    static void pauseUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            // parking overshoots by tens of microseconds: spin the last stretch so characters land on time
            if (left > 200_000) {
                LockSupport.parkNanos(left - 150_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        serving.interrupt();
        socat.stop();
    }

    /** A bootloader has no registers: every register access is ILLEGAL DATA ADDRESS. */
    private static final class NoRegisters implements RegisterBank {
        @Override
        public int[] readHoldingRegisters(int address, int count) throws ModbusRefusal {
            throw refusal();
        }

        @Override
        public int[] readInputRegisters(int address, int count) throws ModbusRefusal {
            throw refusal();
        }

        @Override
        public void writeRegisters(int address, int[] values) throws ModbusRefusal {
            throw refusal();
        }

        private static ModbusRefusal refusal() {
            return new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_ADDRESS,
                    "a bootloader has no registers");
        }
    }
}
