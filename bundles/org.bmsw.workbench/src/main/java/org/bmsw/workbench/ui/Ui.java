package org.bmsw.workbench.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Widget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two directions between the UI thread and the rest: device work goes to a worker thread, results
 * come back with {@link Display#asyncExec} and are dropped when the widget that asked is gone.
 */
public final class Ui {

    private static final Logger LOG = LoggerFactory.getLogger(Ui.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Device I/O is serialised by the protocol anyway; a few threads keep file work from queueing behind it. */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bmsw-ui-worker-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private Ui() {
    }

    /** Work that may block; the result (or failure) is handed to {@code owner}'s UI thread unless it is disposed. */
    public static <T> void background(Widget owner, Callable<T> work, Consumer<T> done, Consumer<Exception> failed) {
        Display display = owner.getDisplay();
        WORKERS.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                later(display, owner, () -> failed.accept(e));
                return;
            }
            later(display, owner, () -> done.accept(result));
        });
    }

    /** Runs {@code task} on the UI thread, unless the display or {@code owner} is gone by then. Any thread. */
    public static void later(Display display, Widget owner, Runnable task) {
        if (display == null || display.isDisposed()) {
            return;
        }
        try {
            display.asyncExec(() -> {
                if (owner == null || !owner.isDisposed()) {
                    task.run();
                }
            });
        } catch (SWTException e) {
            LOG.debug("Display gone while handing over a UI task: {}", e.getMessage());
        }
    }

    /** Removes listeners and subscriptions; null handles are skipped, a failing one is logged and the rest still close. */
    public static void closeQuietly(AutoCloseable... handles) {
        for (AutoCloseable handle : handles) {
            try {
                if (handle != null) {
                    handle.close();
                }
            } catch (Exception e) {
                LOG.debug("Removing a listener failed", e);
            }
        }
    }
}
