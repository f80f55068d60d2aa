package org.bmsw.protocol.xcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.bmsw.protocol.modbus.ModbusRtuMaster;
import org.bmsw.protocol.xcp.target.Bootloader;
import org.bmsw.protocol.xcp.target.FlashMap;
import org.bmsw.protocol.xcp.target.XcpCanResponder;
import org.bmsw.protocol.xcp.target.XcpSlave;
import org.bmsw.protocol.xcp.target.XcpSlaveConfig;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.CanFrame;

/**
 * Benchmark (not a test): programming throughput against links paced at their line rate, as a fraction of it.
 * Run by scripts/bench-xcp.sh.
 *
 * <p>RS485: our master with the real serial transport on a socat pty; the device answers as a real line would (the
 * request counts as arrived when its last character would have, then the 3.5-character end-of-frame silence, then
 * the reply one character time per byte). Line rate = baud / bits per character.
 *
 * <p>CAN: an in-memory bus paced at the bit rate, frames as long as their bits with stuffing. Line rate = the most
 * payload CAN can carry: 8-byte frames back to back (their average length with random data).
 */
public final class XcpBench {

    private static final long BASE = 0x0800_0000L;
    /** Seconds of the last whole session, CONNECT to PROGRAM_RESET. */
    private static double sessionSeconds;

    public static void main(String[] args) throws Exception {
        int kib = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        byte[] image = FlashSequence.image(99, kib * 1024);
        FlashMap map = FlashMap.uniform(BASE, 4096, (kib + 3) / 4);
        System.out.printf("XCP programming throughput, %d KiB image, PROGRAM phase (all packets acknowledged, checksum"
                + " verified after)%n", kib);

        System.out.println("RS485, Modbus RTU function 109, 115200 baud, pty paced at the baud:");
        modbus(map, image, "8N1", XcpSlaveConfig.modbus(), false, "MAX_CTO 251 (largest in a 256-byte frame)");
        modbus(map, image, "8E1", XcpSlaveConfig.modbus(), false, "MAX_CTO 251, OpenBLT's default framing");
        modbus(map, image, "8N1", XcpSlaveConfig.modbus(), true, "MAX_CTO 251, Modbus spec gap of 1.75 ms");
        XcpSlaveConfig openBlt = new XcpSlaveConfig(129, 129, 129, 0, true, XcpSlaveConfig.modbus().checksumType(), null);
        modbus(map, image, "8N1", openBlt, false, "MAX_CTO 129 (OpenBLT's usual packet size)");

        System.out.println("CAN, XCP on CAN, 250 kbit/s, 11-bit ids, in-memory bus paced at the bit rate:");
        can(map, image, XcpSlaveConfig.can(), "master blocks of 43 packets (255 bytes per acknowledgement)");
        can(map, image, XcpSlaveConfig.can().withoutBlockMode(), "PROGRAM_MAX, every packet acknowledged (OpenBLT)");
    }

    private static void modbus(FlashMap map, byte[] image, String framing, XcpSlaveConfig config, boolean specGap,
                               String label) throws Exception {
        Bootloader bootloader = new Bootloader(map);
        Path dir = Files.createTempDirectory("bmsw-bench-xcp");
        try (PtyModbusDevice device = new PtyModbusDevice(dir, new XcpSlave(config, bootloader, null), 115_200, framing,
                true)) {
            ByteLink link = device.openLink();
            XcpTransport transport = specGap ? XcpTransports.modbus(ModbusRtuMaster.on(link), PtyModbusDevice.UNIT)
                    : XcpTransports.modbus(link, PtyModbusDevice.UNIT);
            double seconds = flash(XcpMaster.on(transport), image);
            double lineRate = 115_200.0 / device.settings().bitsPerCharacter();
            report(label + ", " + framing, image.length / seconds, lineRate, "characters/s");
            check(bootloader, image);
            link.close();
        }
    }

    private static void can(FlashMap map, byte[] image, XcpSlaveConfig config, String label) throws Exception {
        int bitrate = 250_000;
        Bootloader bootloader = new Bootloader(map);
        PacedCanBus bus = new PacedCanBus(bitrate);
        XcpCanResponder responder = new XcpCanResponder(new XcpSlave(config, bootloader, null), XcpCanIds.OPENBLT);
        Thread device = new Thread(() -> {
            try {
                responder.serve(bus.b);
            } catch (Exception e) {
                // bus closed
            }
        }, "paced CAN device");
        device.setDaemon(true);
        device.start();
        long busyBefore = bus.busyNanos();
        double seconds = flash(XcpMaster.on(XcpTransports.can(bus.a, XcpCanIds.OPENBLT)), image);
        double capacity = bitrate / averageEightByteFrameBits() * 8;
        report(label, image.length / seconds, capacity, "bytes/s in 8-byte frames");
        System.out.printf("      payload bits / bit rate %.1f %%; bus busy %.1f %% of the whole session%n",
                100.0 * image.length * 8 / seconds / bitrate, 100.0 * (bus.busyNanos() - busyBefore) / 1e9
                        / sessionSeconds);
        check(bootloader, image);
        bus.a.close();
        bus.b.close();
    }

    /** Runs the whole sequence; returns the seconds of the PROGRAM phase. */
    private static double flash(XcpMaster master, byte[] image) throws XcpException {
        long session = System.nanoTime();
        ConnectInfo info = master.connect();
        master.programStart();
        master.programClear(BASE, image.length);
        long start = System.nanoTime();
        master.program(BASE, image, 0, image.length, ProgressListener.NONE);
        long end = System.nanoTime();
        if (!master.checksum(BASE, image.length).matches(image, 0, image.length, info.littleEndian())) {
            throw new IllegalStateException("checksum mismatch");
        }
        master.programEnd();
        master.programReset();
        sessionSeconds = (System.nanoTime() - session) / 1e9;
        return (end - start) / 1e9;
    }

    private static void report(String label, double bytesPerSecond, double lineRate, String unit) {
        System.out.printf("  %-62s %7.0f B/s of %7.0f %s = %5.1f %% (session %.2f s)%n", label, bytesPerSecond, lineRate,
                unit, 100 * bytesPerSecond / lineRate, sessionSeconds);
    }

    private static void check(Bootloader bootloader, byte[] image) {
        if (bootloader.mode() != Bootloader.Mode.APPLICATION
                || !java.util.Arrays.equals(image, bootloader.readActive(BASE, image.length))) {
            throw new IllegalStateException("the new image does not run");
        }
    }

    private static double averageEightByteFrameBits() {
        Random random = new Random(7);
        long total = 0;
        int frames = 20_000;
        for (int i = 0; i < frames; i++) {
            byte[] data = new byte[8];
            random.nextBytes(data);
            total += PacedCanBus.bits(CanFrame.data(XcpCanIds.OPENBLT.requestId(), false, data));
        }
        return (double) total / frames;
    }
}
