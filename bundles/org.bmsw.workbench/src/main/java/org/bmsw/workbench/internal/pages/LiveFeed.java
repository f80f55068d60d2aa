package org.bmsw.workbench.internal.pages;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.bmsw.core.LiveTelemetry;
import org.bmsw.core.TelemetryListener;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.workbench.WorkbenchContext;
import org.bmsw.workbench.ui.Ui;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Live telemetry of the window's device for one page. Snapshots arrive on the polling thread; at most one
 * hand-over to the UI thread is pending, which draws the live telemetry's latest snapshot, so a slow UI never
 * queues up work. A hidden page is not drawn: it draws the latest snapshot when it is shown. {@code null}
 * tells the page there is no device (disconnected or lost).
 */
final class LiveFeed implements TelemetryListener {

    private final LiveTelemetry live;
    private final WorkbenchContext context;
    private final Control control;
    private final Display display;
    private final Consumer<Telemetry> render;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AutoCloseable subscription;
    private final AutoCloseable contextWatch;
    /** UI thread only. */
    private Telemetry shown;
    private DeviceSession shownSession;

    LiveFeed(LiveTelemetry live, WorkbenchContext context, Control control, Consumer<Telemetry> render) {
        this.live = live;
        this.context = context;
        this.control = control;
        this.display = control.getDisplay();
        this.render = render;
        this.subscription = live.subscribe(this);
        this.contextWatch = context.onChange(this::schedule);
        // a tab shows its page by showing the page's body: listen up to there
        for (Control c = control; c != null && !(c instanceof Shell); c = c.getParent()) {
            c.addListener(SWT.Show, e -> Ui.later(display, control, this::flush));
            if (c.getParent() instanceof CTabFolder) {
                break;
            }
        }
        control.addListener(SWT.Dispose, e -> close());
        schedule();
    }

    /**
     * Only a hand-over: the snapshot is taken from the live telemetry when drawn. A session's first snapshot can
     * arrive before the window knows the session is its own; the context's change draws it then.
     */
    @Override
    public void snapshot(DeviceSession session, Telemetry telemetry) {
        if (context.session().orElse(null) == session) {
            schedule();
        }
    }

    private void schedule() {
        if (pending.compareAndSet(false, true)) {
            Ui.later(display, control, this::flush);
        }
    }

    /** UI thread. */
    void flush() {
        pending.set(false);
        if (control.isDisposed() || !control.isVisible()) {
            return;
        }
        DeviceSession session = context.session().orElse(null);
        if (session != shownSession) {
            shownSession = session;
            shown = null;
            render.accept(null);
        }
        Telemetry t = session == null ? null : live.latest(session).orElse(null);
        if (t != null && t != shown) {
            shown = t;
            render.accept(t);
        }
    }

    void close() {
        Ui.closeQuietly(subscription, contextWatch);
    }
}
