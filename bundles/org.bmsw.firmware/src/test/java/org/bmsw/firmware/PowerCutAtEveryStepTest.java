package org.bmsw.firmware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bmsw.cli.internal.CliHarness;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.FirmwareUpdateSupport;
import org.bmsw.firmware.internal.FirmwareValidatorImpl;
import org.bmsw.protocol.xcp.XcpMaster;
import org.bmsw.protocol.xcp.XcpTimeouts;
import org.bmsw.protocol.xcp.XcpTransports;
import org.bmsw.protocol.xcp.target.Bootloader;
import org.bmsw.simulator.device.PowerCutPlan;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's Smart BMS loses power at every step of an update in turn (before each XCP packet of a whole
 * {@code bmsw flash}, then in the middle of each flash erase / program operation), deterministically: the device
 * always keeps an intact image and comes back either running it or waiting in its bootloader, and running the same
 * command again always completes with the new image running.
 */
class PowerCutAtEveryStepTest {

    private static final int SIZE = 1000;

    @TempDir
    Path dir;

    @Test
    void aPowerCutBeforeEveryXcpPacketAndInEveryFlashOperationEndsRecoverable() throws Exception {
        try (SimulatorOnPty sim = new SimulatorOnPty(dir, 0, false)) {
            long packetsBefore = sim.bootloader.xcpPackets();
            long operationsBefore = sim.flashOperations();
            flashCompletes(sim, "36-0-0");
            long packets = sim.bootloader.xcpPackets() - packetsBefore;
            long operations = sim.flashOperations() - operationsBefore;
            assertTrue(packets >= 12 && operations >= 6, packets + " packets, " + operations + " flash operations");

            List<String> outcomes = new ArrayList<>();
            int version = 1;
            for (long n = 1; n <= packets; n++) {
                outcomes.add("packet " + n + ": " + cutAndRecover(sim, new PowerCutPlan(PowerCutPlan.Kind.PACKET, null, n),
                        "36-0-" + version++));
            }
            for (long n = 1; n <= operations; n++) {
                outcomes.add("flash operation " + n + ": " + cutAndRecover(sim,
                        new PowerCutPlan(PowerCutPlan.Kind.FLASH_OPERATION, null, n), "36-0-" + version++));
            }
            System.out.println("power cut at every step of " + packets + " packets and " + operations
                    + " flash operations:\n  " + String.join("\n  ", outcomes));
        }
    }

    @Test
    void withOneSessionPerRunEveryCutStopsTheRunAndTheNextRunCompletes() throws Exception {
        try (SimulatorOnPty sim = new SimulatorOnPty(dir, 0, false);
             ByteLink link = new SerialTransport().openByteLink(LinkSettings.of("serial", sim.port(), 115_200))) {
            XcpMaster master = new XcpMaster(XcpTransports.modbus(link, 1), XcpTimeouts.openBlt().scaled(0.2).withRetries(0));
            FlashOptions once = FlashOptions.defaults().withRetries(0, 1).withBootloaderWait(Duration.ofSeconds(2));
            long before = sim.bootloader.xcpPackets();
            engineFlash(sim, link, master, once, "37-0-0");
            long packets = sim.bootloader.xcpPackets() - before;
            List<Long> completed = new ArrayList<>();
            for (long n = 1; n <= packets; n++) {
                PowerCutPlan plan = new PowerCutPlan(PowerCutPlan.Kind.PACKET, null, n);
                byte[] previous = sim.running(SIZE);
                sim.bootloader.planPowerCut(plan);
                String version = "37-0-" + n;
                try {
                    engineFlash(sim, link, master, once, version);
                    completed.add(n);
                } catch (FlashException e) {
                    awaitPower(sim);
                    byte[] now = sim.running(SIZE);
                    assertTrue(java.util.Arrays.equals(now, previous) || e.phase().compareTo(FlashPhase.COMMIT) >= 0,
                            plan.describe() + ": the old image is gone before the commit (" + e.getMessage() + ")");
                    engineFlash(sim, link, master, once, version);
                }
                awaitPower(sim);
                assertArrayEquals(SimulatorOnPty.application(version, SIZE), sim.running(SIZE), plan.describe());
            }
            // only two cuts let their run complete: before the first CONNECT (repeated until the bootloader answers,
            // within the bootloader wait) and before PROGRAM_RESET (the image is committed; silence is a valid answer)
            assertEquals(List.of(1L, packets), completed);
        }
    }

