package org.bmsw.firmware;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.FirmwareUpdateSupport;
import org.bmsw.device.api.FirmwareUpdateSupport.FlashRegion;
import org.bmsw.firmware.internal.FirmwareValidatorImpl;
import org.bmsw.protocol.xcp.ProgressListener;
import org.bmsw.protocol.xcp.XcpCanIds;
import org.bmsw.protocol.xcp.XcpMaster;
import org.bmsw.protocol.xcp.XcpTransports;
import org.bmsw.protocol.xcp.target.FlashMap;
import org.bmsw.protocol.xcp.target.XcpSlaveConfig;
import org.bmsw.simulator.bus.LineTiming;
import org.bmsw.simulator.bus.PtyEndpoint;
import org.bmsw.simulator.bus.VirtualBus;
import org.bmsw.simulator.bus.VirtualDevice;
import org.bmsw.simulator.bus.VirtualDeviceOptions;
import org.bmsw.simulator.device.FaultPlan;
import org.bmsw.simulator.device.SimulatedFirmware;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;

/**
 * Whole-flash throughput, the simulated device pacing its line like a real one, as a fraction of the line's rate:
 * characters per second on RS485 (Modbus RTU function 109 at a baud rate, 8E1 as OpenBLT's loader), data bytes per
 * second of back-to-back 8-byte frames on CAN (XCP on CAN through slcan, the bus at its bit rate). For each link it
 * prints the flashing engine's whole flash (bootloader entry, erase, program, checksum, commit, reset) and its
 * programming phase, and the bare XCP master programming the same image on the same link, so a loss of the engine's
 * own shows as a gap between the two. Every figure is the median of several runs. Run by scripts/bench-firmware.sh.
 */
public final class FirmwareBench {

    private static int runs;

    public static void main(String[] args) throws Exception {
        int kib = args.length > 0 ? Integer.parseInt(args[0]) : 48;
        int baud = args.length > 1 ? Integer.parseInt(args[1]) : 115_200;
        int bitrate = args.length > 2 ? Integer.parseInt(args[2]) : 250_000;
        runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        System.out.printf("firmware flashing, %d KiB image, median of %d runs%n", kib, runs);
        modbus(kib, baud);
        simulator(kib, baud);
        can(kib, bitrate);
    }

    /** One measurement: the engine's whole flash and programming phase, the bare master's programming phase. */
    private record Figures(double whole, double programming, double master) {
    }

