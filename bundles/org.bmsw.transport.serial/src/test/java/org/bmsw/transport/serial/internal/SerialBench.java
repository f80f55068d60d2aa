package org.bmsw.transport.serial.internal;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkSettings;

import com.fazecast.jSerialComm.SerialPort;

/**
 * Not a test: pty latency and throughput through socat, printed. Run by scripts/bench-transports.sh.
 * Compares our link (reader thread + buffer) with jSerialComm read in the caller's thread, the other way
 * to get read deadlines, to justify the reader thread.
 */
public final class SerialBench {

    private static final byte[] REQUEST = {1, 3, 0, 0, 0, 10, (byte) 0xC5, (byte) 0xCD}; // an 8-byte Modbus read

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path dir = Files.createTempDirectory("bmsw-bench");
        System.out.printf("serial bench on socat ptys (jSerialComm %s), %d round trips, %d MiB%n",
                SerialPort.getVersion(), rounds, megabytes);

        Path echo = dir.resolve("echo");
        // socat's PIPE address reads back what is written: an echo device on the other end of a pty
        Process echoer = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + echo, "PIPE").start();
        try {
            waitFor(echo);
            SerialTransport transport = new SerialTransport();
            try (ByteLink link = transport.openByteLink(LinkSettings.of("serial", echo.toString(), 115_200))) {
                report("round trip, our link (reader thread)     ", roundTrips(rounds, () -> {
                    link.write(REQUEST);
                    byte[] answer = new byte[8];
                    for (int got = 0; got < 8; ) {
                        int n = link.read(answer, got, 8 - got, TimeUnit.SECONDS.toNanos(1));
                        if (n == 0) {
                            throw new IOException("echo lost");
                        }
                        got += n;
                    }
                }));
            }
            SerialPort port = SerialPort.getCommPort(echo.toString());
            port.setComPortParameters(115_200, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            // the shortest deadline jSerialComm can do on Linux is 100 ms (VTIME is in deciseconds)
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 100, 0);
            if (!port.openPort(0)) {
                throw new IOException("cannot open " + echo);
            }
            try {
                report("round trip, jSerialComm read in caller   ", roundTrips(rounds, () -> {
                    port.writeBytes(REQUEST, 8);
                    byte[] answer = new byte[8];
                    for (int got = 0; got < 8; ) {
                        int n = port.readBytes(answer, 8 - got, got);
                        if (n <= 0) {
                            throw new IOException("echo lost");
                        }
                        got += n;
                    }
                }));
            } finally {
                port.closePort();
            }
        } finally {
            echoer.destroy();
        }

        try (SocatPair pair = new SocatPair(dir).start()) {
            SerialTransport transport = new SerialTransport();
            try (ByteLink link = transport.openByteLink(LinkSettings.of("serial", pair.a.toString(), 921_600))) {
                throughput(link, pair.b, megabytes);
            }
        }
    }

    private interface RoundTrip {
        void run() throws IOException;
    }

    private static long[] roundTrips(int rounds, RoundTrip trip) throws IOException {
        for (int i = 0; i < Math.min(500, rounds); i++) {
            trip.run(); // warm up the JIT
        }
        long[] micros = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            trip.run();
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        return micros;
    }

    private static void report(String what, long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.printf("%s median %4d us   p99 %5d us   max %6d us%n", what, sorted[sorted.length / 2],
                sorted[(int) (sorted.length * 0.99)], sorted[sorted.length - 1]);
    }

    private static void throughput(ByteLink link, Path device, int megabytes) throws Exception {
        long total = megabytes * 1024L * 1024L;
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 0x55);
        try (InputStream in = new FileInputStream(device.toFile());
             OutputStream out = new FileOutputStream(device.toFile())) {
            CompletableFuture<Long> sink = CompletableFuture.supplyAsync(() -> drain(in, total));
            long start = System.nanoTime();
            for (long sent = 0; sent < total; sent += block.length) {
                link.write(block);
            }
            long done = sink.get(120, TimeUnit.SECONDS);
            System.out.printf("throughput, link -> pty                   %6.1f MB/s%n", total / 1e6 / ((done - start) / 1e9));

            CompletableFuture<Void> source = CompletableFuture.runAsync(() -> {
                try {
                    for (long sent = 0; sent < total; sent += block.length) {
                        out.write(block);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            start = System.nanoTime();
            byte[] buffer = new byte[64 * 1024];
            long got = 0;
            long end = start;
            // bytes nobody takes in time are dropped from the link's buffer and counted, so stop on silence
            for (int n; (n = link.read(buffer, 0, buffer.length, TimeUnit.SECONDS.toNanos(1))) > 0; ) {
                got += n;
                end = System.nanoTime();
            }
            source.get();
            System.out.printf("throughput, pty -> link                   %6.1f MB/s (%d of %d bytes read, overflow errors: %d)%n",
                    got / 1e6 / ((end - start) / 1e9), got, total,
                    link.statistics().errors(org.bmsw.transport.api.LinkStatistics.ErrorKind.OTHER));
        }
    }

    /** Reads {@code total} bytes and returns when the last one came. */
    private static long drain(InputStream in, long total) {
        byte[] buffer = new byte[64 * 1024];
        try {
            for (long got = 0; got < total; ) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("pty closed");
                }
                got += n;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return System.nanoTime();
    }

    private static void waitFor(Path link) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Files.exists(link)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("socat did not create " + link);
            }
            Thread.sleep(5);
        }
    }
}
