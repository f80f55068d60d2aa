package org.bmsw.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RateGateTest {

    private static final long MS = 1_000_000;

    @Test
    void admitsOneSnapshotPerIntervalAndDevice() {
        RateGate gate = new RateGate(Duration.ofSeconds(1));
        List<Long> admitted = new ArrayList<>();
        for (long t = 0; t <= 3000; t += 200) {
            if (gate.admit("a", t * MS)) {
                admitted.add(t);
            }
        }
        assertEquals(List.of(0L, 1000L, 2000L, 3000L), admitted);
        assertTrue(gate.admit("b", 3000 * MS), "another device has its own interval");
    }

    @Test
    void aJitteredPollAtTheIntervalIsNotSkipped() {
        RateGate gate = new RateGate(Duration.ofSeconds(1));
        long[] arrivals = {0, 997, 2004, 2998, 4001, 4996};
        for (long t : arrivals) {
            assertTrue(gate.admit("a", t * MS), "poll at " + t + " ms");
        }
    }

    @Test
    void earlyAdmissionsNeverAddUpToAFasterRate() {
        RateGate gate = new RateGate(Duration.ofSeconds(1));
        int admitted = 0;
        for (long t = 0; t < 600_000; t += 50) {
            if (gate.admit("a", t * MS)) {
                admitted++;
            }
        }
        // one per second on a grid that never drifts: 0 s, then 0.9 s, 1.9 s ... 599.9 s
        assertEquals(601, admitted, "ten minutes of 20 Hz snapshots at a 1 s minimum interval");
    }

    @Test
    void zeroIntervalAdmitsEverySnapshot() {
        RateGate gate = new RateGate(Duration.ZERO);
        assertTrue(gate.admit("a", 0));
        assertTrue(gate.admit("a", 0));
    }

    @Test
    void aDeviceThatComesBackIsPublishedAtOnce() {
        RateGate gate = new RateGate(Duration.ofSeconds(10));
        assertTrue(gate.admit("a", 0));
        assertFalse(gate.admit("a", 1000 * MS));
        gate.forget("a");
        assertTrue(gate.admit("a", 1100 * MS));
    }
}
