package org.bmsw.recorder.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bmsw.core.LiveTelemetry;
import org.bmsw.core.TelemetryListener;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;

/**
 * Live telemetry whose polls the test performs: it hands each snapshot to the subscribers exactly as the core's
 * poller does, but at the pace of the simulated clock instead of the wall clock.
 */
final class DrivenLiveTelemetry implements LiveTelemetry {

    private final List<TelemetryListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public AutoCloseable subscribe(TelemetryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public Optional<Telemetry> latest(DeviceSession session) {
        return Optional.empty();
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(1);
    }

    @Override
    public AutoCloseable pause(DeviceSession session) {
        throw new UnsupportedOperationException("the recorder never pauses polling");
    }

    int subscribers() {
        return listeners.size();
    }

    void publish(DeviceSession session, Telemetry telemetry) {
        for (TelemetryListener l : listeners) {
            l.snapshot(session, telemetry);
        }
    }
}
