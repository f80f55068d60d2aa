package org.bmsw.firmware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.bmsw.cli.internal.CliHarness;
import org.bmsw.core.TelemetryListener;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.protocol.xcp.target.Bootloader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code bmsw flash} in-process against the simulator's Smart BMS with its bootloader, on a real socat pty pair:
 * a flash completes and verifies; every refusal comes before anything is erased (the flash memory is compared
 * byte for byte); a device waiting in its bootloader is found; Ctrl-C stops safely; the parameters come back.
 */
class FlashCommandTest {

    private static final String NEW = "35-8-0";
    private static final int SIZE = 24_000;

    @TempDir
    Path dir;

    /** Every open session is polled; polls reaching the device in its bootloader would fail, slowing the flash. */
    @Test
    void theSessionIsNotPolledWhileItsDeviceIsFlashed() throws Exception {
        try (SimulatorOnPty sim = new SimulatorOnPty(dir, 115_200, false)) {
            Path fp = SimulatorOnPty.pack(dir, "app.fp", SimulatorOnPty.MODEL, NEW, SimulatorOnPty.application(NEW, SIZE), null);
            List<String> failedPolls = new CopyOnWriteArrayList<>();
            List<Long> snapshots = new CopyOnWriteArrayList<>();
            try (AutoCloseable polls = sim.core.live.subscribe(new TelemetryListener() {
                @Override
                public void snapshot(DeviceSession session, Telemetry telemetry) {
                    snapshots.add(System.nanoTime());
                }

                @Override
                public void pollFailed(DeviceSession session, Exception error) {
                    failedPolls.add(error.getMessage());
                }
            })) {
                CliHarness.Result r = sim.flash(fp, "--yes");
                assertEquals(0, r.code(), r::toString);
            }
            assertEquals(List.of(), failedPolls, "no poll reached the device in its bootloader");
            assertFalse(snapshots.isEmpty(), "the session was polled before the flash, while the application ran");
        }
    }

