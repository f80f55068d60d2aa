package org.bmsw.simulator.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.FirmwareUpdateSupport;
import org.bmsw.device.api.FirmwareUpdateSupport.FlashRegion;
import org.bmsw.device.api.WriteTarget;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.bmsw.protocol.xcp.ConnectInfo;
import org.bmsw.protocol.xcp.XcpCommand;
import org.bmsw.protocol.xcp.XcpException;
import org.bmsw.protocol.xcp.XcpMaster;
import org.bmsw.protocol.xcp.XcpTimeouts;
import org.bmsw.protocol.xcp.XcpTransports;
import org.bmsw.protocol.xcp.target.Bootloader;
import org.bmsw.schema.ParameterSchemas;
import org.bmsw.simulator.bus.LineTiming;
import org.bmsw.simulator.bus.PtyEndpoint;
import org.bmsw.simulator.bus.VirtualBus;
import org.bmsw.simulator.bus.VirtualDevice;
import org.bmsw.simulator.bus.VirtualDeviceOptions;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootloader of a simulated Smart BMS, from the host's side of a real pty pair: entered through the profile's
 * firmware write, told from the application by XCP answering while the register probe does not, programmed with
 * OpenBLT's XCP sequence, keeping the old image through a power cut, and starting the new application, which
 * reports its version and keeps the parameters.
 */
class SimulatedBootloaderTest {

    private static final String MAP = "/org/bmsw/profile/smartbms/smartbms-v4.profile.json";
    private static final String PARAMETERS = "/org/bmsw/profile/smartbms/smartbms-v4.parameters.json";
    private static final Duration PROBE = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private RegisterDeviceProfile profile;
    private VirtualDevice device;
    private SimulatedBootloader bootloader;
    private VirtualBus bus;
    private PtyEndpoint pty;
    private ByteLink link;
    private XcpMaster xcp;
    private long flashStart;

    @BeforeEach
    void start() throws Exception {
        try (InputStream in = getClass().getResourceAsStream(MAP)) {
            profile = new RegisterDeviceProfile(new RegisterProfileLoader().load(MAP, in),
                    ParameterSchemas.load(getClass().getResource(PARAMETERS)));
        }
        device = new VirtualDevice(profile, 1, VirtualDeviceOptions.defaults());
        bootloader = device.bootloader().orElseThrow();
        bootloader.powerOffFor(Duration.ofMillis(100));
        bus = new VirtualBus(List.of(device), new LineTiming(0, 10, Duration.ZERO), FaultPlan.NONE, Optional.empty(), 1.0);
        pty = PtyEndpoint.start(bus, dir.resolve("bms"));
        link = new SerialTransport().openByteLink(LinkSettings.of("serial", pty.address(), 115_200));
        xcp = new XcpMaster(XcpTransports.modbus(link, 1), XcpTimeouts.openBlt().withConnect(Duration.ofMillis(100), 3));
        flashStart = profile.definition().firmware().flashMap().get(0).start();
    }

    @AfterEach
    void stop() {
        link.close();
        pty.close();
        bus.close();
    }

    @Test
    void theFlashMapIsTheProfilesCutIntoSectors() {
        List<FlashRegion> declared = profile.definition().firmware().flashMap();
        assertEquals(declared, bootloader.map().regions());
        assertEquals(15, bootloader.map().sectors().size(), "240 KiB in 16 KiB sectors");
        assertEquals(Bootloader.Mode.APPLICATION, bootloader.mode());
        assertEquals("35-7-3", bootloader.runningVersion());
    }

    @Test
    void theEntryWriteRestartsIntoABootloaderThatAnswersXcpAndNoRegisters() throws Exception {
        assertTrue(profile.probe(link, 1, PROBE).isPresent(), "the application answers the probe");
        XcpException refused = assertThrows(XcpException.class, xcp::connect);
        assertEquals(DeviceException.Reason.REJECTED, refused.reason(), "the application refuses function 109 at once");

        try (DeviceSession session = profile.connect(link, 1)) {
            session.capability(FirmwareUpdateSupport.class).orElseThrow().enterBootloader();
        }
        assertEquals(Bootloader.Mode.BOOTLOADER, bootloader.mode());
        assertTrue(profile.probe(link, 1, PROBE).isEmpty(), "a waiting bootloader does not answer the register probe");
        ConnectInfo info = xcp.connect();
        assertTrue(info.programming(), "the bootloader offers programming");
        assertEquals(251, info.maxCto());
    }

    @Test
    void aNewImageRunsAfterProgramResetWithItsVersionAndTheParametersKept() throws Exception {
        double cov;
        try (DeviceSession session = profile.connect(link, 1)) {
            cov = session.parameters().read(List.of("COV")).get("COV").value() - 50;
            session.parameters().write(Map.of("COV", cov), WriteTarget.PERSISTENT);
            session.capability(FirmwareUpdateSupport.class).orElseThrow().enterBootloader();
        }
        byte[] image = SimulatedFirmware.image("35-8-0", 20_000);
        program(image);
        xcp.programReset();

        assertEquals(Bootloader.Mode.APPLICATION, bootloader.mode());
        assertArrayEquals(image, bootloader.bootloader().readActive(flashStart, image.length));
        assertEquals("35-8-0", bootloader.runningVersion());
        try (DeviceSession session = profile.connect(link, 1)) {
            assertEquals("35-8-0", session.identity().firmwareVersion(), "the new application reports its version");
            assertEquals(cov, session.parameters().read(List.of("COV")).get("COV").value(), 1e-9, "parameters survive");
        }
    }

