package org.bmsw.launcher.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;


import org.bmsw.branding.Branding;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The desktop set (headless + workbench) boots and shows its window on a real X server. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DesktopFeatureIT extends FeatureSetIT {

    @Configuration
    public Option[] config() {
        XServer.ensureRunning();
        return Distribution.options(Distribution.newPluginsDir(), "desktop");
    }

    @Test
    public void theWindowIsVisibleWithTheBrandedTitleAndItsPages() throws InterruptedException {
        Display display = uiDisplay();
        AtomicReference<String> title = new AtomicReference<>();
        AtomicReference<List<String>> tabs = new AtomicReference<>(List.of());
        long deadline = System.currentTimeMillis() + 10_000;
        while (tabs.get().isEmpty() && System.currentTimeMillis() < deadline) {
            display.syncExec(() -> {
                for (Shell shell : display.getShells()) {
                    if (shell.isVisible()) {
                        title.set(shell.getText());
                        for (Control child : shell.getChildren()) {
                            if (child instanceof CTabFolder folder) {
                                tabs.set(List.of(folder.getItems()).stream().map(i -> i.getText()).toList());
                            }
                        }
                    }
                }
            });
            Thread.sleep(100);
        }
        assertEquals(Branding.get().productName() + " " + Branding.get().version(), title.get());
        assertTrue("the System page is contributed as a whiteboard service: " + tabs.get(), tabs.get().contains("System"));
    }

    /** The workbench's UI thread owns the display; tests go through it, never create their own. */
    static Display uiDisplay() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().equals("bmsw-ui")) {
                    Display display = Display.findDisplay(thread);
                    if (display != null && answers(display)) {
                        return display;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no workbench UI thread with a display within 10 s");
    }

    /** A display is findable while its constructor still runs; it is usable once it runs a task. */
    private static boolean answers(Display display) {
        try {
            display.syncExec(() -> { });
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
