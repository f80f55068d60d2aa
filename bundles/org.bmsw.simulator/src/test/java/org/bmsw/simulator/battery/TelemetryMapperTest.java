package org.bmsw.simulator.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.Flag;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.Severity;
import org.bmsw.device.api.Telemetry;
import org.junit.jupiter.api.Test;

class TelemetryMapperTest {

    static final DeviceIdentity ID = new DeviceIdentity("smartbms", "Smart BMS V4.0", "35-7-3", "", "", 1, false);

    @Test
    void telemetryCarriesTheSnapshot() {
        PackConfig config = PackConfig.smartBms(24).capacityAh(50).sohPercent(92).initialSoc(0.95).seed(3)
                .currentSensor(1.0, 0.3).build();
        BatterySimulator sim = new BatterySimulator(config, TestParams.lfp(24, "COVDelay", 2));
        sim.runScenario("charge 25A until cutoff for 2h");
        assertTrue(sim.runUntil(st -> st.isProtected(Protection.COV), Duration.ofHours(2)));
        SimulatorState s = sim.snapshot();
        Instant now = Instant.parse("2024-03-26T16:46:21Z");
        Telemetry t = TelemetryMapper.toTelemetry(s, ID, now);
        assertEquals(now, t.time());
        assertEquals(s.packVolts(), t.pack().voltage(), 0.0);
        assertEquals(s.measuredAmps(), t.pack().current(), 0.0, "the BMS reports what it measures");
        assertEquals(92, t.pack().sohPercent(), 0.0);
        assertEquals(50 * 0.92, t.pack().fullChargeCapacity(), 1e-9);
        assertEquals("LFP", t.pack().chemistry());
        assertEquals(24, t.cells().size());
        for (int i = 0; i < 24; i++) {
            assertEquals(s.cells().get(i).volts(), t.cells().get(i).volts(), 0.0);
            assertEquals(i + 1, t.cells().get(i).index());
        }
        assertEquals(s.maxCellVolts(), t.maxCell().orElseThrow().volts(), 0.0);
        assertEquals(s.maxCelsius(), t.maxTemperature().orElseThrow().celsius(), 0.0);
        FlagGroup protect = t.flagGroup(FlagGroup.PROTECT).orElseThrow();
        Flag cov = protect.flag("COVBit").orElseThrow();
        assertEquals(1, cov.level());
        assertEquals(Severity.FAULT, cov.severity());
        assertEquals(1, protect.active().size());
        Flag covAlarm = t.flagGroup(FlagGroup.ALARM).orElseThrow().flag("COV").orElseThrow();
        assertEquals(3, covAlarm.level(), "alarm level 3 (COV3 = COV) while the protection holds");
        FlagGroup status = t.flagGroup(FlagGroup.STATUS).orElseThrow();
        assertEquals(0, status.flag("CHGEN").orElseThrow().level());
        assertEquals(1, status.flag("DSGEN").orElseThrow().level());
        assertEquals(Severity.FAULT, t.severity());
        assertTrue(t.quantities().isEmpty(), "a Smart BMS reports no JDI quantities");
    }
}
