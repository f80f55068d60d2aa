package org.bmsw.workbench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.bmsw.core.internal.CoreFixture;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.workbench.internal.pages.OverviewPage;
import org.bmsw.workbench.ui.ValueList;
import org.eclipse.swt.widgets.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connecting at start: the simulator the desktop set names as default port is for a first start only. When the
 * device used last is not there the window says so; it never shows a simulated pack that could be taken for it.
 */
class StartConnectionTest {

    @TempDir
    Path dir;

    @Test
    void aMissingLastDeviceIsReportedNotReplacedByTheSimulator() throws Exception {
        String unplugged = "serial:" + dir.resolve("unplugged-adapter");
        try (CoreFixture core = new CoreFixture(500, new SerialTransport());
             WindowHarness harness = new WindowHarness(core, dir.resolve("data"), Map.of("port", unplugged,
                     "defaultPort", "sim:smartbms.v4", "autoConnect", true))) {
            harness.await("the last port tried", 5_000, () -> harness.controller.target().isPresent());
            // the last port is tried for three seconds (bundles may be late); the simulator would come after that
            Thread.sleep(4_500);
            assertEquals(unplugged, harness.controller.target().orElseThrow().port().text(), "the port still shown");
            assertTrue(harness.controller.session().isEmpty());
            String status = harness.ui(() -> WindowHarness.<Label>find(harness.mainShell(), ConnectionBar.NAME, "status")
                    .getText());
            assertTrue(status.contains("unplugged-adapter") && !status.contains("sim:"), status);
        }
    }

    /**
     * The first snapshot is the one read while connecting; it can reach the overview before the window knows the
     * session is its own. It is drawn all the same, not dropped to wait for the next poll (here 20 s away).
     */
    @Test
    void theSnapshotReadWhileConnectingIsDrawnWithoutWaitingForTheNextPoll() throws Exception {
        try (SimulatedBms bms = SimulatedBms.smartBms(dir, 16, 3);
             CoreFixture core = new CoreFixture(20_000, new SerialTransport(), bms.profile);
             WindowHarness harness = new WindowHarness(core, dir.resolve("data"), Map.of("port",
                     "serial:" + bms.hostPort(), "autoConnect", true))) {
            harness.await("the device connected", 10_000, () -> harness.controller.session().isPresent());
            harness.await("the first snapshot on the overview", 5_000, () -> !WindowHarness.<ValueList>find(
                    harness.mainShell(), OverviewPage.FIELD, "values").text("voltage").equals("–"));
        }
    }
}
