package org.bmsw.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bmsw.firmware.internal.FirmwareValidatorImpl;
import org.bmsw.protocol.xcp.XcpCommand;
import org.bmsw.protocol.xcp.XcpMaster;
import org.bmsw.protocol.xcp.XcpTimeouts;
import org.bmsw.protocol.xcp.XcpTransports;
import org.bmsw.protocol.xcp.target.Bootloader;
import org.bmsw.transport.api.ByteLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flashing the emulated OpenBLT-style bootloader over a real pty pair with the real serial transport and Modbus
 * function 109: complete flashes, refusals before any erase, hooks, progress, cancelling, cable pulls and a power
 * cut before every protocol step and at every flash operation.
 */
class FlashEndToEndTest {

    /**
     * Short, so a silent device costs little; still far above a pty's latency. CONNECT waits longer: an answer that
     * comes after its attempt timed out (a cold JVM) would be taken for the answer to the next command.
     */
    static final XcpTimeouts FAST = new XcpTimeouts(Duration.ofMillis(150), Duration.ofMillis(150), Duration.ofMillis(500),
            Duration.ofMillis(150), Duration.ofMillis(300), Duration.ofMillis(50), 3, 1);

    @TempDir
    Path dir;
    private SimulatedBms bms;
    private ByteLink link;
    private XcpMaster master;
    private FirmwareValidatorImpl validator;
    private final KeyPair vendor = FpKeys.generate();
    private FpPackage oldRelease;
    private FpPackage newRelease;

    @BeforeEach
    void setUp() throws Exception {
        bms = new SimulatedBms(dir, SimulatedBms.smallMap(), 0);
        link = bms.openLink();
        master = new XcpMaster(XcpTransports.modbus(link, SimulatedBms.UNIT), FAST);
        java.nio.file.Files.createDirectories(dir.resolve("keys"));
        java.nio.file.Files.writeString(dir.resolve("keys/vendor.pem"), FpKeys.toPem(vendor.getPublic()));
        validator = new FirmwareValidatorImpl(dir.resolve("keys"));
        oldRelease = release("1.0.0", 1, vendor);
        newRelease = release("2.0.0", 2, vendor);
        bms.install(oldRelease.image());
    }

    @AfterEach
    void tearDown() throws Exception {
        link.close();
        bms.close();
    }

    /** Two segments (2000 bytes, a gap, 700 bytes) that differ from release to release. */
    FpPackage release(String version, long seed, KeyPair signer) throws Exception {
        Random random = new Random(seed);
        byte[] a = new byte[2000];
        byte[] b = new byte[700];
        random.nextBytes(a);
        random.nextBytes(b);
        FirmwareImage image = new FirmwareImage("app-" + version + ".s19", ImageFormat.SREC,
                List.of(new Segment(SimulatedBms.FLASH_START, a), new Segment(SimulatedBms.FLASH_START + 0x1000, b)),
                OptionalLong.empty(), "");
        FpPackageBuilder builder = new FpPackageBuilder().model("BI5132").hardwareRevision("B").firmwareVersion(version).image(image);
        if (signer != null) {
            builder.signWith(signer.getPrivate());
        }
        FpPackage built = builder.build("app-" + version + ".fp");
        return (FpPackage) FirmwareImages.parse(built.source(), built.toBytes(), Optional.empty(), OptionalLong.empty());
    }

    private FlashRequest request(Firmware firmware, String deviceVersion, boolean signed, boolean applicationRuns) {
        ValidationSummary summary = validator.validate(firmware, bms.target(deviceVersion, signed));
        return FlashRequest.of(summary, Set.of(), applicationRuns ? Optional.of(bms.application(link, signed)) : Optional.empty())
                .withOptions(FlashOptions.defaults().withBlockBytes(1000).withBootloaderWait(Duration.ofSeconds(2)));
    }

    // ---- complete flashes ----

