package org.bmsw.recorder.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.bmsw.core.LiveTelemetry;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.recorder.RecordingRequest;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.transport.api.TransportProvider;

/**
 * The recorder's components as DS creates them, for tests in other packages and bundles (the Records page): default
 * settings, recordings in {@code records}; and recordings of the battery simulator made on a simulated clock.
 */
public final class Recorders {

    private Recorders() {
    }

    public static RecorderImpl create(LiveTelemetry live, Path records) {
        return new RecorderImpl(live, Defaults.settings(), records);
    }

    public static void stop(RecorderImpl recorder) {
        recorder.deactivate();
    }

    public static TransportProvider replayTransport(RecorderImpl recorder) {
        return new ReplayTransport(recorder);
    }

    public static DeviceProfile replayProfile() {
        return new ReplayProfile();
    }

    /**
     * Records a simulated Smart BMS ({@code cells} cells, 40 Ah, LFP) running {@code scenario} for {@code length} at one
     * snapshot a second, as if it had been recorded from {@code start} on (serial port /dev/ttyUSB0, address 1).
     *
     * @return the recording's id
     */
    public static String synthesize(Path records, String name, int cells, String scenario, Duration length, Instant start)
            throws Exception {
        DrivenLiveTelemetry driven = new DrivenLiveTelemetry();
        RecorderImpl recorder = new RecorderImpl(driven, Defaults.settings(), records);
        try {
            SimulatedDevice device = new SimulatedDevice(new BatterySimulator(PackConfig.smartBms(cells).capacityAh(40)
                    .initialSoc(0.9).seed(5).build()), "/dev/ttyUSB0", 1, start);
            device.simulator().runScenario(scenario);
            String id = recorder.start(new RecordingRequest(name, Duration.ZERO, Set.of(), null)).id();
            for (long s = 0; s < length.toSeconds(); s++) {
                driven.publish(device, device.step(Duration.ofSeconds(1)));
            }
            recorder.stop(id);
            return id;
        } finally {
            recorder.deactivate();
        }
    }
}
