package org.bmsw.workbench.firmware.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.bmsw.core.TelemetryListener;
import org.bmsw.core.internal.CoreFixture;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.firmware.FpPackageBuilder;
import org.bmsw.firmware.PayloadFormat;
import org.bmsw.firmware.internal.FirmwareValidatorImpl;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.bmsw.protocol.xcp.target.Bootloader;
import org.bmsw.schema.ParameterSchemas;
import org.bmsw.simulator.bus.LineTiming;
import org.bmsw.simulator.bus.PtyEndpoint;
import org.bmsw.simulator.bus.VirtualBus;
import org.bmsw.simulator.bus.VirtualDevice;
import org.bmsw.simulator.bus.VirtualDeviceOptions;
import org.bmsw.simulator.device.FaultPlan;
import org.bmsw.simulator.device.SimulatedBootloader;
import org.bmsw.simulator.device.SimulatedFirmware;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.workbench.internal.WindowHarness;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Firmware page in the real window on Xvfb (the workbench's WindowHarness, the page added as the whiteboard adds
 * it), connected through the connection bar to bmsw simulate's Smart BMS V4.0 with its bootloader on a pty: an FP
 * package is checked, confirmed and flashed with progress to the end; a package for another model is refused with
 * nothing sent; a flash cancelled mid-way leaves the device in its bootloader with its old image.
 */
class FirmwarePageTest {

    private static final String MAP = "/org/bmsw/profile/smartbms/smartbms-v4.profile.json";
    private static final String PARAMETERS = "/org/bmsw/profile/smartbms/smartbms-v4.parameters.json";
    /** Widget data key of the connection bar's fields (the workbench's ConnectionBar.NAME). */
    private static final String BAR = "bmsw.field";
    private static final long FLASH_START = 0x0800_4000L;

    @TempDir
    Path dir;

