package org.bmsw.workbench.internal;

import java.util.concurrent.CompletableFuture;

import org.bmsw.branding.Branding;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Display;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI thread and its SWT display, started as soon as the workbench bundle is. Making the display (the
 * start of GTK, a few hundred milliseconds) so overlaps with the rest of the program starting instead of
 * waiting for the services the window needs. Every widget lives on this thread; its event loop runs until
 * the bundle stops.
 */
@Component(service = UiThread.class, immediate = true)
public class UiThread {

    private static final Logger LOG = LoggerFactory.getLogger(UiThread.class);

    private final CompletableFuture<Display> display = new CompletableFuture<>();
    private final Thread thread;

    @Activate
    public UiThread() {
        thread = new Thread(this::run, "bmsw-ui");
        thread.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        execute(() -> Display.getCurrent().dispose());
        thread.join(5_000);
        if (thread.isAlive()) {
            LOG.error("The UI thread did not end within 5 s of the workbench stopping");
        }
    }

    /**
     * Runs {@code task} on the UI thread once the display exists; never once it is gone. Any thread.
     *
     * @return false when the task will never run: the display could not be made or is gone
     */
    boolean execute(Runnable task) {
        Display now = display.getNow(null);
        if (display.isCompletedExceptionally() || now != null && now.isDisposed()) {
            return false;
        }
        display.thenAccept(d -> {
            try {
                if (!d.isDisposed()) {
                    d.asyncExec(task);
                }
            } catch (SWTException e) {
                LOG.debug("Display gone while handing over a UI task: {}", e.getMessage());
            }
        });
        return true;
    }

    private void run() {
        Display d;
        try {
            Display.setAppName(Branding.get().productName());
            d = new Display();
        } catch (RuntimeException | Error e) {
            LOG.error("The workbench window cannot open: no display ({}); is DISPLAY set?", e.getMessage(), e);
            display.completeExceptionally(e);
            return;
        }
        display.complete(d);
        try {
            while (!d.isDisposed()) {
                try {
                    if (!d.readAndDispatch()) {
                        d.sleep();
                    }
                } catch (RuntimeException e) {
                    // one failed task (a page's bug) must not end the window for every other page
                    LOG.error("A task on the UI thread failed", e);
                }
            }
        } finally {
            if (!d.isDisposed()) {
                d.dispose();
            }
        }
    }
}
