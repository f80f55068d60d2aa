package org.bmsw.firmware;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import org.bmsw.protocol.xcp.XcpCanIds;
import org.bmsw.protocol.xcp.target.Bootloader;
import org.bmsw.protocol.xcp.target.FlashMap;
import org.bmsw.protocol.xcp.target.XcpCanResponder;
import org.bmsw.protocol.xcp.target.XcpSlave;
import org.bmsw.protocol.xcp.target.XcpSlaveConfig;
import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.serial.internal.SocatPair;
import org.bmsw.transport.slcan.internal.SlcanTransport;

/**
 * A BMS bootloader on a CAN bus behind an slcan (Lawicel) adapter on a socat pty: the program opens the near end
 * with the real slcan transport; the far end is the adapter (answers C, Sn, O; acknowledges every frame with z)
 * and the bus, which carries one frame at a time at the bit rate (a frame of n data bytes takes 47 + 8n bits plus
 * its stuff bits), and the XCP-on-CAN bootloader (the XCP helper's emulated A/B bootloader).
 */
final class SimulatedCanBms implements AutoCloseable {

    final Bootloader bootloader;
    final XcpSlave slave;
    private final XcpCanResponder responder;
    private final SocatPair socat;
    private final int bitrate;
    private final Thread serving;

    SimulatedCanBms(Path dir, FlashMap map, XcpSlaveConfig config, int bitrate) throws IOException, InterruptedException {
        this.bootloader = new Bootloader(map);
        this.slave = new XcpSlave(config, bootloader, null);
        this.responder = new XcpCanResponder(slave, XcpCanIds.OPENBLT);
        this.bitrate = bitrate;
        this.socat = new SocatPair(dir, "can").start();
        this.serving = new Thread(this::serve, "simulated CAN BMS on " + socat.b);
        serving.setDaemon(true);
        serving.start();
    }

    CanLink openLink() throws Exception {
        return new SlcanTransport(new SerialTransport()).openCanLink(LinkSettings.of("slcan", socat.a.toString(), bitrate));
    }

    /** Bits on the wire of a standard data frame: fixed fields, data, interframe space, and its stuff bits. */
    static long frameBits(CanFrame frame) {
        boolean[] bits = new boolean[34 + 8 * frame.length()]; // SOF .. CRC: the part that is bit-stuffed
        int at = 1; // SOF is dominant (false)
        for (int i = 10; i >= 0; i--) {
            bits[at++] = (frame.id() >> i & 1) == 1;
        }
        at += 3; // RTR, IDE, r0: dominant
        for (int i = 3; i >= 0; i--) {
            bits[at++] = (frame.length() >> i & 1) == 1;
        }
        for (byte b : frame.data()) {
            for (int i = 7; i >= 0; i--) {
                bits[at++] = (b >> i & 1) == 1;
            }
        }
        // the 15-bit CRC: taken as alternating (it stuffs little), enough for a rate model
        for (int i = 0; i < 15; i++) {
            bits[at++] = i % 2 == 0;
        }
        int stuff = 0;
        int run = 1;
        for (int i = 1; i < bits.length; i++) {
            run = bits[i] == bits[i - 1] ? run + 1 : 1;
            if (run == 5) {
                stuff++;
                run = 1; // the stuff bit is the opposite and starts a new run (approximately)
            }
        }
        return bits.length + stuff + 13; // + CRC delimiter, ACK slot and delimiter, EOF (7), intermission (3)
    }

    private long frameNanos(CanFrame frame) {
        return frameBits(frame) * 1_000_000_000L / bitrate;
    }

    /**
     * The adapter queues what the host sends and puts frame after frame on the bus, each when the bus is free and the
     * frame has arrived (the time the host's bytes were read from the pty), for its bits' time; the bootloader
     * answers a frame once it has crossed the bus. Reading the pty a chunk at a time matters: reading it byte by
     * byte, the simulation's own system calls would add to every frame's bus time.
     */
    private void serve() {
        try (InputStream in = new FileInputStream(socat.b.toFile()); OutputStream out = new FileOutputStream(socat.b.toFile())) {
            StringBuilder line = new StringBuilder();
            byte[] chunk = new byte[4096];
            long busFreeAt = 0;
            for (int n; (n = in.read(chunk)) >= 0; ) {
                long arrived = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    char c = (char) (chunk[i] & 0xFF);
                    if (c != '\r') {
                        line.append(c);
                        continue;
                    }
                    String command = line.toString();
                    line.setLength(0);
                    if (command.isEmpty() || command.charAt(0) != 't') {
                        write(out, "\r"); // C, Sn, O, ...: done
                        continue;
                    }
                    write(out, "z\r");
                    CanFrame request = parse(command);
                    busFreeAt = Math.max(busFreeAt, arrived) + frameNanos(request);
                    pauseUntil(busFreeAt); // the frame has crossed the bus
                    Optional<CanFrame> response = responder.handle(request);
                    if (response.isPresent()) {
                        busFreeAt = Math.max(busFreeAt, System.nanoTime()) + frameNanos(response.get());
                        pauseUntil(busFreeAt);
                        write(out, format(response.get()) + "\r");
                    }
                }
            }
        } catch (IOException e) {
            // socat ended
        }
    }

    private static CanFrame parse(String line) {
        int id = Integer.parseInt(line.substring(1, 4), 16);
        int length = line.charAt(4) - '0';
        return CanFrame.data(id, false, HexFormat.of().parseHex(line, 5, 5 + 2 * length));
    }

    private static String format(CanFrame frame) {
        return String.format("t%03X%d", frame.id(), frame.length()) + HexFormat.of().withUpperCase().formatHex(frame.data());
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void pauseUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
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
}