    @Test
    void aSignedUpdateCompletesVerifiesAndRunsTheNewImage() throws Exception {
        List<FlashProgress> events = new CopyOnWriteArrayList<>();
        FlashReport report = FirmwareFlasher.on(master).flash(request(newRelease, "1.0.0", true, true).withListener(events::add));
        assertTrue(bms.runs(newRelease.image()));
        assertEquals(Bootloader.Mode.APPLICATION, bms.bootloader.mode());
        assertEquals(2700, report.bytes());
        assertTrue(report.enteredBootloader());
        assertEquals(1, report.sessions());
        assertTrue(report.verification().contains("CRC_32"), report.verification());
        assertEquals(2, bms.count(XcpCommand.PROGRAM_CLEAR));
        assertEquals(1, bms.count(XcpCommand.PROGRAM_RESET));
        // progress: phases in order, bytes never go back, 100 % at the end, a rate and an ETA while programming
        List<FlashPhase> phases = events.stream().map(FlashProgress::phase).distinct().toList();
        assertEquals(List.of(FlashPhase.BACKUP, FlashPhase.ENTER_BOOTLOADER, FlashPhase.CONNECT, FlashPhase.ERASE, FlashPhase.PROGRAM,
                FlashPhase.VERIFY, FlashPhase.COMMIT, FlashPhase.RESET, FlashPhase.RESTORE, FlashPhase.DONE), phases);
        List<FlashProgress> programming = events.stream().filter(e -> e.phase() == FlashPhase.PROGRAM && e.bytesDone() > 0).toList();
        assertTrue(programming.size() >= 11, "one event per acknowledged packet: " + programming.size());
        for (int i = 1; i < programming.size(); i++) {
            assertTrue(programming.get(i).bytesDone() >= programming.get(i - 1).bytesDone());
        }
        assertTrue(programming.stream().allMatch(e -> e.bytesPerSecond() > 0 && e.eta().isPresent()));
        assertEquals(100.0, events.get(events.size() - 1).percent());
        assertEquals(Duration.ZERO, programming.get(programming.size() - 1).eta().orElseThrow());
    }

    @Test
    void aDeviceWaitingInItsBootloaderIsRecognisedAndFlashedWithoutAnApplication() throws Exception {
        SimulatedBms blank = new SimulatedBms(dir.resolve(".."), SimulatedBms.smallMap(), 0);
        try (ByteLink blankLink = blank.openLink()) {
            XcpMaster blankMaster = new XcpMaster(XcpTransports.modbus(blankLink, SimulatedBms.UNIT), FAST);
            assertEquals(Bootloader.Mode.BOOTLOADER, blank.bootloader.mode()); // blank flash: nothing to start
            FirmwareFlasher flasher = FirmwareFlasher.on(blankMaster);
            assertTrue(flasher.bootloaderWaiting());
            ValidationSummary summary = validator.validate(newRelease, blank.target("", false));
            FlashReport report = flasher.flash(FlashRequest.of(summary, Set.of(), Optional.empty()));
            assertFalse(report.enteredBootloader());
            assertTrue(blank.runs(newRelease.image()));
        } finally {
            blank.close();
        }
    }

    @Test
    void withoutABootloaderOrAnApplicationNothingHappens() throws Exception {
        FirmwareFlasher flasher = FirmwareFlasher.on(master);
        assertFalse(flasher.bootloaderWaiting(), "the application does not speak XCP");
        FlashException e = assertThrows(FlashException.class, () -> flasher.flash(request(newRelease, "1.0.0", false, false)));
        assertEquals(FlashException.Reason.NO_BOOTLOADER, e.reason());
        assertTrue(e.getMessage().contains("Nothing was changed"), e.getMessage());
        assertTrue(bms.runs(oldRelease.image()));
    }

    @Test
    void backupRunsOnTheOldApplicationAndRestoreOnTheNewOne() throws Exception {
        List<String> calls = new ArrayList<>();
        FlashHooks hooks = new FlashHooks() {
            @Override
            public void backup() {
                calls.add("backup " + bms.bootloader.mode() + " old=" + bms.runs(oldRelease.image()));
            }

            @Override
            public void restore(FlashReport report) {
                calls.add("restore " + bms.bootloader.mode() + " new=" + bms.runs(newRelease.image()));
            }
        };
        FirmwareFlasher.on(master).flash(request(newRelease, "1.0.0", false, true).withHooks(hooks));
        assertEquals(List.of("backup APPLICATION old=true", "restore APPLICATION new=true"), calls);
    }

