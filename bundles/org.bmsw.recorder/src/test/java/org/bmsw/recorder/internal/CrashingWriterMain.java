package org.bmsw.recorder.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.bmsw.recorder.RecordingInfo;
import org.bmsw.recorder.RecordingRequest;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.PackConfig;

/**
 * The child process of {@link CrashRecoveryTest}: records a cycling simulator as fast as it can until it is killed.
 * Prints the recording id, then a line per thousand snapshots handed over.
 */
public final class CrashingWriterMain {

    private CrashingWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Path records = Path.of(args[0]);
        DrivenLiveTelemetry live = new DrivenLiveTelemetry();
        RecorderImpl recorder = new RecorderImpl(live, Defaults.settings(), records);
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(24).capacityAh(50).initialSoc(0.5).seed(11).build());
        sim.runScenario("repeat 100 { discharge 50A for 20m; rest 5m; charge 50A for 20m; rest 5m }");
        SimulatedDevice device = new SimulatedDevice(sim, "/dev/ttyUSB0", 1,
                Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS));
        RecordingInfo info = recorder.start(new RecordingRequest("killed mid-write", Duration.ZERO, java.util.Set.of(), null));
        System.out.println("recording " + info.id());
        System.out.flush();
        for (long n = 1; ; n++) {
            live.publish(device, device.step(Duration.ofSeconds(1)));
            if (n % 1000 == 0) {
                System.out.println("published " + n);
                System.out.flush();
            }
        }
    }
}
