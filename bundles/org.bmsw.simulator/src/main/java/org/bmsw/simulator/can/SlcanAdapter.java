package org.bmsw.simulator.can;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanFrameListener;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.spi.AbstractLink;
import org.bmsw.transport.spi.FrameListeners;
import org.bmsw.transport.spi.FrameQueue;

/**
 * The adapter end of a Lawicel (slcan) serial line with a simulated device behind it: a host program opens the other
 * end as it would a USB-CAN adapter ({@code S}n, {@code O}, frames, {@code C}; {@code V}, {@code N}, {@code F},
 * {@code Z}), and the device sees a {@link CanLink}. Replies follow a CANUSB: CR for success, BELL for an error,
 * {@code z}/{@code Z} CR for a frame the host sent. Frames the device sends reach the host only while the channel
 * is open, each taking the time its bits need on the bus at the chosen bit rate (without stuffing bits).
 */
public final class SlcanAdapter extends AbstractLink implements CanLink {

    private static final byte CR = '\r';
    private static final byte BELL = 0x07;
    private static final int[] BITRATES = {10_000, 20_000, 50_000, 100_000, 125_000, 250_000, 500_000, 800_000, 1_000_000};
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final InputStream fromHost;
    private final OutputStream toHost;
    private final FrameQueue received = new FrameQueue(1024);
    private final FrameListeners listeners;
    private final Thread reader;
    private final long start = System.nanoTime();
    private volatile int bitrate;
    private volatile boolean channelOpen;
    private volatile boolean timestamps;
    private long busFreeAt;

    /** @param path names the line in messages, e.g. the pty the host opens */
    public SlcanAdapter(InputStream fromHost, OutputStream toHost, String path) {
        super(LinkSettings.of("slcan-adapter", path, 115_200)); // the serial side; the CAN bit rate is the host's S command
        this.fromHost = fromHost;
        this.toHost = toHost;
        this.listeners = new FrameListeners(settings().describe());
        this.reader = new Thread(this::readHost, "simulated slcan adapter on " + path);
        reader.setDaemon(true);
        reader.start();
    }

    /** The bit rate the host chose with {@code S}n; 0 before it did. */
    @Override
    public int bitrate() {
        return bitrate;
    }

    /** Whether the host opened the channel ({@code O}) and is on the bus. */
    public boolean channelOpen() {
        return channelOpen;
    }

