package org.bmsw.workbench.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bmsw.core.internal.CoreFixture;
import org.bmsw.device.api.AccessLevel;
import org.bmsw.simulator.battery.Alarm;
import org.bmsw.simulator.battery.Relay;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;

/**
 * Takes the README's screenshots: the real window on the X display in {@code DISPLAY}, connected to the
 * simulated Smart BMS over a real pty, one PNG of the whole screen per page ({@code import -window root}).
 * Run by {@code scripts/screenshots.sh}; not a test.
 */
public final class ScreenshotTour {

    private ScreenshotTour() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots").toAbsolutePath();
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("bmsw-screenshots");
        Files.createDirectories(work.resolve("jdi"));
        try (SimulatedBms bms = SimulatedBms.smartBms(work, 24, 3);
             SimulatedBms jdi = SimulatedBms.jdi(work.resolve("jdi"), 64, 48, 16);
             CoreFixture core = new CoreFixture(500, new SerialTransport(), bms.profile, jdi.profile)) {
            bms.battery.setCurrentDemand(-18.5);
            bms.battery.forceAlarm(Alarm.VDIFF, 1);
            bms.speed(60);
            WindowHarness harness = new WindowHarness(core, work.resolve("data"), Map.of("port",
                    "serial:" + bms.hostPort(), "autoConnect", true, "windowX", 0, "windowY", 0, "windowWidth", 1280,
                    "windowHeight", 900));
            try {
                harness.await("live telemetry", 15_000, () -> harness.controller.session().isPresent());
                TimeUnit.SECONDS.sleep(25); // the charts gather about 25 minutes of simulated time
                bms.speed(1);
                shoot(harness, out, "overview", "overview");
                shoot(harness, out, "cells", "cells");
                harness.run(() -> harness.showPage("parameters"));
                harness.await("parameters read", 10_000, () -> WindowHarness.find(harness.window.shell(),
                        "bmsw.action", "group.SYSTEM") != null);
                TimeUnit.SECONDS.sleep(2);
                harness.run(() -> {
                    org.eclipse.swt.widgets.Table protect = WindowHarness.find(harness.window.shell(), "bmsw.action",
                            "group.PROTECT");
                    org.eclipse.swt.custom.CTabFolder groups = (org.eclipse.swt.custom.CTabFolder) protect.getParent();
                    for (var item : groups.getItems()) {
                        if (item.getControl() == protect) {
                            groups.setSelection(item);
                        }
                    }
                    harness.parameters.enterValue("COVR", "3500");
                    harness.parameters.enterValue("CUV", "1500");
                    harness.parameters.enterValue("PowerDownEn", "0");
                });
                shoot(harness, out, "parameters", "parameters");
                harness.run(() -> harness.parameters.enterValue("CUV", "2600"));
                harness.run(() -> press(harness.window.shell(), "write"));
                TimeUnit.SECONDS.sleep(3);
                capture(out.resolve("parameters-write.png"));
                harness.run(() -> harness.dialogs().forEach(d -> d.close()));
                harness.run(() -> press(harness.window.shell(), "revert"));
                harness.run(() -> harness.showPage("controls"));
                harness.run(() -> {
                    Text address = WindowHarness.find(harness.window.shell(), "bmsw.action", "register.address");
                    address.setText("0x1100");
                    press(harness.window.shell(), "register.read");
                });
                TimeUnit.SECONDS.sleep(2);
                capture(out.resolve("controls.png"));
                shoot(harness, out, "system", "system");
                harness.run(() -> press(harness.window.shell(), "language.zh"));
                shoot(harness, out, "overview", "overview-zh");
                shoot(harness, out, "parameters", "parameters-zh");
                harness.run(() -> press(harness.window.shell(), "language.en"));

                // a JDI BI5148 with one BMU: 64 cells in two modules, insulation, supply voltages, relays
                jdi.battery.runSeconds(3);
                jdi.battery.setCurrentDemand(-42.5);
                jdi.battery.runSeconds(600);
                jdi.battery.setRelay(Relay.RL6, true);
                harness.controller.disconnect();
                harness.await("disconnected", 5_000, () -> harness.controller.session().isEmpty());
                harness.run(() -> {
                    org.eclipse.swt.widgets.Combo port = WindowHarness.find(harness.window.shell(), ConnectionBar.NAME, "port");
                    port.setText("serial:" + jdi.hostPort());
                    press(harness.window.shell(), "connect");
                });
                harness.await("the JDI connected", 15_000, () -> harness.controller.session().isPresent());
                jdi.speed(30);
                TimeUnit.SECONDS.sleep(15);
                jdi.speed(1);
                shoot(harness, out, "overview", "overview-jdi");
                shoot(harness, out, "cells", "cells-jdi");
                shoot(harness, out, "parameters", "parameters-jdi");
                harness.controller.setUnlocked(AccessLevel.USER);
            } finally {
                harness.close();
            }
        }
        System.out.println("Screenshots in " + out);
        System.exit(0);
    }

    private static void shoot(WindowHarness harness, Path out, String page, String name) throws Exception {
        harness.run(() -> harness.showPage(page));
        TimeUnit.SECONDS.sleep(2);
        capture(out.resolve(name + ".png"));
    }

    private static void press(Control root, String action) {
        Control target = WindowHarness.find(root, "bmsw.action", action);
        if (target == null) {
            target = WindowHarness.find(root, ConnectionBar.NAME, action);
        }
        if (target instanceof Button button) {
            button.notifyListeners(SWT.Selection, null);
        } else {
            throw new IllegalStateException("no button " + action);
        }
    }

    private static void capture(Path file) throws Exception {
        Process p = new ProcessBuilder("import", "-window", "root", file.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("import failed for " + file);
        }
        System.out.println("  " + file.getFileName() + String.format(Locale.ROOT, " (%d kB)", Files.size(file) / 1024));
    }
}
