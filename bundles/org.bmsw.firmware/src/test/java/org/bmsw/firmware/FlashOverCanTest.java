package org.bmsw.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

import org.bmsw.device.api.FirmwareUpdateSupport.FlashRegion;
import org.bmsw.firmware.internal.FirmwareValidatorImpl;
import org.bmsw.protocol.xcp.XcpCanIds;
import org.bmsw.protocol.xcp.XcpMaster;
import org.bmsw.protocol.xcp.XcpTransports;
import org.bmsw.protocol.xcp.target.Bootloader;
import org.bmsw.protocol.xcp.target.FlashMap;
import org.bmsw.protocol.xcp.target.XcpSlaveConfig;
import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XCP on CAN through the real slcan transport on a pty, with the bus paced at 250 kbit/s. */
class FlashOverCanTest {

    static final FlashMap MAP = FlashMap.uniform(SimulatedBms.FLASH_START, 1024, 8);

    @TempDir
    Path dir;

    static FirmwareImage image(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return new FirmwareImage("app.bin", ImageFormat.BINARY, List.of(new Segment(SimulatedBms.FLASH_START, bytes)),
                OptionalLong.empty(), "");
    }

    static ValidationSummary validate(Path dir, FirmwareImage image) {
        List<FlashRegion> regions = MAP.sectors().stream().map(s -> new FlashRegion(s.address(), s.size())).toList();
        return new FirmwareValidatorImpl(dir.resolve("keys")).validate(image, new TargetDevice("BI5132", "B", regions, false, ""));
    }

    @Test
    void aBootloaderWaitingOnCanIsFlashedInMasterBlocksAndAgainWithoutThem() throws Exception {
        for (XcpSlaveConfig config : List.of(XcpSlaveConfig.can(), XcpSlaveConfig.can().withoutBlockMode())) {
            Path busDir = java.nio.file.Files.createDirectories(dir.resolve("bus" + config.maxBsPgm()));
            try (SimulatedCanBms bms = new SimulatedCanBms(busDir, MAP, config, 250_000);
                 CanLink link = bms.openLink()) {
                FirmwareImage image = image(config.maxBsPgm(), 5000);
                assertEquals(Bootloader.Mode.BOOTLOADER, bms.bootloader.mode());
                FlashReport report = FirmwareFlasher.on(XcpMaster.on(XcpTransports.can(link, XcpCanIds.OPENBLT)))
                        .flash(FlashRequest.of(validate(dir, image), Set.of(Check.IDENTITY), Optional.empty()));
                assertEquals(Bootloader.Mode.APPLICATION, bms.bootloader.mode());
                assertTrue(java.util.Arrays.equals(image.segments().get(0).data(), bms.bootloader.readActive(SimulatedBms.FLASH_START, 5000)));
                assertTrue(report.verification().startsWith("CRC_32"), report.verification());
            }
        }
    }

    @Test
    void aPowerCutWhileProgrammingOverCanLeavesTheOldImageAndFlashingAgainCompletes() throws Exception {
        try (SimulatedCanBms bms = new SimulatedCanBms(dir, MAP, XcpSlaveConfig.can(), 250_000); CanLink link = bms.openLink()) {
            FirmwareImage old = image(1, 3000);
            FirmwareImage fresh = image(2, 3000);
            bms.bootloader.install(Map.of(SimulatedBms.FLASH_START, old.segments().get(0).data()));
            bms.bootloader.requestBootloader();
            XcpMaster master = new XcpMaster(XcpTransports.can(link, XcpCanIds.OPENBLT), FlashEndToEndTest.FAST.withRetries(0));
            FlashRequest request = FlashRequest.of(validate(dir, fresh), Set.of(Check.IDENTITY), Optional.empty())
                    .withOptions(FlashOptions.defaults().withRetries(0, 1).withBootloaderWait(Duration.ofMillis(300)));
            FlashException e = assertThrows(FlashException.class, () -> FirmwareFlasher.on(master).flash(request.withListener(p -> {
                if (p.phase() == FlashPhase.PROGRAM && p.bytesDone() > 1000) {
                    bms.slave.powerCut();
                }
            })));
            assertEquals(FlashPhase.PROGRAM, e.phase(), e.getMessage());
            bms.slave.powerOn();
            assertEquals(Bootloader.Mode.BOOTLOADER, bms.bootloader.mode());
            assertTrue(java.util.Arrays.equals(old.segments().get(0).data(), bms.bootloader.readActive(SimulatedBms.FLASH_START, 3000)));
            FirmwareFlasher.on(master).flash(request);
            assertTrue(java.util.Arrays.equals(fresh.segments().get(0).data(), bms.bootloader.readActive(SimulatedBms.FLASH_START, 3000)));
        }
    }

    @Test
    void theBusModelCountsStuffBits() {
        // 8 zero bytes: long dominant runs, a stuff bit every 5; alternating bytes stuff nothing in the data field
        long zeros = SimulatedCanBms.frameBits(CanFrame.data(0x667, false, new byte[8]));
        long alternating = SimulatedCanBms.frameBits(CanFrame.data(0x667, false, new byte[] {0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55}));
        assertTrue(alternating >= 47 + 64 && alternating <= 47 + 64 + 4, "alternating data: " + alternating);
        assertTrue(zeros >= alternating + 12, zeros + " vs " + alternating);
    }
}