    @Test
    void aFailedBackupStopsBeforeTheBootloaderAndARestoreFailureIsReported() throws Exception {
        FlashException e = assertThrows(FlashException.class, () -> FirmwareFlasher.on(master).flash(request(newRelease, "1.0.0", false, true)
                .withHooks(new FlashHooks() {
                    @Override
                    public void backup() throws Exception {
                        throw new java.io.IOException("disk full");
                    }
                })));
        assertEquals(FlashException.Reason.BACKUP_FAILED, e.reason());
        assertTrue(e.getMessage().contains("disk full") && e.getMessage().contains("Nothing was changed"), e.getMessage());
        assertEquals(Bootloader.Mode.APPLICATION, bms.bootloader.mode());
        assertEquals(0, bms.count(XcpCommand.PROGRAM_START));
        FlashReport report = FirmwareFlasher.on(master).flash(request(newRelease, "1.0.0", false, true).withHooks(new FlashHooks() {
            @Override
            public void restore(FlashReport r) throws Exception {
                throw new IllegalStateException("parameter 17 out of range");
            }
        }));
        assertEquals(Optional.of("parameter 17 out of range"), report.restoreProblem());
        assertTrue(bms.runs(newRelease.image()));
    }

    // ---- refusals: before any erase ----

    @Test
    void refusedImagesNeverReachTheDevice() throws Exception {
        FpPackage wrongModel = (FpPackage) FirmwareImages.parse("x.fp", new FpPackageBuilder().model("BI5148").hardwareRevision("B")
                .firmwareVersion("2.0.0").image(newRelease.image()).signWith(vendor.getPrivate()).build("x.fp").toBytes(),
                Optional.empty(), OptionalLong.empty());
        byte[] payload = newRelease.payload();
        payload[100] ^= 1;
        FpPackage corrupted = new FpPackage("corrupted.fp", newRelease.manifest(), payload, newRelease.image());
        FpPackage unsigned = release("2.0.0", 2, null);
        FirmwareImage outside = new FirmwareImage("outside.s19", ImageFormat.SREC, List.of(new Segment(0x0800_0000L, new byte[64])),
                OptionalLong.empty(), "");
        FpPackage downgrade = release("0.9.0", 3, vendor);
        byte[] before = bms.bootloader.memory().contents();
        for (Firmware firmware : List.of(wrongModel, corrupted, unsigned, outside, downgrade)) {
            FlashException e = assertThrows(FlashException.class,
                    () -> FirmwareFlasher.on(master).flash(request(firmware, "1.0.0", true, true)), firmware.source());
            assertEquals(FlashException.Reason.REFUSED, e.reason(), e.getMessage());
            assertEquals(FlashPhase.VALIDATE, e.phase());
            assertFalse(e.eraseStarted());
        }
        assertEquals(0, bms.count(XcpCommand.PROGRAM_CLEAR), "no erase");
        assertEquals(0, bms.packets(), "not one XCP packet");
        assertTrue(java.util.Arrays.equals(before, bms.bootloader.memory().contents()), "the flash is untouched");
        assertTrue(bms.runs(oldRelease.image()));
        // a corrupted file does not even read
        byte[] file = newRelease.toBytes();
        file[file.length - 1] ^= 1;
        assertThrows(ImageFormatException.class, () -> FirmwareImages.parse("c.fp", file, Optional.empty(), OptionalLong.empty()));
    }

    @Test
    void aConfirmedDowngradeIsFlashed() throws Exception {
        FpPackage downgrade = release("0.9.0", 3, vendor);
        ValidationSummary summary = validator.validate(downgrade, bms.target("1.0.0", true));
        FlashRequest request = FlashRequest.of(summary, Set.of(Check.DOWNGRADE), Optional.of(bms.application(link, true)))
                .withOptions(FlashOptions.defaults().withBootloaderWait(Duration.ofSeconds(2)));
        FirmwareFlasher.on(master).flash(request);
        assertTrue(bms.runs(downgrade.image()));
    }

    // ---- cancelling ----