    /** The flashing engine alone, with the application asked into its bootloader when it runs. */
    private void engineFlash(SimulatorOnPty sim, ByteLink link, XcpMaster master, FlashOptions options, String version)
            throws Exception {
        Firmware fp = FirmwareImages.read(SimulatorOnPty.pack(dir, version + ".fp", SimulatorOnPty.MODEL, version,
                SimulatorOnPty.application(version, SIZE), null));
        var flashMap = sim.profile.definition().firmware().flashMap();
        ValidationSummary summary = new FirmwareValidatorImpl(sim.keys).validate(fp,
                new TargetDevice(SimulatorOnPty.MODEL, SimulatorOnPty.HARDWARE, flashMap, false, ""));
        DeviceSession session = sim.bootloader.mode() == Bootloader.Mode.APPLICATION ? sim.profile.connect(link, 1) : null;
        try {
            Optional<FirmwareUpdateSupport> application = session == null ? Optional.empty()
                    : session.capability(FirmwareUpdateSupport.class);
            FirmwareFlasher.on(master).flash(FlashRequest.of(summary, Set.of(), application).withOptions(options));
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    /** Flashes {@code version} with power lost once as planned; returns what happened, after checking the device. */
    private String cutAndRecover(SimulatorOnPty sim, PowerCutPlan plan, String version) throws Exception {
        byte[] previous = sim.running(SIZE);
        byte[] image = SimulatorOnPty.application(version, SIZE);
        Path fp = SimulatorOnPty.pack(dir, version + ".fp", SimulatorOnPty.MODEL, version, image, null);
        sim.bootloader.planPowerCut(plan);

        CliHarness.Result first = sim.flash(fp, "--yes", "--timeout", "200");

        assertTrue(first.code() == 0 || first.code() == 1, () -> plan.describe() + ": " + first);
        awaitPower(sim);
        assertTrue(sim.bootloader.bootloader().activeImage().isPresent(), plan.describe() + ": no intact image is left");
        byte[] now = sim.running(SIZE);
        assertTrue(java.util.Arrays.equals(now, previous) || java.util.Arrays.equals(now, image),
                plan.describe() + ": the intact image is neither the old nor the new one");
        String outcome;
        if (first.code() == 0) {
            assertArrayEquals(image, now, plan.describe() + ": reported flashed, but the new image does not run");
            outcome = "completed in the same run" + (first.out().contains("sessions") ? " (session started over)" : "");
        } else {
            assertTrue(first.err().contains("Flash again") || first.err().contains("Nothing was"), first::toString);
            Bootloader.Mode after = sim.bootloader.mode();
            flashCompletes(sim, fp);
            outcome = "failed, device " + after + " with the " + (java.util.Arrays.equals(now, image) ? "new" : "old")
                    + " image; flashing again completed";
        }
        assertArrayEquals(image, sim.running(SIZE));
        assertEquals(Bootloader.Mode.APPLICATION, sim.bootloader.mode());
        return outcome;
    }

    private void flashCompletes(SimulatorOnPty sim, String version) throws Exception {
        flashCompletes(sim, SimulatorOnPty.pack(dir, version + ".fp", SimulatorOnPty.MODEL, version,
                SimulatorOnPty.application(version, SIZE), null));
    }

    private static void flashCompletes(SimulatorOnPty sim, Path fp) {
        CliHarness.Result r = sim.flash(fp, "--yes", "--timeout", "200");
        assertEquals(0, r.code(), r::toString);
    }

    private static void awaitPower(SimulatorOnPty sim) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 3000;
        while (sim.bootloader.mode() == Bootloader.Mode.OFF && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(sim.bootloader.mode() != Bootloader.Mode.OFF, "the power did not come back");
    }
}
