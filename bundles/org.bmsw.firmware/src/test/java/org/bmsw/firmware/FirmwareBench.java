package org.bmsw.firmware;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

import org.bmsw.device.api.FirmwareUpdateSupport.FlashRegion;
import org.bmsw.firmware.internal.FirmwareValidatorImpl;
import org.bmsw.protocol.xcp.XcpCanIds;
import org.bmsw.protocol.xcp.target.XcpSlaveConfig;
import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.protocol.xcp.XcpMaster;
import org.bmsw.protocol.xcp.XcpTransports;
import org.bmsw.protocol.xcp.target.FlashMap;
import org.bmsw.transport.api.ByteLink;

/**
 * Whole-flash throughput, the simulated device pacing its line like a real one: over Modbus RTU function 109 at a
 * baud rate (8E1, as OpenBLT's loader), and as XCP on CAN through slcan with the bus at its bit rate. Prints the
 * image rate while programming and for the whole flash as a fraction of the line's rate: characters per second on
 * RS485, data bytes per second of back-to-back 8-byte frames on CAN. Run by scripts/bench-firmware.sh.
 */
public final class FirmwareBench {

    public static void main(String[] args) throws Exception {
        int kib = args.length > 0 ? Integer.parseInt(args[0]) : 48;
        int baud = args.length > 1 ? Integer.parseInt(args[1]) : 115_200;
        int bitrate = args.length > 2 ? Integer.parseInt(args[2]) : 250_000;
        modbus(kib, baud);
        can(kib, bitrate);
    }

    private static void modbus(int kib, int baud) throws Exception {
        Path dir = Files.createTempDirectory("bmsw-firmware-bench");
        FlashMap map = FlashMap.uniform(SimulatedBms.FLASH_START, 4096, Math.max(1, (kib + 3) / 4));
        try (SimulatedBms bms = new SimulatedBms(dir, map, baud); ByteLink link = bms.openLink()) {
            byte[] old = new byte[kib * 1024];
            byte[] fresh = new byte[kib * 1024];
            new Random(1).nextBytes(old);
            new Random(2).nextBytes(fresh);
            bms.install(image("old.bin", old));
            FirmwareImage image = image("new.bin", fresh);
            ValidationSummary summary = new FirmwareValidatorImpl(dir.resolve("keys")).validate(image, bms.target("1.0", false));
            XcpMaster master = XcpMaster.on(XcpTransports.modbus(link, SimulatedBms.UNIT));
            FlashReport report = FirmwareFlasher.on(master).flash(FlashRequest.of(summary, Set.of(Check.IDENTITY),
                    Optional.of(bms.application(link, false))).withOptions(FlashOptions.defaults().withBootloaderWait(Duration.ofSeconds(5))));
            if (!bms.runs(image)) {
                throw new IllegalStateException("the device does not run the flashed image");
            }
            double line = (double) baud / link.settings().bitsPerCharacter();
            double whole = report.bytes() * 1e9 / report.elapsed().toNanos();
            System.out.printf("firmware over Modbus RTU function 109, %d baud 8E1 (%.0f characters/s), %d-byte image%n",
                    baud, line, report.bytes());
            System.out.printf("  programming:  %7.0f B/s = %5.1f %% of the line rate%n", report.programmingRate(),
                    100 * report.programmingRate() / line);
            System.out.printf("  whole flash:  %7.0f B/s = %5.1f %% of the line rate (%.2f s: bootloader entry, erase, program,"
                    + " checksum, commit, reset)%n", whole, 100 * whole / line, report.elapsed().toMillis() / 1000.0);
            System.out.printf("  best possible while programming: %.1f %% (250 of every 256+6+7 characters: PROGRAM_MAX,"
                    + " its acknowledgement, two 3.5-character gaps)%n", 100.0 * 250 / (256 + 6 + 7));
            System.out.printf("  verified by %s; %d session(s)%n", report.verification(), report.sessions());
        } finally {
            delete(dir);
        }
    }

    private static void can(int kib, int bitrate) throws Exception {
        Path dir = Files.createTempDirectory("bmsw-firmware-bench");
        FlashMap map = FlashMap.uniform(SimulatedBms.FLASH_START, 4096, Math.max(1, (kib + 3) / 4));
        for (XcpSlaveConfig config : List.of(XcpSlaveConfig.can(), XcpSlaveConfig.can().withoutBlockMode())) {
            try (SimulatedCanBms bms = new SimulatedCanBms(dir, map, config, bitrate); CanLink link = bms.openLink()) {
                byte[] bytes = new byte[kib * 1024];
                new Random(3).nextBytes(bytes);
                FirmwareImage image = image("new.bin", bytes);
                List<FlashRegion> regions = map.sectors().stream().map(s -> new FlashRegion(s.address(), s.size())).toList();
                ValidationSummary summary = new FirmwareValidatorImpl(dir.resolve("keys"))
                        .validate(image, new TargetDevice("BI5132", "B", regions, false, ""));
                FlashReport report = FirmwareFlasher.on(XcpMaster.on(XcpTransports.can(link, XcpCanIds.OPENBLT)))
                        .flash(FlashRequest.of(summary, Set.of(Check.IDENTITY), Optional.empty()));
                if (!Arrays.equals(bytes, bms.bootloader.readActive(SimulatedBms.FLASH_START, bytes.length))) {
                    throw new IllegalStateException("the device does not run the flashed image");
                }
                // the line rate: data bytes of back-to-back 8-byte frames of random data
                Random random = new Random(4);
                long bits = 0;
                for (int i = 0; i < 1000; i++) {
                    byte[] data = new byte[8];
                    random.nextBytes(data);
                    bits += SimulatedCanBms.frameBits(CanFrame.data(0x667, false, data));
                }
                double line = 8.0 * bitrate / (bits / 1000.0);
                double whole = report.bytes() * 1e9 / report.elapsed().toNanos();
                System.out.printf("firmware as XCP on CAN (slcan), %d bit/s (%.0f data bytes/s in back-to-back 8-byte frames),"
                        + " %s, %d-byte image%n", bitrate, line, config.maxBsPgm() > 0
                                ? "master blocks of " + config.maxBsPgm() + " frames" : "every frame acknowledged (OpenBLT)",
                        report.bytes());
                System.out.printf("  programming:  %7.0f B/s = %5.1f %% of the line rate%n", report.programmingRate(),
                        100 * report.programmingRate() / line);
                System.out.printf("  whole flash:  %7.0f B/s = %5.1f %% of the line rate (%.2f s)%n", whole, 100 * whole / line,
                        report.elapsed().toMillis() / 1000.0);
            }
        }
        System.out.println("  best possible while programming: 6 image bytes in every 8-byte frame = 75 % (less the acknowledgements)");
        delete(dir);
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static FirmwareImage image(String name, byte[] bytes) {
        return new FirmwareImage(name, ImageFormat.BINARY, List.of(new Segment(SimulatedBms.FLASH_START, bytes)), OptionalLong.empty(), "");
    }
}
