package org.bmsw.simulator.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import org.bmsw.protocol.modbus.ExceptionCode;
import org.bmsw.protocol.modbus.ModbusCrc;
import org.bmsw.protocol.modbus.RtuServer;

/**
 * The device side of a serial line: answers what the server answers once the request would have
 * crossed the wire and the end-of-frame silence has passed, after the device's response latency,
 * paced at the line's baud rate (a pty delivers instantly, a real line does not, and the benchmarks
 * measure against the real line), with the faults of a {@link FaultPlan}.
 */
public final class SimulatedLine {

    private final RtuServer server;
    private final long characterNanos;
    private final Duration latency;
    private final FaultPlan faults;
    private final Random random;
    private long faultsInjected;

    /**
     * @param baud              line rate the bytes are paced at; 0 sends at once
     * @param bitsPerCharacter  start + data + parity + stop bits (10 for 8N1, 11 for 8E1)
     * @param latency           the device's time to answer, after the request's last byte
     */
    public SimulatedLine(RtuServer server, int baud, int bitsPerCharacter, Duration latency, FaultPlan faults) {
        this.server = server;
        this.characterNanos = baud <= 0 ? 0 : Math.round(bitsPerCharacter * 1e9 / baud);
        this.latency = latency;
        this.faults = faults;
        this.random = new Random(faults.seed());
    }

    /** Replies that were dropped, corrupted, cut, readdressed, refused or delayed so far. */
    public synchronized long faultsInjected() {
        return faultsInjected;
    }

    /** Serves until end of stream, interruption, or a {@link LineCut}. */
    public void serve(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[1024];
        while (!Thread.currentThread().isInterrupted()) {
            int n = in.read(buf);
            if (n < 0) {
                return;
            }
            serveChunk(buf, n, out);
        }
    }

    /**
     * Takes {@code n} received bytes and sends whatever replies they complete. On a pty the request
     * arrives at once; on the wire its last byte comes {@code n} character times later and the slave
     * then waits out the 3.5-character end-of-frame silence, so the answer waits for both.
     */
    public void serveChunk(byte[] received, int n, OutputStream out) throws IOException {
        long arrived = System.nanoTime();
        List<byte[]> replies = server.accept(received, 0, n);
        if (!replies.isEmpty()) {
            pauseUntil(arrived + n * characterNanos + characterNanos * 7 / 2);
        }
        for (byte[] reply : replies) {
            send(reply, out);
        }
    }

    private void send(byte[] reply, OutputStream out) throws IOException {
        Duration wait = latency;
        byte[] frame = reply;
        synchronized (this) {
            double draw = random.nextDouble();
            double edge = faults.drop();
            if (draw < edge) {
                faultsInjected++;
                return;
            }
            if (draw < (edge += faults.corrupt())) {
                frame = reply.clone();
                frame[random.nextInt(frame.length)] ^= (byte) (1 << random.nextInt(8));
                faultsInjected++;
            } else if (draw < (edge += faults.truncate())) {
                frame = Arrays.copyOf(reply, 1 + random.nextInt(reply.length - 1));
                faultsInjected++;
            } else if (draw < (edge += faults.wrongAddress())) {
                byte[] body = Arrays.copyOf(reply, reply.length - 2);
                body[0] = (byte) (body[0] % 247 + 1);
                frame = ModbusCrc.append(body);
                faultsInjected++;
            } else if (draw < (edge += faults.exception())) {
                frame = ModbusCrc.append(new byte[] {reply[0], (byte) (reply[1] | 0x80),
                        (byte) ExceptionCode.SERVER_DEVICE_FAILURE.code()});
                faultsInjected++;
            } else if (draw < (edge += faults.delay())) {
                wait = wait.plus(faults.extraDelay());
                faultsInjected++;
            } else if (draw < edge + faults.disconnect()) {
                faultsInjected++;
                pause(wait.toNanos());
                paced(Arrays.copyOf(reply, reply.length / 2), out);
                throw new LineCut("line cut after " + reply.length / 2 + " of " + reply.length + " reply bytes");
            }
        }
        pause(wait.toNanos());
        paced(frame, out);
    }

    /** A {@link FaultPlan#disconnect()} fault: whoever serves the line must now end the connection. */
    public static final class LineCut extends IOException {
        LineCut(String message) {
            super(message);
        }
    }

    /** One byte per character time, as a UART would put them on the wire. */
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

    private static void pause(long nanos) {
        pauseUntil(System.nanoTime() + nanos);
    }

    private static void pauseUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            // parking is coarse (~50-100 µs); spin the last stretch so a character lands on time
            if (left > 200_000) {
                LockSupport.parkNanos(left - 150_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