    @Test
    void anFpPackageIsValidatedFlashedVerifiedAndTheDeviceRunsItsVersion() throws Exception {
        try (SimulatorOnPty sim = new SimulatorOnPty(dir, 0, false)) {
            byte[] image = SimulatorOnPty.application(NEW, SIZE);
            Path fp = SimulatorOnPty.pack(dir, "app.fp", SimulatorOnPty.MODEL, NEW, image, null);

            CliHarness.Result r = sim.flash(fp, "--yes");

            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains("model " + SimulatorOnPty.MODEL), r::toString);
            assertTrue(r.out().contains("(application running)"), r::toString);
            assertTrue(r.out().contains("flashed app.fp: " + SIZE + " bytes"), r::toString);
            assertTrue(r.out().contains("verified by CRC_32"), r::toString);
            assertTrue(r.out().contains("the device now runs firmware " + NEW), r::toString);
            assertTrue(r.err().contains("PROGRAM") && r.err().contains("100.0 %"), r::toString);
            assertEquals(Bootloader.Mode.APPLICATION, sim.bootloader.mode());
            assertArrayEquals(image, sim.running(SIZE));
            try (Stream<Path> backups = Files.list(sim.data.resolve("backups"))) {
                assertEquals(1, backups.filter(p -> p.getFileName().toString().endsWith("-before-flash.json")).count());
            }
        }
    }

    @Test
    void withJsonEveryStepAndBlockIsAnObjectOnItsOwnLine() throws Exception {
        try (SimulatorOnPty sim = new SimulatorOnPty(dir, 0, false)) {
            Path fp = SimulatorOnPty.pack(dir, "app.fp", SimulatorOnPty.MODEL, NEW, SimulatorOnPty.application(NEW, SIZE), null);
            CliHarness.Result r = sim.flash(fp, "--yes", "--json");
            assertEquals(0, r.code(), r::toString);
            ObjectMapper json = new ObjectMapper();
            List<JsonNode> lines = new ArrayList<>();
            for (String line : r.out().split("\n")) {
                lines.add(json.readTree(line));
            }
            assertEquals("validation", lines.get(0).path("event").asText());
            assertFalse(lines.get(0).path("refused").asBoolean());
            JsonNode programming = lines.stream().filter(l -> l.path("phase").asText().equals("PROGRAM")
                    && l.path("bytesDone").asLong() == SIZE).findFirst().orElseThrow(() -> new AssertionError(r.out()));
            assertEquals(100.0, programming.path("percent").asDouble());
            assertTrue(programming.path("bytesPerSecond").asLong() > 0, programming::toString);
            assertTrue(programming.has("etaSeconds"), programming::toString);
            JsonNode done = lines.get(lines.size() - 1);
            assertEquals("flashed", done.path("result").asText());
            assertEquals(NEW, done.path("deviceFirmwareVersion").asText());
        }
    }

    @Test
    void aDryRunValidatesAgainstTheDeviceAndSendsNothing() throws Exception {
        try (SimulatorOnPty sim = new SimulatorOnPty(dir, 0, false)) {
            Path fp = SimulatorOnPty.pack(dir, "app.fp", SimulatorOnPty.MODEL, NEW, SimulatorOnPty.application(NEW, SIZE), null);
            byte[] before = sim.flashContents();
            CliHarness.Result dry = sim.flash(fp, "--dry-run");
            assertEquals(0, dry.code(), dry::toString);
            assertTrue(dry.err().contains("dry run: the image passed validation"), dry::toString);
            CliHarness.Result withoutYes = sim.flash(fp);
            assertEquals(3, withoutYes.code(), withoutYes::toString);
            assertTrue(withoutYes.err().contains("add --yes"), withoutYes::toString);
            assertUntouched(sim, before);
        }
    }

    @Test
    void wrongModelCorruptedMalformedAndDowngradeAreRefusedBeforeAnyErase() throws Exception {
        try (SimulatorOnPty sim = new SimulatorOnPty(dir, 0, false)) {
            byte[] before = sim.flashContents();
            Path wrongModel = SimulatorOnPty.pack(dir, "jdi.fp", "BI5132", NEW, SimulatorOnPty.application(NEW, SIZE), null);
            assertRefused(sim.flash(wrongModel, "--yes"), "MODEL: the package is for model BI5132, the device is a SMARTBMS-V4");

            Path good = SimulatorOnPty.pack(dir, "good.fp", SimulatorOnPty.MODEL, NEW, SimulatorOnPty.application(NEW, SIZE), null);
            byte[] bytes = Files.readAllBytes(good);
            bytes[bytes.length - 100] ^= 0x10;
            Path corrupted = Files.write(dir.resolve("corrupted.fp"), bytes);
            assertRefused(sim.flash(corrupted, "--yes"), "CRC-32");

            Path srec = Files.writeString(dir.resolve("app.s19"), FirmwareImages.toSRecord(new FirmwareImage("app.s19",
                    ImageFormat.SREC, List.of(new Segment(SimulatorOnPty.FLASH_START, SimulatorOnPty.random(5, 600))),
                    java.util.OptionalLong.empty(), "app")).replaceFirst("(?m)^(S3.{74})..$", "$100"));
            assertRefused(sim.flash(srec, "--yes", "--allow-bare-image"), "app.s19, line");

            Path outside = SimulatorOnPty.pack(dir, "big.fp", SimulatorOnPty.MODEL, NEW, SimulatorOnPty.random(6, 246_000), null);
            assertRefused(sim.flash(outside, "--yes"), "FLASH_MAP");

            Path older = SimulatorOnPty.pack(dir, "old.fp", SimulatorOnPty.MODEL, "35-6-9", SimulatorOnPty.application("35-6-9", SIZE), null);
            assertRefused(sim.flash(older, "--yes"), "--allow-downgrade");
            assertUntouched(sim, before);

            CliHarness.Result downgrade = sim.flash(older, "--yes", "--allow-downgrade");
            assertEquals(0, downgrade.code(), downgrade::toString);
            assertEquals("35-6-9", sim.bootloader.runningVersion());
        }
    }

    @Test
    void aDeviceRequiringSignaturesRefusesUnsignedAndUntrustedPackagesAndTakesATrustedOne() throws Exception {
        try (SimulatorOnPty sim = new SimulatorOnPty(dir, 0, true)) {
            byte[] before = sim.flashContents();
            byte[] image = SimulatorOnPty.application(NEW, SIZE);
            Path unsigned = SimulatorOnPty.pack(dir, "unsigned.fp", SimulatorOnPty.MODEL, NEW, image, null);
            assertRefused(sim.flash(unsigned, "--yes"), "requires signed images and the package is unsigned");

            CliHarness.Result keygen = sim.bmsw("flash", "keygen", "--out", dir.resolve("vendor").toString());
            assertEquals(0, keygen.code(), keygen::toString);
            KeyPair other = FpKeys.generate();
            Path byStranger = SimulatorOnPty.pack(dir, "stranger.fp", SimulatorOnPty.MODEL, NEW, image, other.getPrivate());
            assertRefused(sim.flash(byStranger, "--yes", "--allow-untrusted"), "SIGNATURE");
            assertUntouched(sim, before);

            Path app = dir.resolve("app.bin");
            Files.write(app, image);
            Path signed = dir.resolve("signed.fp");
            CliHarness.Result pack = sim.bmsw("flash", "pack", app.toString(), "--base-address", "0x08004000",
                    "--model", SimulatorOnPty.MODEL, "--hardware-revision", SimulatorOnPty.HARDWARE, "--firmware-version", NEW,
                    "--sign", dir.resolve("vendor.pem").toString(), "-o", signed.toString());
            assertEquals(0, pack.code(), pack::toString);

            CliHarness.Result untrusted = sim.bmsw("flash", "inspect", signed.toString());
            assertEquals(3, untrusted.code(), untrusted::toString);
            assertTrue(untrusted.out().contains("NOT VERIFIED: no trusted keys"), untrusted::toString);
            CliHarness.Result inspect = sim.bmsw("flash", "inspect", signed.toString(), "--trusted-key",
                    dir.resolve("vendor.pub.pem").toString());
            assertEquals(0, inspect.code(), inspect::toString);
            assertTrue(inspect.out().contains("signature:  by trusted key vendor.pub.pem"), inspect::toString);
            assertTrue(inspect.out().contains("version:    " + NEW), inspect::toString);

            assertRefused(sim.flash(signed, "--yes"), "no trusted keys");
            CliHarness.Result r = sim.flash(signed, "--yes", "--trusted-key", dir.resolve("vendor.pub.pem").toString());
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains("signature by trusted key vendor.pub.pem"), r::toString);
            assertArrayEquals(image, sim.running(SIZE));
        }
    }

    @Test
    void aDeviceWaitingInItsBootloaderIsRecognisedAndFlashed() throws Exception {
        try (SimulatorOnPty sim = new SimulatorOnPty(dir, 0, false)) {
            sim.bootloader.enterBootloader();
            byte[] image = SimulatorOnPty.application(NEW, SIZE);
            Path fp = SimulatorOnPty.pack(dir, "app.fp", SimulatorOnPty.MODEL, NEW, image, null);

            CliHarness.Result found = sim.flash(fp, "--timeout", "300", "--yes");
            assertEquals(0, found.code(), found::toString);
            assertTrue(found.err().contains("a bootloader answers XCP CONNECT"), found::toString);
            assertTrue(found.out().contains("(waiting in its bootloader)"), found::toString);
            assertTrue(found.out().contains("the device does not report what it runs"), found::toString);
            assertArrayEquals(image, sim.running(SIZE));

            CliHarness.Result notThere = sim.flash(fp, "--bootloader", "--timeout", "300", "--yes");
            assertEquals(1, notThere.code(), notThere::toString);
            assertTrue(notThere.err().contains("no bootloader answered XCP CONNECT at address 1"), notThere::toString);

            sim.bootloader.enterBootloader();
            Path next = SimulatorOnPty.pack(dir, "next.fp", SimulatorOnPty.MODEL, "35-9-0", SimulatorOnPty.application("35-9-0", SIZE), null);
            CliHarness.Result direct = sim.flash(next, "--bootloader", "--profile", "smartbms.v4", "--yes");
            assertEquals(0, direct.code(), direct::toString);
            assertEquals("35-9-0", sim.bootloader.runningVersion());
        }
    }

    @Test
    void aPowerCutOutlastingTheRunFailsItAndTheNextRunFindsTheWaitingBootloader() throws Exception {
        try (SimulatorOnPty sim = new SimulatorOnPty(dir, 0, false)) {
            byte[] old = sim.running(16 * 1024);
            byte[] image = SimulatorOnPty.application(NEW, SIZE);
            Path fp = SimulatorOnPty.pack(dir, "app.fp", SimulatorOnPty.MODEL, NEW, image, null);
            sim.bootloader.powerOffFor(java.time.Duration.ofMinutes(10)); // until the test brings it back
            sim.bootloader.planPowerCut(org.bmsw.simulator.device.PowerCutPlan.parse("PROGRAM_MAX#20"));

            CliHarness.Result cut = sim.flash(fp, "--yes", "--timeout", "300");

            assertEquals(1, cut.code(), cut::toString);
            assertTrue(cut.err().contains("no bootloader answered CONNECT"), cut::toString);
            assertTrue(cut.err().contains("The new image is incomplete and is never started"), cut::toString);
            assertEquals(Bootloader.Mode.OFF, sim.bootloader.mode());
            sim.bootloader.powerOn();
            assertEquals(Bootloader.Mode.BOOTLOADER, sim.bootloader.mode(), "the update was started: the bootloader waits");
            assertArrayEquals(old, sim.running(old.length), "the old image is intact");

            CliHarness.Result again = sim.flash(fp, "--yes", "--timeout", "300");
            assertEquals(0, again.code(), again::toString);
            assertTrue(again.err().contains("waits in its bootloader"), again::toString);
            assertArrayEquals(image, sim.running(SIZE));
        }
    }

    @Test
    void theParametersTheNewFirmwareChangedAreRestored() throws Exception {
        try (SimulatorOnPty sim = new SimulatorOnPty(dir, 0, false)) {
            double cov = sim.device.registers().flashedValues().get("COV");
            // this "new firmware" starts with another over-voltage threshold, as a firmware resetting its settings would
            sim.bootloader.onApplicationStart(version -> sim.device.registers().importFlashed(Map.of("COV", cov - 100)));
            Path fp = SimulatorOnPty.pack(dir, "app.fp", SimulatorOnPty.MODEL, NEW, SimulatorOnPty.application(NEW, SIZE), null);

            CliHarness.Result r = sim.flash(fp, "--yes");

            assertEquals(0, r.code(), r::toString);
            assertTrue(r.err().contains("restoring 1 value(s) the new firmware changed: COV"), r::toString);
            assertEquals(cov, sim.device.registers().flashedValues().get("COV"), 1e-9);

            CliHarness.Result without = sim.flash(fp, "--yes", "--no-backup-parameters"); // the changed value stays
            assertEquals(0, without.code(), without::toString);
            assertEquals(cov - 100, sim.device.registers().flashedValues().get("COV"), 1e-9);
        }
    }

    @Test
    void ctrlCCancelsBetweenBlocksAndTheDeviceWaitsInItsBootloaderWithItsOldImage() throws Exception {
        try (SimulatorOnPty sim = new SimulatorOnPty(dir, 115_200, false)) {
            byte[] old = sim.running(16 * 1024);
            byte[] image = SimulatorOnPty.application(NEW, 60_000);
            Path fp = SimulatorOnPty.pack(dir, "app.fp", SimulatorOnPty.MODEL, NEW, image, null);
            AtomicReference<CliHarness.Result> result = new AtomicReference<>();
            Thread command = new Thread(() -> result.set(sim.flash(fp, "--yes")), "bmsw-command flash");
            command.start();
            long deadline = System.currentTimeMillis() + 20_000;
            while (sim.bootloader.xcpPackets() < 60 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            command.interrupt(); // what the program does to the command's thread on Ctrl-C
            command.join(30_000);
            CliHarness.Result r = result.get();
            assertEquals(1, r.code(), r::toString);
            assertTrue(r.err().contains("cancelled in PROGRAM"), r::toString);
            assertTrue(r.err().contains("waits in its bootloader"), r::toString);
            assertEquals(Bootloader.Mode.BOOTLOADER, sim.bootloader.mode());
            assertArrayEquals(old, sim.running(old.length), "the old image is intact");

            CliHarness.Result again = sim.flash(fp, "--yes");
            assertEquals(0, again.code(), again::toString);
            assertArrayEquals(image, sim.running(image.length));
        }
    }

    @Test
    void inspectShowsFormatSegmentsAndHashesOfEveryFormat() throws Exception {
        try (SimulatorOnPty sim = new SimulatorOnPty(dir, 0, false)) {
            FirmwareImage image = new FirmwareImage("app.hex", ImageFormat.INTEL_HEX, List.of(
                    new Segment(SimulatorOnPty.FLASH_START, SimulatorOnPty.random(1, 300)),
                    new Segment(SimulatorOnPty.FLASH_START + 0x1000, SimulatorOnPty.random(2, 40))),
                    java.util.OptionalLong.of(SimulatorOnPty.FLASH_START), "");
            Path hex = Files.writeString(dir.resolve("app.hex"), FirmwareImages.toIntelHex(image), StandardCharsets.US_ASCII);
            CliHarness.Result r = sim.bmsw("flash", "inspect", hex.toString());
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains("(INTEL_HEX; a bare image names no model or version)"), r::toString);
            assertTrue(r.out().contains("segment   0x08004000..0x0800412B (300 bytes)"), r::toString);
            assertTrue(r.out().contains("segment   0x08005000..0x08005027 (40 bytes)"), r::toString);

            CliHarness.Result json = sim.bmsw("flash", "inspect", hex.toString(), "--json");
            JsonNode node = new ObjectMapper().readTree(json.out());
            assertEquals(2, node.path("segments").size());
            assertEquals("0x08005000", node.path("segments").get(1).path("address").asText());

            CliHarness.Result missing = sim.bmsw("flash", "inspect", dir.resolve("nothing.s19").toString());
            assertEquals(2, missing.code(), missing::toString);
            Path fp = dir.resolve("twice.fp");
            Files.writeString(fp, "x");
            CliHarness.Result exists = sim.bmsw("flash", "pack", hex.toString(), "--model", "M", "--hardware-revision", "A",
                    "--firmware-version", "1", "-o", fp.toString());
            assertEquals(2, exists.code(), exists::toString);
            assertTrue(exists.err().contains("never overwritten"), exists::toString);
        }
    }

    private static void assertRefused(CliHarness.Result r, String why) {
        assertEquals(3, r.code(), r::toString);
        assertTrue((r.out() + r.err()).contains(why), () -> "'" + why + "' missing: " + r);
    }

    /** Not one flash operation, not one bit changed, the application still running. */
    private static void assertUntouched(SimulatorOnPty sim, byte[] before) {
        assertArrayEquals(before, sim.flashContents(), "the flash memory changed");
        assertEquals(Bootloader.Mode.APPLICATION, sim.bootloader.mode(), "the device left its application");
    }
}
