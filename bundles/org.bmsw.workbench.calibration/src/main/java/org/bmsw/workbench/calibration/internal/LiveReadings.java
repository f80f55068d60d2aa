package org.bmsw.workbench.calibration.internal;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.bmsw.core.LiveTelemetry;
import org.bmsw.core.TelemetryListener;
import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;
import org.bmsw.workbench.WorkbenchContext;
import org.bmsw.workbench.ui.Ui;
import org.bmsw.workbench.ui.ValueList;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;

/**
 * The readings a calibration depends on, live from the shared telemetry: current with its direction in this
 * program's sign (charging positive), SOC, mean cell voltage, every fitted probe. Only the latest snapshot is kept
 * and at most one hand-over to the UI thread is pending.
 */
final class LiveReadings implements TelemetryListener {

    static final List<String> ROWS = List.of("current", "soc", "cell", "temperatures");

    final ValueList values;
    private final WorkbenchContext context;
    private final Display display;
    private final AtomicReference<Telemetry> latest = new AtomicReference<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AutoCloseable subscription;
    private Locale locale;

    LiveReadings(Composite parent, LiveTelemetry live, WorkbenchContext context, Locale locale) {
        this.context = context;
        this.locale = locale;
        values = new ValueList(parent, ROWS, "–");
        values.setData(CalibrationPage.NAME, "live");
        display = parent.getDisplay();
        relabel(locale);
        context.session().flatMap(live::latest).ifPresent(latest::set);
        subscription = live.subscribe(this);
        values.addListener(SWT.Dispose, e -> Ui.closeQuietly(subscription));
        schedule();
    }

    void relabel(Locale l) {
        locale = l;
        values.relabel(key -> Messages.get(l, "live." + key));
        show();
    }

    @Override
    public void snapshot(DeviceSession session, Telemetry telemetry) {
        if (context.session().orElse(null) == session) {
            latest.set(telemetry);
            schedule();
        }
    }

    @Override
    public void sessionClosed(DeviceSession session, Exception reason) {
        latest.getAndUpdate(t -> t != null && t.identity().equals(session.identity()) ? null : t);
        schedule();
    }

    private void schedule() {
        if (pending.compareAndSet(false, true)) {
            Ui.later(display, values, () -> {
                pending.set(false);
                show();
            });
        }
    }

    /** UI thread. */
    private void show() {
        Telemetry t = latest.get();
        if (t == null || context.session().isEmpty()) {
            ROWS.forEach(k -> values.set(k, "–"));
            return;
        }
        double amps = t.pack().current();
        String direction = Messages.get(locale, amps > 0.05 ? "live.charging" : amps < -0.05 ? "live.discharging" : "live.rest");
        values.set("current", Double.isNaN(amps) ? "–" : String.format(Locale.ROOT, "%+.1f A  (%s)", amps, direction));
        double soc = t.pack().socPercent();
        values.set("soc", Double.isNaN(soc) ? "–" : String.format(Locale.ROOT, "%.1f %%", soc));
        double cell = t.cells().stream().mapToDouble(CellVoltage::volts).filter(Double::isFinite).average().orElse(Double.NaN);
        values.set("cell", Double.isNaN(cell) ? "–" : String.format(Locale.ROOT, "%.0f mV", cell * 1000));
        String probes = t.temperatures().stream().filter(Temperature::fitted)
                .map(p -> String.format(Locale.ROOT, "%s %.1f °C", p.label(), p.celsius())).collect(Collectors.joining("  "));
        values.set("temperatures", probes.isEmpty() ? "–" : probes);
    }
}