    @Test
    void cancellingBetweenBlocksLeavesTheBootloaderWithTheOldImageAndFlashingAgainCompletes() throws Exception {
        FirmwareFlasher flasher = FirmwareFlasher.on(master);
        FlashRequest request = request(newRelease, "1.0.0", false, true).withListener(p -> {
            if (p.phase() == FlashPhase.PROGRAM && p.bytesDone() > 0) {
                flasher.cancel();
            }
        });
        FlashException e = assertThrows(FlashException.class, () -> flasher.flash(request));
        assertEquals(FlashException.Reason.CANCELLED, e.reason());
        assertEquals(FlashPhase.PROGRAM, e.phase());
        assertTrue(e.eraseStarted());
        assertTrue(e.getMessage().contains("waits in its bootloader"), e.getMessage());
        assertTrue(bms.count(XcpCommand.PROGRAM_MAX) >= 1);
        assertEquals(0, bms.count(XcpCommand.PROGRAM_RESET));
        assertEquals(Bootloader.Mode.BOOTLOADER, bms.bootloader.mode());
        // the A/B bootloader keeps the old image intact until the commit: a power cycle does not start anything half-done
        bms.slave.powerCut();
        bms.powerOn();
        assertEquals(Bootloader.Mode.BOOTLOADER, bms.bootloader.mode());
        assertTrue(bms.runs(oldRelease.image()));
        FlashReport again = FirmwareFlasher.on(master).flash(request(newRelease, "", false, false));
        assertFalse(again.enteredBootloader());
        assertTrue(bms.runs(newRelease.image()));
        assertEquals(Bootloader.Mode.APPLICATION, bms.bootloader.mode());
    }

    @Test
    void cancellingBeforeTheEraseErasesNothing() throws Exception {
        FirmwareFlasher flasher = FirmwareFlasher.on(master);
        FlashException e = assertThrows(FlashException.class, () -> flasher.flash(request(newRelease, "1.0.0", false, true).withListener(p -> {
            if (p.phase() == FlashPhase.CONNECT) {
                flasher.cancel();
            }
        })));
        assertEquals(FlashException.Reason.CANCELLED, e.reason());
        assertFalse(e.eraseStarted());
        assertEquals(0, bms.count(XcpCommand.PROGRAM_CLEAR));
        assertTrue(e.getMessage().contains("Nothing was erased"), e.getMessage());
        assertTrue(bms.runs(oldRelease.image()));
    }

    // ---- interruptions ----

