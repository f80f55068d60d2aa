package org.bmsw.recorder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bmsw.device.api.Telemetry;
import org.bmsw.recorder.CapacityTrend;
import org.bmsw.recorder.Cycle;
import org.bmsw.recorder.Cycle.Kind;
import org.bmsw.recorder.CycleOptions;
import org.bmsw.recorder.FlagEvent;
import org.bmsw.recorder.Recording;
import org.bmsw.recorder.RecordingInfo;
import org.bmsw.recorder.RecordingRequest;
import org.bmsw.device.api.Severity;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.BmsParameters;
import org.bmsw.simulator.battery.Chemistry;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.simulator.battery.SimulatorState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real simulator, through the recorder's live path, into a file, and back as cycles. */
class CycleRecordingTest {

    /** Simulated time starts yesterday: recent enough for the default retention of a year. */
    static final Instant EPOCH = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path data;

    final DrivenLiveTelemetry live = new DrivenLiveTelemetry();
    RecorderImpl recorder;

    @BeforeEach
    void createRecorder() {
        recorder = new RecorderImpl(live, Defaults.settings(), data.resolve("records"));
    }

    @AfterEach
    void stopRecorder() {
        recorder.deactivate();
    }

    @Test
    void chargeRestDischargeGivesItsPhasesAndAmpHoursWithinOnePercent() throws Exception {
        // 24 cells, 50 Ah nominal at 90 % health: 45 Ah to count against
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(24).capacityAh(50).sohPercent(90).initialSoc(0.15).seed(7).build());
        SimulatedDevice device = new SimulatedDevice(sim, "/dev/ttyUSB0", 1, EPOCH);
        RecordingInfo started = recorder.start(new RecordingRequest("capacity test", Duration.ofSeconds(1), Set.of(), null));
        assertEquals(RecordingInfo.State.RECORDING, started.state());
        assertEquals(1, live.subscribers(), "subscribed while recording");

        sim.runScenario("rest 10m; charge 20A until soc>=95% for 4h; rest 30m; discharge 30A until soc<=10% for 4h; rest 20m");
        long seconds = 0;
        long[] stepEnds = new long[5];
        int lastStep = 0;
        while (!sim.snapshot().scenario().finished()) {
            Telemetry t = device.step(Duration.ofSeconds(1));
            live.publish(device, t);
            seconds++;
            int step = sim.snapshot().scenario().stepIndex();
            if (step != lastStep) {
                stepEnds[lastStep] = seconds;
                lastStep = step;
            }
        }
        stepEnds[4] = seconds;
        SimulatorState end = sim.snapshot();
        RecordingInfo stopped = recorder.stop(started.id());
        assertEquals(0, live.subscribers(), "unsubscribed when no recording runs");
        assertEquals(RecordingInfo.State.FINISHED, stopped.state());
        assertEquals(seconds, stopped.samples(), "one sample per simulated second");
        assertEquals(device.key(), stopped.devices().get(0).key());