    @Test
    void aPowerCutWhileProgrammingKeepsTheOldImageAndTheDeviceInItsBootloaderUntilAFlashCompletes() throws Exception {
        byte[] factory = bootloader.bootloader().readActive(flashStart, 16 * 1024);
        bootloader.enterBootloader();
        bootloader.planPowerCut(PowerCutPlan.parse("PROGRAM_MAX#10"));
        byte[] image = SimulatedFirmware.image("36-0-0", 8_000);
        xcp = new XcpMaster(xcp.transport(), xcp.timeouts().withRetries(0));
        XcpException lost = assertThrows(XcpException.class, () -> program(image));
        assertEquals(DeviceException.Reason.TIMEOUT, lost.reason(), "a device without power does not answer");

        awaitMode(Bootloader.Mode.BOOTLOADER);
        assertArrayEquals(factory, bootloader.bootloader().readActive(flashStart, factory.length), "the old image is intact");
        assertEquals("35-7-3", bootloader.runningVersion());
        assertTrue(profile.probe(link, 1, PROBE).isEmpty(), "after the cut the device waits in its bootloader");

        program(image);
        xcp.programReset();
        assertEquals(Bootloader.Mode.APPLICATION, bootloader.mode());
        assertEquals("36-0-0", bootloader.runningVersion());
    }

    @Test
    void aTornFlashOperationCutsThePowerToo() throws Exception {
        bootloader.enterBootloader();
        bootloader.planPowerCut(PowerCutPlan.parse("flash-op=3"));
        xcp = new XcpMaster(xcp.transport(), xcp.timeouts().withRetries(0));
        assertThrows(XcpException.class, () -> program(SimulatedFirmware.image("36-0-1", 4_000)));
        awaitMode(Bootloader.Mode.BOOTLOADER);
        assertEquals("35-7-3", SimulatedFirmware.version(bootloader.bootloader().readActive(flashStart, 16 * 1024)).orElseThrow());
    }

    @Test
    void powerCutPlansReadAsTheCommandLineWritesThem() {
        assertEquals(new PowerCutPlan(PowerCutPlan.Kind.COMMAND, XcpCommand.PROGRAM_MAX, 3), PowerCutPlan.parse("program_max#3"));
        assertEquals(new PowerCutPlan(PowerCutPlan.Kind.COMMAND, XcpCommand.PROGRAM_CLEAR, 1), PowerCutPlan.parse("PROGRAM_CLEAR"));
        assertEquals(new PowerCutPlan(PowerCutPlan.Kind.PACKET, null, 12), PowerCutPlan.parse("packet=12"));
        assertEquals(new PowerCutPlan(PowerCutPlan.Kind.FLASH_OPERATION, null, 5), PowerCutPlan.parse("flash-op=5"));
        assertEquals("before the 3rd PROGRAM_MAX", PowerCutPlan.parse("PROGRAM_MAX#3").describe());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PowerCutPlan.parse("ERASE"));
        assertTrue(e.getMessage().contains("ERASE is no XCP command"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PowerCutPlan.parse("packet=0"));
        assertThrows(IllegalArgumentException.class, () -> PowerCutPlan.parse("byte=4"));
    }

    @Test
    void versionsAreReadFromTheImageAndReportedAsTheMapsNumbers() {
        assertEquals(Optional.of("1.4.0"), SimulatedFirmware.version(SimulatedFirmware.image("1.4.0", 1024)));
        assertEquals(Optional.empty(), SimulatedFirmware.version(new byte[4096]));
        assertEquals("1-4-0", SimulatedBootloader.reportable("V1.4.0-rc2"));
        assertEquals(SimulatedFirmware.UNKNOWN_VERSION, SimulatedBootloader.reportable("beta"));
        assertThrows(IllegalArgumentException.class, () -> SimulatedFirmware.image("1.0", 100));
    }

    /** OpenBLT's sequence up to the commit: CONNECT, PROGRAM_START, PROGRAM_CLEAR, PROGRAM_MAX, checksum, PROGRAM 0. */
    private void program(byte[] image) throws XcpException {
        ConnectInfo info = xcp.connect();
        xcp.programStart();
        xcp.programClear(flashStart, image.length);
        xcp.program(flashStart, image);
        assertTrue(xcp.checksum(flashStart, image.length).matches(image, 0, image.length, info.littleEndian()));
        xcp.programEnd();
    }

    private void awaitMode(Bootloader.Mode mode) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 3000;
        while (bootloader.mode() != mode && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(mode, bootloader.mode());
    }
}