    private VirtualBus bus;
    private PtyEndpoint pty;
    private SimulatedBootloader bootloader;
    private CoreFixture core;
    private WindowHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
        if (core != null) {
            core.close();
        }
        if (pty != null) {
            pty.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    /** The simulated Smart BMS (its line paced at {@code baud}, 0 = unpaced), the window connected to it, the page shown. */
    private void start(int baud) throws Exception {
        RegisterDeviceProfile profile;
        try (InputStream in = getClass().getResourceAsStream(MAP)) {
            profile = new RegisterDeviceProfile(new RegisterProfileLoader().load(MAP, in),
                    ParameterSchemas.load(getClass().getResource(PARAMETERS)));
        }
        VirtualDevice device = new VirtualDevice(profile, 1, VirtualDeviceOptions.defaults());
        bootloader = device.bootloader().orElseThrow();
        bus = new VirtualBus(List.of(device), new LineTiming(baud, 10, Duration.ZERO), FaultPlan.NONE, Optional.empty(), 1.0);
        pty = PtyEndpoint.start(bus, dir.resolve("bms"));
        core = new CoreFixture(500, new SerialTransport(), profile);
        harness = new WindowHarness(core, dir.resolve("data"), Map.of());
        harness.addPage(new FirmwarePage(harness.controller, new FirmwareValidatorImpl(dir.resolve("keys")), core.live), 500);
        harness.run(() -> {
            this.<Combo>bar("port").setText("serial:" + pty.address());
            this.<Combo>bar("baud").setText("115200");
            this.<Button>bar("connect").notifyListeners(SWT.Selection, new Event());
        });
        harness.await("the device connected", 10_000, () -> harness.controller.session().isPresent());
        harness.run(() -> harness.showPage("firmware"));
    }

    @Test
    void anFpPackageIsCheckedConfirmedAndFlashedWithProgressToTheEnd() throws Exception {
        start(115_200);
        byte[] image = SimulatedFirmware.image("35-8-0", 24_000);
        Path fp = pack("app.fp", "SMARTBMS-V4", "35-8-0", image);
        checkFile(fp);
        harness.await("the flash button", 10_000, () -> this.<Button>page("firmware.flash").isEnabled());
        assertEquals("The image may be flashed onto this device.", harness.ui(() -> this.<Label>page("firmware.summary").getText()));
        String[] model = row("MODEL");
        assertEquals("SMARTBMS-V4", model[1]);
        assertEquals("SMARTBMS-V4", model[2]);
        assertEquals("OK", model[3]);
        assertEquals("35-7-3", row("DOWNGRADE")[2], "the version the device runs");

        Shell dialog = pressFlash();
        String question = harness.ui(() -> ((Label) dialog.getChildren()[0]).getText());
        assertTrue(question.contains("app.fp (24000 bytes, version 35-8-0)"), question);
        assertTrue(question.contains("backed up first and restored"), question);
        // polls that reach the device in its bootloader fail: the page pauses them for as long as it flashes
        List<String> failedPolls = new CopyOnWriteArrayList<>();
        AutoCloseable polls = core.live.subscribe(new TelemetryListener() {
            @Override
            public void snapshot(DeviceSession session, Telemetry telemetry) {
            }

            @Override
            public void pollFailed(DeviceSession session, Exception error) {
                failedPolls.add(error.getMessage());
            }
        });
        harness.run(() -> this.<Button>in(dialog, "firmware.confirm.yes").notifyListeners(SWT.Selection, new Event()));

        harness.await("the result", 60_000, () -> this.<Label>page("firmware.result").getText().startsWith("Flashed"));
        polls.close();
        assertEquals(List.of(), failedPolls, "no telemetry poll while flashing");
        String result = harness.ui(() -> this.<Label>page("firmware.result").getText());
        assertTrue(result.contains("Flashed app.fp: 24000 bytes"), result);
        assertTrue(result.contains("verified by CRC_32"), result);
        assertTrue(result.contains("Parameter backup: "), result);
        assertEquals(1000, (int) harness.ui(() -> this.<ProgressBar>page("firmware.progress").getSelection()));
        String last = harness.ui(() -> this.<Label>page("firmware.progressLine").getText());
        assertTrue(last.startsWith("Done  100.0 %  24,000 / 24,000 B"), last);
        assertEquals("35-8-0", bootloader.runningVersion());
        harness.await("the window connected again, to the new firmware", 10_000, () -> harness.controller.session()
                .map(s -> s.identity().firmwareVersion().equals("35-8-0")).orElse(false));
        assertArrayEquals(image, bootloader.bootloader().readActive(FLASH_START, image.length));
        try (Stream<Path> backups = Files.list(dir.resolve("data").resolve("backups"))) {
            assertEquals(1, backups.count());
        }
    }

    @Test
    void aPackageForAnotherModelIsRefusedAndNothingIsSent() throws Exception {
        start(0);
        byte[] before = bootloader.bootloader().memory().contents();
        checkFile(pack("jdi.fp", "BI5132", "35-8-0", SimulatedFirmware.image("35-8-0", 4_000)));
        harness.await("the refusal", 10_000, () -> this.<Label>page("firmware.summary").getText().startsWith("Refused"));
        String[] model = row("MODEL");
        assertTrue(model[3].startsWith("Refused: the package is for model BI5132"), model[3]);
        assertFalse(harness.ui(() -> this.<Button>page("firmware.flash").isEnabled()));

        Path older = pack("old.fp", "SMARTBMS-V4", "35-6-0", SimulatedFirmware.image("35-6-0", 4_000));
        checkFile(older);
        harness.await("the downgrade question", 10_000, () -> this.<Button>page("firmware.allowDowngrade").isVisible());
        assertFalse(harness.ui(() -> this.<Button>page("firmware.flash").isEnabled()), "a downgrade needs its box ticked");
        harness.run(() -> {
            Button allow = page("firmware.allowDowngrade");
            allow.setSelection(true);
            allow.notifyListeners(SWT.Selection, new Event());
        });
        assertTrue(harness.ui(() -> this.<Button>page("firmware.flash").isEnabled()));

        assertArrayEquals(before, bootloader.bootloader().memory().contents(), "nothing was erased or written");
        assertEquals(Bootloader.Mode.APPLICATION, bootloader.mode());
    }

    @Test
    void aCancelledFlashLeavesTheDeviceInItsBootloaderWithItsOldImage() throws Exception {
        start(115_200);
        byte[] old = bootloader.bootloader().readActive(FLASH_START, 16 * 1024);
        checkFile(pack("app.fp", "SMARTBMS-V4", "35-8-0", SimulatedFirmware.image("35-8-0", 80_000)));
        harness.await("the flash button", 10_000, () -> this.<Button>page("firmware.flash").isEnabled());
        Shell dialog = pressFlash();
        harness.run(() -> this.<Button>in(dialog, "firmware.confirm.yes").notifyListeners(SWT.Selection, new Event()));
        harness.await("programming under way, with its rate and time left", 30_000, () ->
                this.<ProgressBar>page("firmware.progress").getSelection() > 100
                        && this.<Label>page("firmware.progressLine").getText().matches("Programming .* B  [0-9.]+ kB/s  \\d+ s left"));
        harness.run(() -> this.<Button>page("firmware.cancel").notifyListeners(SWT.Selection, new Event()));
        harness.await("the cancellation", 30_000, () -> this.<Label>page("firmware.result").getText().startsWith("Cancelled"));
        String result = harness.ui(() -> this.<Label>page("firmware.result").getText());
        assertTrue(result.contains("waits in its bootloader"), result);
        assertEquals(Bootloader.Mode.BOOTLOADER, bootloader.mode());
        assertArrayEquals(old, bootloader.bootloader().readActive(FLASH_START, old.length), "the old image is intact");
    }

    @Test
    void everyStringIsInEnglishAndSimplifiedChinese() throws Exception {
        Properties english = properties("messages.properties");
        Properties chinese = properties("messages_zh.properties");
        assertEquals(english.stringPropertyNames(), chinese.stringPropertyNames());
        for (String key : chinese.stringPropertyNames()) {
            assertFalse(chinese.getProperty(key).isBlank(), key);
        }
        assertEquals("固件", PageMessages.get(Locale.SIMPLIFIED_CHINESE, "page.title"));
        assertEquals("Firmware", PageMessages.get(Locale.ENGLISH, "page.title"));
    }

    private static Properties properties(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = FirmwarePage.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private Path pack(String name, String model, String version, byte[] image) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, new FpPackageBuilder().model(model).hardwareRevision("V4.0").firmwareVersion(version)
                .payload(PayloadFormat.BINARY, image, OptionalLong.of(FLASH_START)).build(name).toBytes());
        return file;
    }

