package org.bmsw.firmware;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

import org.bmsw.firmware.internal.FirmwareValidatorImpl;
import org.bmsw.protocol.xcp.XcpMaster;
import org.bmsw.protocol.xcp.XcpTransports;
import org.bmsw.protocol.xcp.target.FlashMap;
import org.bmsw.transport.api.ByteLink;

/**
 * Whole-flash throughput over Modbus RTU function 109 at a baud rate, the simulated BMS pacing the line like a
 * real one (8E1, as OpenBLT's loader). Prints the image rate while programming and for the whole flash (enter
 * bootloader, erase, program, checksum, commit, reset) as a fraction of the line's character rate.
 * Run by scripts/bench-firmware.sh.
 */
public final class FirmwareBench {

    public static void main(String[] args) throws Exception {
        int kib = args.length > 0 ? Integer.parseInt(args[0]) : 48;
        int baud = args.length > 1 ? Integer.parseInt(args[1]) : 115_200;
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
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static FirmwareImage image(String name, byte[] bytes) {
        return new FirmwareImage(name, ImageFormat.BINARY, List.of(new Segment(SimulatedBms.FLASH_START, bytes)), OptionalLong.empty(), "");
    }
}
