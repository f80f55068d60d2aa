package org.bmsw.profile.smartbms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.Severity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.bmsw.profile.modbus.TelemetryDecoder;
import org.bmsw.profile.modbus.TelemetryEncoder;
import org.junit.jupiter.api.Test;

/**
 * The shipped map decodes the manual's main screen. The register values are written here by hand,
 * from the documented map (README), not produced by the code under test.
 */
class SmartBmsMapTest {

    private static final int[] MANUAL_CELLS_MV = {3290, 3290, 3291, 3291, 3290, 3293, 3305, 3296, 3291, 3290, 3303, 3299,
            3299, 3299, 3299, 3300, 3298, 3298, 3314, 3297, 3299, 3298, 3301, 3296};

    static RegisterProfile load() throws Exception {
        try (InputStream in = SmartBmsMapTest.class.getResourceAsStream("smartbms-v4.profile.json")) {
            return new RegisterProfileLoader().load("smartbms-v4.profile.json", in);
        }
    }

    /** The manual's screenshot: 29 %, 79.12 V, 0 A, FCC 50 Ah, RC 14.5 Ah, 24 S LFP, fw 35-7-3, T05/T06 -40. */
    static int[] manualScreen() {
        int[] r = new int[72];
        r[0] = 290;            // SOC 29.0 %
        r[1] = 7912;           // 79.12 V
        r[2] = 0;              // 0.0 A
        r[3] = 500;            // FCC 50.0 Ah
        r[4] = 145;            // RC 14.5 Ah
        r[5] = 0;              // cycles
        r[6] = 0;
        r[7] = 0;              // run time
        r[8] = 0;              // LFP
        r[9] = 24;             // cells
        r[16] = 35;
        r[17] = 7;
        r[18] = 3;             // firmware 35-7-3
        r[22] = 0b11;          // DSGEN, CHGEN
        System.arraycopy(MANUAL_CELLS_MV, 0, r, 32, 24);
        int[] tenthsC = {297, 286, 275, 274, -400, -400, -400, -400};
        for (int i = 0; i < 8; i++) {
            r[64 + i] = tenthsC[i] & 0xFFFF;
        }
        return r;
    }

    @Test
    void decodesTheManualsMainScreen() throws Exception {
        RegisterProfile profile = load();
        Telemetry t = new TelemetryDecoder(profile).decode(Map.of("main", manualScreen()),
                new DeviceIdentity("smartbms.v4", "SMARTBMS-V4", "35-7-3", "", "", 1, false), Instant.EPOCH);
        assertEquals(29.0, t.pack().socPercent(), 1e-9);
        assertEquals(79.12, t.pack().voltage(), 1e-9);
        assertEquals(0.0, t.pack().current(), 1e-9);
        assertEquals(50.0, t.pack().fullChargeCapacity(), 1e-9);
        assertEquals(14.5, t.pack().remainingCapacity(), 1e-9);
        assertEquals("LFP", t.pack().chemistry());
        assertEquals(24, t.cells().size());
        assertEquals(3.314, t.maxCell().orElseThrow().volts(), 1e-9);
        assertEquals(19, t.maxCell().orElseThrow().index(), "Vmax is B19 in the manual");
        assertEquals(3.290, t.minCell().orElseThrow().volts(), 1e-9);
        assertEquals(29.7, t.maxTemperature().orElseThrow().celsius(), 1e-9);
        assertEquals(27.4, t.minTemperature().orElseThrow().celsius(), 1e-9);
        assertEquals(List.of(true, true, true, true, false, false, false, false),
                t.temperatures().stream().map(x -> x.fitted()).toList(), "T05.. read -40: not fitted");
        assertTrue(t.pack().chargeEnabled() && t.pack().dischargeEnabled());
        assertEquals(Severity.NORMAL, t.severity());
        assertEquals("35-7-3", new TelemetryDecoder(profile).firmwareVersion(Map.of("main", manualScreen())));
    }

    @Test
    void decodesSignedCurrentAlarmLevelsAndProtectionBits() throws Exception {
        RegisterProfile profile = load();
        int[] r = manualScreen();
        r[2] = (-523) & 0xFFFF;          // discharging 52.3 A
        r[19] = 0b10 << 2;               // COV (2nd alarm) at level 2
        r[20] = 0b11 << ((14 - 8) * 2);  // SC (15th alarm) at level 3
        r[21] = 1 << 8;                  // CUVBit (9th protect bit)
        r[23] = 1 << 6;                  // cell 7 balancing
        Telemetry t = new TelemetryDecoder(profile).decode(Map.of("main", r),
                new DeviceIdentity("smartbms.v4", "SMARTBMS-V4", "", "", "", 1, false), Instant.EPOCH);
        assertEquals(-52.3, t.pack().current(), 1e-9);
        FlagGroup alarm = t.flagGroup(FlagGroup.ALARM).orElseThrow();
        assertEquals(2, alarm.flag("COV").orElseThrow().level());
        assertEquals(3, alarm.flag("SC").orElseThrow().level());
        assertEquals(0, alarm.flag("TOV").orElseThrow().level());
        assertEquals(List.of("CUVBit"), t.flagGroup(FlagGroup.PROTECT).orElseThrow().active().stream().map(f -> f.key()).toList());
        assertEquals(Severity.FAULT, t.severity());
        assertTrue(t.cells().get(6).balancing());
        assertFalse(t.cells().get(5).balancing());
        assertEquals(16, t.flagGroup(FlagGroup.PROTECT).orElseThrow().flags().size(), "the manual's 16 protection bits");
    }

    @Test
    void encodingTheDecodedManualScreenGivesBackTheSameRegisters() throws Exception {
        RegisterProfile profile = load();
        int[] registers = manualScreen();
        registers[19] = 0b10 << 2;
        registers[21] = 1 << 8;
        registers[23] = 1 << 6;
        Telemetry t = new TelemetryDecoder(profile).decode(Map.of("main", registers),
                new DeviceIdentity("smartbms.v4", "SMARTBMS-V4", "", "", "", 1, false), Instant.EPOCH);
        int[] encoded = new TelemetryEncoder(profile).encode(t, "35-7-3").get("main");
        assertEquals(java.util.Arrays.toString(registers), java.util.Arrays.toString(encoded));
        assertEquals("SMARTBMS-V4", org.bmsw.profile.modbus.FieldCodec.ascii(new TelemetryEncoder(profile).identification()));
    }
}