    @Test
    void aCablePullWhileProgrammingLeavesTheBootloaderAndFlashingAgainCompletes() throws Exception {
        FirmwareFlasher flasher = FirmwareFlasher.on(master);
        FlashException e = assertThrows(FlashException.class, () -> flasher.flash(request(newRelease, "1.0.0", false, true).withListener(p -> {
            if (p.phase() == FlashPhase.PROGRAM && p.bytesDone() >= 1000) {
                try {
                    bms.unplug();
                } catch (InterruptedException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        })));
        assertEquals(FlashException.Reason.DEVICE, e.reason(), e.getMessage());
        assertTrue(e.eraseStarted());
        assertEquals(Bootloader.Mode.BOOTLOADER, bms.bootloader.mode());
        assertTrue(bms.runs(oldRelease.image()));
        bms.plugIn();
        link.close();
        link = bms.openLink();
        master = new XcpMaster(XcpTransports.modbus(link, SimulatedBms.UNIT), FAST);
        FirmwareFlasher.on(master).flash(request(newRelease, "", false, false));
        assertTrue(bms.runs(newRelease.image()));
    }

    @Test
    void aDeviceThatLosesPowerMidWayIsFlashedInASecondSession() throws Exception {
        FirmwareFlasher flasher = FirmwareFlasher.on(master);
        boolean[] cut = {false};
        FlashReport report = flasher.flash(request(newRelease, "1.0.0", false, true)
                .withOptions(FlashOptions.defaults().withBlockBytes(1000).withRetries(0, 2).withBootloaderWait(Duration.ofSeconds(3)))
                .withListener(p -> {
                    if (p.phase() == FlashPhase.PROGRAM && p.bytesDone() >= 1000 && !cut[0]) {
                        cut[0] = true;
                        bms.slave.powerCut();
                        new Thread(() -> {
                            sleep(300);
                            bms.powerOn();
                        }).start();
                    }
                }));
        assertEquals(2, report.sessions());
        assertTrue(bms.runs(newRelease.image()));
    }

    /**
     * The device loses power just before the n-th XCP packet of a flash, for every n up to the last packet: each
     * time it comes back in its bootloader (or already running the new image, once committed) with an intact image,
     * and flashing again completes.
     */
    @Test
    void aPowerCutBeforeEveryProtocolStepAlwaysEndsRecoverable() throws Exception {
        // count the packets of an undisturbed flash from the bootloader
        enterBootloaderWithOldImage();
        long start = bms.packets();
        FirmwareFlasher.on(impatient()).flash(request(newRelease, "", false, false).withOptions(noRetries()));
        long steps = bms.packets() - start;
        assertTrue(steps > 20, "packets of one flash: " + steps);
        List<String> outcomes = new ArrayList<>();
        for (long n = 1; n <= steps; n++) {
            bms.install(oldRelease.image());
            enterBootloaderWithOldImage();
            bms.cutPowerBeforePacket(n);
            String outcome;
            try {
                FirmwareFlasher.on(impatient()).flash(request(newRelease, "", false, false).withOptions(noRetries()));
                outcome = "completed";
            } catch (FlashException e) {
                outcome = e.phase().name();
            }
            bms.powerOn();
            assertRecoverable(n, outcome);
            outcomes.add(outcome);
        }
        assertTrue(outcomes.contains("ERASE") && outcomes.contains("PROGRAM") && outcomes.contains("VERIFY")
                && outcomes.contains("COMMIT"), outcomes.toString());
    }

    /** The same with power lost in the middle of every erase and program operation of the flash itself. */
    @Test
    void aPowerCutInsideEveryFlashOperationAlwaysEndsRecoverable() throws Exception {
        enterBootloaderWithOldImage();
        long before = bms.bootloader.memory().operations();
        FirmwareFlasher.on(master).flash(request(newRelease, "", false, false).withOptions(noRetries()));
        long operations = bms.bootloader.memory().operations() - before;
        assertTrue(operations > 10, "flash operations of one flash: " + operations);
        for (long n = 0; n < operations; n++) {
            bms.install(oldRelease.image());
            enterBootloaderWithOldImage();
            bms.bootloader.memory().cutPowerAfter(n);
            String outcome;
            try {
                FirmwareFlasher.on(impatient()).flash(request(newRelease, "", false, false).withOptions(noRetries()));
                outcome = "completed";
            } catch (FlashException e) {
                outcome = e.phase().name();
            }
            bms.powerOn();
            assertRecoverable(n, outcome);
        }
    }

    /** A master that gives up on the first silence: the interrupted runs need not wait out retries. */
    private XcpMaster impatient() {
        return new XcpMaster(XcpTransports.modbus(link, SimulatedBms.UNIT), FAST.withRetries(0));
    }

    private FlashOptions noRetries() {
        return FlashOptions.defaults().withBlockBytes(1000).withRetries(0, 1).withBootloaderWait(Duration.ofMillis(300));
    }

    private void enterBootloaderWithOldImage() throws Exception {
        bms.application(link, false).enterBootloader();
        assertEquals(Bootloader.Mode.BOOTLOADER, bms.bootloader.mode());
    }

    /** After the cut and power-on: the old or the new image intact, the device reachable, and a re-flash completes. */
    private void assertRecoverable(long step, String outcome) throws Exception {
        String where = "cut at step " + step + " (" + outcome + ")";
        boolean old = bms.runs(oldRelease.image());
        boolean updated = bms.runs(newRelease.image());
        assertTrue(old || updated, where + ": no intact image");
        if (!updated) {
            assertEquals(Bootloader.Mode.BOOTLOADER, bms.bootloader.mode(), where + ": the old image must wait in the bootloader");
        }
        boolean waiting = bms.bootloader.mode() == Bootloader.Mode.BOOTLOADER;
        FirmwareFlasher.on(master).flash(request(newRelease, waiting ? "" : "2.0.0", false, !waiting));
        assertTrue(bms.runs(newRelease.image()), where + ": the re-flash did not complete");
        assertEquals(Bootloader.Mode.APPLICATION, bms.bootloader.mode(), where);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