        try (Recording r = recorder.open(started.id())) {
            List<Cycle> cycles = r.cycles(device.key());
            assertEquals(List.of(Kind.REST, Kind.CHARGE, Kind.REST, Kind.DISCHARGE, Kind.REST),
                    cycles.stream().map(Cycle::kind).toList(), cycles.toString());
            Cycle charge = cycles.get(1);
            Cycle discharge = cycles.get(3);
            // the simulator's own coulomb count (the BMS's measured current; its sensor is exact here)
            assertEquals(end.measuredChargedAh(), charge.ampHoursIn(), end.measuredChargedAh() * 0.01, "Ah in");
            assertEquals(end.measuredDischargedAh(), discharge.ampHoursOut(), end.measuredDischargedAh() * 0.01, "Ah out");
            assertEquals(end.chargedWh(), charge.wattHoursIn(), end.chargedWh() * 0.01, "Wh in");
            assertEquals(end.dischargedWh(), discharge.wattHoursOut(), end.dischargedWh() * 0.01, "Wh out");
            assertTrue(charge.ampHoursOut() < 0.01 && discharge.ampHoursIn() < 0.01, "no current the wrong way");
            // phase boundaries where the scenario switched steps (± 2 s of sampling)
            assertEquals(stepEnds[1] - stepEnds[0], charge.duration().toSeconds(), 2, "charge duration");
            assertEquals(stepEnds[3] - stepEnds[2], discharge.duration().toSeconds(), 2, "discharge duration");
            // in whole seconds: assertEquals(long, long, delta) would compare floats, 128 s apart at today's epoch
            long startOffset = Duration.between(EPOCH.plusSeconds(stepEnds[0]), charge.start()).toSeconds();
            assertTrue(Math.abs(startOffset) <= 2, "the charge starts where the rest ends, not " + startOffset + " s off");
            assertTrue(charge.endSoc() >= 94.9 && discharge.endSoc() <= 10.1, charge + " / " + discharge);
            assertTrue(charge.maxCell() > charge.minCell() && charge.maxSpread() > 0 && charge.maxTemperature() > 20);
            assertTrue(charge.protections().isEmpty(), "no protection in a gentle cycle: " + charge.protections());
            assertEquals(30, discharge.peakCurrent(), 1e-6);

            CapacityTrend trend = r.capacityTrend(device.key(), CycleOptions.defaults());
            assertEquals(50, trend.nominalAh(), 1e-6, "nominal = FCC / SOH of the first snapshot");
            assertEquals(2, trend.points().size(), "the charge and the discharge both swing > 50 % SOC");
            for (CapacityTrend.Point p : trend.points()) {
                assertEquals(45, p.capacityAh(), 45 * 0.02, p.toString());
                assertEquals(90, p.sohPercent(), 2, p.toString());
            }
            assertEquals(90, trend.sohPercent(), 2);
        }
    }

    @Test
    void recordsAtTheChosenIntervalAndSeparatesDevices() throws Exception {
        SimulatedDevice a = new SimulatedDevice(new BatterySimulator(PackConfig.smartBms(16).seed(1).build()), "/dev/ttyUSB0", 1, EPOCH);
        SimulatedDevice b = new SimulatedDevice(new BatterySimulator(PackConfig.smartBms(24).seed(2).build()), "/dev/ttyUSB0", 2, EPOCH);
        SimulatedDevice c = new SimulatedDevice(new BatterySimulator(PackConfig.smartBms(8).seed(3).build()), "/dev/ttyUSB1", 1, EPOCH);
        RecordingInfo everyFive = recorder.start(new RecordingRequest("every 5 s", Duration.ofSeconds(5), Set.of(), null));
        RecordingInfo onlyC = recorder.start(new RecordingRequest("only c", Duration.ZERO, Set.of(c.key()), null));
        for (int s = 0; s < 600; s++) {
            for (SimulatedDevice d : List.of(a, b, c)) {
                live.publish(d, d.step(Duration.ofSeconds(1)));
            }
        }
        RecordingInfo five = recorder.stop(everyFive.id());
        RecordingInfo one = recorder.stop(onlyC.id());
        assertEquals(3, five.devices().size());
        assertEquals(Set.of(a.key(), b.key(), c.key()), Set.copyOf(five.devices().stream().map(d -> d.key()).toList()),
                "same address on two ports, two addresses on one port: three devices");
        for (var d : five.devices()) {
            assertEquals(120, d.samples(), d.key() + ": 600 s at 5 s");
        }
        assertEquals(1, one.devices().size());
        assertEquals(600, one.samples());
        try (Recording r = recorder.open(everyFive.id())) {
            List<Telemetry> samples = r.samples(b.key(), null, null);
            assertEquals(120, samples.size());
            assertEquals(24, samples.get(0).cells().size());
            assertEquals(Duration.ofSeconds(5), Duration.between(samples.get(0).time(), samples.get(1).time()));
        }
    }

    @Test
    void protectionEventsCarryTheCellsAroundThemAndMarkTheirCycle() throws Exception {
        Map<String, Double> params = BmsParameters.defaultsWith(Chemistry.LFP, 24, Map.of("COVDelay", 2.0));
        BatterySimulator sim = new BatterySimulator(PackConfig.smartBms(24).capacityAh(50).initialSoc(0.93).seed(3).build(), params);
        SimulatedDevice device = new SimulatedDevice(sim, "/dev/ttyUSB0", 1, EPOCH);
        RecordingInfo info = recorder.start(RecordingRequest.everything("overcharge"));
        sim.runScenario("charge 25A until cutoff for 2h; rest 10m");
        while (!sim.snapshot().scenario().finished()) {
            live.publish(device, device.step(Duration.ofSeconds(1)));
        }
        recorder.stop(info.id());
        try (Recording r = recorder.open(info.id())) {
            List<FlagEvent> events = r.events();
            FlagEvent cov = events.stream().filter(e -> e.key().equals("PROTECT.COVBit") && e.raised()).findFirst()
                    .orElseThrow(() -> new AssertionError("no COV protection event in " + events));
            assertEquals(Severity.FAULT, cov.severity());
            assertEquals(device.key(), cov.device());
            assertTrue(events.stream().anyMatch(e -> e.key().equals("ALARM.COV") && e.toLevel() == 1
                    && e.time().isBefore(cov.time())), "alarm level 1 before the protection: " + events);
            assertFalse(events.stream().anyMatch(e -> e.group().equals("STATUS")), "status flags are not events");

            List<Telemetry> around = r.around(cov, Duration.ofSeconds(30));
            assertEquals(61, around.size(), "30 s before to 30 s after at 1 s");
            Telemetry at = around.stream().filter(t -> t.time().equals(cov.time())).findFirst().orElseThrow();
            assertTrue(at.maxCell().orElseThrow().volts() >= 3.65, "a cell above COV when it tripped: " + at.maxCell());
            assertEquals(1, at.flagGroup("PROTECT").orElseThrow().flag("COVBit").orElseThrow().level());
            assertEquals(0, around.get(0).flagGroup("PROTECT").orElseThrow().flag("COVBit").orElseThrow().level());

            List<Cycle> cycles = r.cycles(device.key());
            Cycle charge = cycles.stream().filter(c -> c.kind() == Kind.CHARGE).findFirst().orElseThrow();
            assertTrue(charge.protections().contains("PROTECT.COVBit"), charge.toString());
            assertTrue(charge.alarms().contains("ALARM.COV"), charge.toString());
            assertTrue(charge.maxCell() >= 3.65);
        }
    }
}