    private void checkFile(Path file) {
        harness.run(() -> {
            this.<Text>page("firmware.path").setText(file.toString());
            this.<Button>page("firmware.check").notifyListeners(SWT.Selection, new Event());
        });
    }

    /** Presses Flash (its confirmation is modal, so the press is queued) and returns the confirmation once it shows. */
    private Shell pressFlash() throws InterruptedException {
        harness.later(() -> this.<Button>page("firmware.flash").notifyListeners(SWT.Selection, new Event()));
        harness.await("the confirmation", 10_000, () -> !harness.dialogs().isEmpty());
        return harness.ui(() -> harness.dialogs().get(0));
    }

    /** The cells of the validation row of {@code check}. */
    private String[] row(String check) {
        return harness.ui(() -> {
            for (TableItem item : this.<Table>page("firmware.validation").getItems()) {
                if (check.equals(item.getData(FirmwarePage.ACTION))) {
                    return new String[] {item.getText(0), item.getText(1), item.getText(2), item.getText(3)};
                }
            }
            throw new AssertionError("no validation row " + check);
        });
    }

    private <W extends Control> W page(String action) {
        return in(harness.mainShell(), action);
    }

    private <W extends Control> W in(Control root, String action) {
        W w = WindowHarness.find(root, FirmwarePage.ACTION, action);
        assertNotNull(w, "no control " + action);
        return w;
    }

    private <W extends Control> W bar(String name) {
        W w = WindowHarness.find(harness.mainShell(), BAR, name);
        assertNotNull(w, "no bar control " + name);
        return w;
    }
}