    @Override
    public void send(CanFrame frame) throws LinkException {
        ensureOpen();
        if (!channelOpen) {
            listeners.sent(frame); // nobody listening on the host side: the frame is on the bus, not in the host
            return;
        }
        StringBuilder line = new StringBuilder(32);
        char kind = frame.remote() ? 'r' : 't';
        line.append(frame.extended() ? Character.toUpperCase(kind) : kind);
        line.append(frame.extended() ? String.format("%08X", frame.id()) : String.format("%03X", frame.id()));
        line.append((char) ('0' + frame.length()));
        if (!frame.remote()) {
            line.append(HEX.formatHex(frame.data()));
        }
        if (timestamps) {
            line.append(String.format("%04X", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) % 60_000));
        }
        onTheBus(frame);
        write(line.append('\r').toString().getBytes(StandardCharsets.US_ASCII));
        statistics().frameSent();
        listeners.sent(frame);
    }

    /** Waits until the bus has carried the frame's bits at the host's bit rate, frames one after another. */
    private void onTheBus(CanFrame frame) {
        int rate = bitrate;
        if (rate <= 0) {
            return;
        }
        int bits = (frame.extended() ? 67 : 47) + (frame.remote() ? 0 : 8 * frame.length());
        long now = System.nanoTime();
        long done;
        synchronized (this) {
            busFreeAt = Math.max(busFreeAt, now) + bits * 1_000_000_000L / rate;
            done = busFreeAt;
        }
        while (done - System.nanoTime() > 0) {
            LockSupport.parkNanos(done - System.nanoTime());
        }
    }

    @Override
    public CanFrame receive(long timeoutNanos) throws LinkException {
        return received.poll(timeoutNanos, this::ensureOpen, settings().path());
    }

    @Override
    public AutoCloseable listen(CanFrameListener listener) {
        return listeners.add(listener);
    }

    private void readHost() {
        StringBuilder line = new StringBuilder();
        byte[] buffer = new byte[512];
        try {
            for (int n; (n = fromHost.read(buffer)) >= 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == CR) {
                        write(answer(line.toString()));
                        line.setLength(0);
                    } else if (line.length() < 64) {
                        line.append((char) (buffer[i] & 0xFF));
                    }
                }
            }
            fail(new LinkException(LinkException.Reason.DISCONNECTED, "the host closed " + settings().path()));
        } catch (IOException e) { // LinkException too: writing a reply failed
            if (isOpen()) {
                fail(new LinkException(LinkException.Reason.DISCONNECTED, settings().path() + ": " + e.getMessage(), e));
            }
        }
    }

    /** What a CANUSB answers to one command line. */
    private byte[] answer(String line) {
        char command = line.isEmpty() ? '\r' : line.charAt(0);
        switch (command) {
            case 't', 'T', 'r', 'R' -> {
                CanFrame frame = parse(line);
                if (frame == null || !channelOpen) {
                    return new byte[] {BELL};
                }
                statistics().frameReceived();
                listeners.received(frame);
                received.offer(frame);
                return new byte[] {(byte) (frame.extended() ? 'Z' : 'z'), CR};
            }
            case 'S' -> {
                int code = line.length() == 2 ? Character.digit(line.charAt(1), 10) : -1;
                if (channelOpen || code < 0 || code >= BITRATES.length) {
                    return new byte[] {BELL};
                }
                bitrate = BITRATES[code];
                return new byte[] {CR};
            }
            case 'O', 'L' -> {
                if (channelOpen || bitrate == 0) {
                    return new byte[] {BELL};
                }
                channelOpen = true;
                return new byte[] {CR};
            }
            case 'C' -> {
                if (!channelOpen) {
                    return new byte[] {BELL};
                }
                channelOpen = false;
                return new byte[] {CR};
            }
            case 'Z' -> {
                if (channelOpen || !(line.equals("Z0") || line.equals("Z1"))) {
                    return new byte[] {BELL};
                }
                timestamps = line.equals("Z1");
                return new byte[] {CR};
            }
            case 'V' -> {
                return "V1013\r".getBytes(StandardCharsets.US_ASCII);
            }
            case 'N' -> {
                return "NSIM1\r".getBytes(StandardCharsets.US_ASCII);
            }
            case 'F' -> {
                return "F00\r".getBytes(StandardCharsets.US_ASCII);
            }
            case '\r' -> {
                return new byte[] {CR};
            }
            default -> {
                return new byte[] {BELL};
            }
        }
    }

    /** A frame line from the host, or null when it is malformed. */
    private static CanFrame parse(String line) {
        boolean extended = line.charAt(0) == 'T' || line.charAt(0) == 'R';
        boolean remote = line.charAt(0) == 'r' || line.charAt(0) == 'R';
        int idEnd = extended ? 9 : 4;
        if (line.length() <= idEnd) {
            return null;
        }
        try {
            int id = Integer.parseUnsignedInt(line, 1, idEnd, 16);
            int length = Character.digit(line.charAt(idEnd), 10);
            if (length < 0 || length > 8 || id > (extended ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID)
                    || line.length() != idEnd + 1 + (remote ? 0 : 2 * length)) {
                return null;
            }
            byte[] data = remote ? null : HEX.parseHex(line, idEnd + 1, line.length());
            return new CanFrame(id, extended, remote, length, data, System.nanoTime());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void write(byte[] bytes) throws LinkException {
        try {
            synchronized (toHost) {
                toHost.write(bytes);
                toHost.flush();
            }
            statistics().bytesSent(bytes.length);
        } catch (IOException e) {
            throw fail(new LinkException(LinkException.Reason.DISCONNECTED, settings().path() + ": " + e.getMessage(), e));
        }
    }

    @Override
    protected void release() {
        received.wakeAll();
        reader.interrupt();
        try {
            fromHost.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            toHost.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