    private static Figures median(List<Figures> all) {
        return new Figures(median(all.stream().mapToDouble(Figures::whole).toArray()),
                median(all.stream().mapToDouble(Figures::programming).toArray()),
                median(all.stream().mapToDouble(Figures::master).toArray()));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static void print(Figures f, double line, String unit) {
        System.out.printf("  engine, whole flash:        %7.0f B/s = %5.1f %% of %.0f %s%n", f.whole(), 100 * f.whole() / line, line, unit);
        System.out.printf("  engine, programming phase:  %7.0f B/s = %5.1f %%%n", f.programming(), 100 * f.programming() / line);
        System.out.printf("  XCP master alone, same link:%7.0f B/s = %5.1f %%%n", f.master(), 100 * f.master() / line);
    }

    private static void modbus(int kib, int baud) throws Exception {
        Path dir = Files.createTempDirectory("bmsw-firmware-bench");
        FlashMap map = FlashMap.uniform(SimulatedBms.FLASH_START, 4096, Math.max(1, (kib + 3) / 4));
        List<Figures> all = new ArrayList<>();
        double line = 0;
        try (SimulatedBms bms = new SimulatedBms(dir, map, baud); ByteLink link = bms.openLink()) {
            line = (double) baud / link.settings().bitsPerCharacter();
            for (int run = 0; run < runs; run++) {
                bms.install(image("old.bin", random(1 + run, kib * 1024)));
                FirmwareImage image = image("new.bin", random(100 + run, kib * 1024));
                ValidationSummary summary = new FirmwareValidatorImpl(dir.resolve("keys")).validate(image, bms.target("1.0", false));
                XcpMaster master = XcpMaster.on(XcpTransports.modbus(link, SimulatedBms.UNIT));
                FlashReport report = FirmwareFlasher.on(master).flash(FlashRequest.of(summary, Set.of(Check.IDENTITY),
                        Optional.of(bms.application(link, false))).withOptions(FlashOptions.defaults().withBootloaderWait(Duration.ofSeconds(5))));
                if (!bms.runs(image)) {
                    throw new IllegalStateException("the device does not run the flashed image");
                }
                bms.bootloader.requestBootloader();
                bms.slave.powerOn();
                all.add(new Figures(report.bytes() * 1e9 / report.elapsed().toNanos(), report.programmingRate(),
                        bareMaster(master, image)));
            }
        } finally {
            delete(dir);
        }
        System.out.printf("RS485, Modbus RTU function 109, %d baud 8E1 (a pty paced at the baud), test device:%n", baud);
        print(median(all), line, "characters/s");
        System.out.printf("  best possible while programming: %.1f %% (250 of every 256+6+7 characters: PROGRAM_MAX, its"
                + " acknowledgement, two 3.5-character gaps)%n", 100.0 * 250 / (256 + 6 + 7));
    }

    /** What {@code bmsw simulate} runs: the Smart BMS of the shipped profile with its bootloader, its line paced at the baud. */
    private static void simulator(int kib, int baud) throws Exception {
        Path dir = Files.createTempDirectory("bmsw-firmware-bench");
        List<Figures> all = new ArrayList<>();
        var profile = SimulatorOnPty.smartBms(false);
        VirtualDevice device = new VirtualDevice(profile, 1, VirtualDeviceOptions.defaults());
        LineTiming timing = new LineTiming(baud, 11, Duration.ZERO);
        LinkSettings settings = null;
        try (VirtualBus bus = new VirtualBus(List.of(device), timing, FaultPlan.NONE, Optional.empty(), 1.0);
             PtyEndpoint pty = PtyEndpoint.start(bus, dir.resolve("bms"))) {
            settings = LinkSettings.of("serial", pty.address(), baud).withFraming(8, LinkSettings.Parity.EVEN,
                    LinkSettings.StopBits.ONE);
            List<FlashRegion> flashMap = profile.definition().firmware().flashMap();
            try (ByteLink link = new SerialTransport().openByteLink(settings)) {
                for (int run = 0; run < runs; run++) {
                    String version = "40-0-" + run;
                    FirmwareImage image = image("app.bin", SimulatedFirmware.image(version, kib * 1024));
                    ValidationSummary summary = new FirmwareValidatorImpl(dir.resolve("keys")).validate(image,
                            new TargetDevice(SimulatorOnPty.MODEL, SimulatorOnPty.HARDWARE, flashMap, false, ""));
                    XcpMaster master = XcpMaster.on(XcpTransports.modbus(link, 1));
                    FlashReport report;
                    try (DeviceSession session = profile.connect(link, 1)) {
                        report = FirmwareFlasher.on(master).flash(FlashRequest.of(summary, Set.of(Check.IDENTITY),
                                session.capability(FirmwareUpdateSupport.class)));
                    }
                    if (!version.equals(device.bootloader().orElseThrow().runningVersion())) {
                        throw new IllegalStateException("the simulated device does not run the flashed image");
                    }
                    device.bootloader().orElseThrow().enterBootloader();
                    all.add(new Figures(report.bytes() * 1e9 / report.elapsed().toNanos(), report.programmingRate(),
                            bareMaster(master, image)));
                }
            }
        } finally {
            delete(dir);
        }
        System.out.printf("RS485, %d baud 8E1, bmsw simulate's Smart BMS V4.0 (shipped profile, its bootloader):%n", baud);
        print(median(all), (double) baud / settings.bitsPerCharacter(), "characters/s");
    }

    private static void can(int kib, int bitrate) throws Exception {
        Path dir = Files.createTempDirectory("bmsw-firmware-bench");
        FlashMap map = FlashMap.uniform(SimulatedBms.FLASH_START, 4096, Math.max(1, (kib + 3) / 4));
        double line = 8.0 * bitrate / averageEightByteFrameBits();
        for (XcpSlaveConfig config : List.of(XcpSlaveConfig.can(), XcpSlaveConfig.can().withoutInterleaving(),
                XcpSlaveConfig.can().withoutBlockMode())) {
            List<Figures> all = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                try (SimulatedCanBms bms = new SimulatedCanBms(dir, map, config, bitrate); CanLink link = bms.openLink()) {
                    byte[] bytes = random(3 + run, kib * 1024);
                    FirmwareImage image = image("new.bin", bytes);
                    List<FlashRegion> regions = map.sectors().stream().map(s -> new FlashRegion(s.address(), s.size())).toList();
                    ValidationSummary summary = new FirmwareValidatorImpl(dir.resolve("keys"))
                            .validate(image, new TargetDevice("BI5132", "B", regions, false, ""));
                    XcpMaster master = XcpMaster.on(XcpTransports.can(link, XcpCanIds.OPENBLT));
                    FlashReport report = FirmwareFlasher.on(master).flash(FlashRequest.of(summary, Set.of(Check.IDENTITY),
                            Optional.empty()));
                    if (!Arrays.equals(bytes, bms.bootloader.readActive(SimulatedBms.FLASH_START, bytes.length))) {
                        throw new IllegalStateException("the device does not run the flashed image");
                    }
                    bms.bootloader.requestBootloader();
                    all.add(new Figures(report.bytes() * 1e9 / report.elapsed().toNanos(), report.programmingRate(),
                            bareMaster(master, image)));
                }
            }
            System.out.printf("CAN, XCP on CAN through slcan, %d bit/s, %s:%n", bitrate, config.queueSizePgm() > 0
                    ? "master blocks of 43 frames, interleaved (the next block goes out before the answer)"
                    : config.maxBsPgm() > 0 ? "master blocks of 43 frames, each answered before the next"
                    : "PROGRAM_MAX, every frame answered before the next (OpenBLT's target)");
            print(median(all), line, "data bytes/s in back-to-back 8-byte frames");
        }
        System.out.println("  best possible while programming in master blocks: 6 image bytes in every 8-byte frame, less"
                + " one answer frame per 43: 73.9 %");
        delete(dir);
    }

    /** The bare XCP master, already in the bootloader: CONNECT, PROGRAM_START, erase, then the timed PROGRAM phase. */
    private static double bareMaster(XcpMaster master, FirmwareImage image) throws Exception {
        Segment segment = image.segments().get(0);
        byte[] data = segment.data();
        master.connect();
        master.programStart();
        master.programClear(segment.address(), data.length);
        long start = System.nanoTime();
        master.program(segment.address(), data, 0, data.length, ProgressListener.NONE);
        double rate = data.length * 1e9 / (System.nanoTime() - start);
        master.programReset(); // uncommitted: the image flashed by the engine stays
        return rate;
    }

    /** Data bits of back-to-back 8-byte frames of random data, with their stuff bits. */
    private static double averageEightByteFrameBits() {
        Random random = new Random(4);
        long bits = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] data = new byte[8];
            random.nextBytes(data);
            bits += SimulatedCanBms.frameBits(CanFrame.data(0x667, false, data));
        }
        return bits / 1000.0;
    }

    private static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
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
