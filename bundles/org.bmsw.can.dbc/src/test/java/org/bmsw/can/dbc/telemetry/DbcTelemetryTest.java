package org.bmsw.can.dbc.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.bmsw.can.dbc.Dbc;
import org.bmsw.can.dbc.DbcFormatException;
import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.Flag;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.device.api.PackState;
import org.bmsw.device.api.Quantity;
import org.bmsw.device.api.Severity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;
import org.bmsw.transport.api.CanFrame;
import org.junit.jupiter.api.Test;

/** The BMSW_Field mapping: a snapshot encoded into frames decodes back to the same snapshot. */
class DbcTelemetryTest {

    private static final String DBC = String.join("\n",
            "BU_: BMS",
            "BO_ 2566849011 Pack: 8 BMS",
            " SG_ Voltage : 0|16@1+ (0.1,0) [0|6553.4] \"V\" Vector__XXX",
            " SG_ Current : 16|16@1- (0.1,0) [-3276.8|3276.7] \"A\" Vector__XXX",
            " SG_ Cells : 32|8@1+ (1,0) [0|254] \"\" Vector__XXX",
            " SG_ Model : 40|8@1+ (1,0) [0|254] \"\" Vector__XXX",
            " SG_ Heat : 48|1@1+ (1,0) [0|1] \"\" Vector__XXX",
            " SG_ Cov : 49|2@1+ (1,0) [0|3] \"\" Vector__XXX",
            " SG_ Insulation : 51|13@1+ (1,0) [0|8190] \"kOhm\" Vector__XXX",
            "BO_ 2566849267 Cells: 8 BMS",
            " SG_ Page M : 0|8@1+ (1,0) [0|255] \"\" Vector__XXX",
            " SG_ C1 m0 : 8|16@1+ (0.001,0) [0|65.534] \"V\" Vector__XXX",
            " SG_ C2 m0 : 24|16@1+ (0.001,0) [0|65.534] \"V\" Vector__XXX",
            " SG_ C3 m1 : 8|16@1+ (0.001,0) [0|65.534] \"V\" Vector__XXX",
            " SG_ T1 m1 : 24|8@1+ (1,-40) [-40|214] \"degC\" Vector__XXX",
            " SG_ T2 m1 : 32|8@1+ (1,-40) [-40|214] \"degC\" Vector__XXX",
            "BA_DEF_ SG_ \"BMSW_Field\" STRING ;",
            "BA_DEF_ BO_ \"GenMsgCycleTime\" INT 0 65535;",
            "BA_ \"GenMsgCycleTime\" BO_ 2566849011 100;",
            "BA_ \"BMSW_Field\" SG_ 2566849011 Voltage \"pack.voltage\";",
            "BA_ \"BMSW_Field\" SG_ 2566849011 Current \"pack.current\";",
            "BA_ \"BMSW_Field\" SG_ 2566849011 Cells \"pack.cellCount\";",
            "BA_ \"BMSW_Field\" SG_ 2566849011 Model \"device.model\";",
            "BA_ \"BMSW_Field\" SG_ 2566849011 Heat \"flag.RELAY.RL4\";",
            "BA_ \"BMSW_Field\" SG_ 2566849011 Cov \"flag.ALARM.COV\";",
            "BA_ \"BMSW_Field\" SG_ 2566849011 Insulation \"quantity.insulation.positive\";",
            "BA_ \"BMSW_Field\" SG_ 2566849267 C1 \"cell.1.voltage\";",
            "BA_ \"BMSW_Field\" SG_ 2566849267 C2 \"cell.2.voltage\";",
            "BA_ \"BMSW_Field\" SG_ 2566849267 C3 \"cell.3.voltage\";",
            "BA_ \"BMSW_Field\" SG_ 2566849267 T1 \"temperature.1\";",
            "BA_ \"BMSW_Field\" SG_ 2566849267 T2 \"temperature.2\";",
            "VAL_ 2566849011 Model 16 \"BI5116\" 32 \"BI5132\";",
            "");

    private static Telemetry snapshot() {
        DeviceIdentity identity = new DeviceIdentity("x", "BI5132", "", "", "", 1, false);
        PackState pack = new PackState(Double.NaN, Double.NaN, 10.1, -12.3, Double.NaN, Double.NaN, -1, -1, "", 3, false, false);
        LocalizedText l = LocalizedText.of("x");
        return new Telemetry(Instant.EPOCH, identity, pack,
                List.of(new CellVoltage(1, 0, 3.301, false), new CellVoltage(2, 0, 3.302, false), new CellVoltage(3, 0, 3.303, false)),
                List.of(new Temperature(1, 0, "T01", 25, true), new Temperature(2, 0, "T02", Double.NaN, false)),
                List.of(new FlagGroup("RELAY", l, List.of(new Flag("RL4", l, 1, Severity.NORMAL))),
                        new FlagGroup("ALARM", l, List.of(new Flag("COV", l, 2, Severity.WARNING)))),
                List.of(new Quantity("insulation.positive", l, 4321, "kΩ", "insulation", false)));
    }

    @Test
    void aSnapshotSurvivesTheRoundTripThroughFrames() throws Exception {
        DbcTelemetry definition = DbcTelemetry.of(Dbc.parse("t.dbc", DBC), TelemetryCatalog.NONE);
        var frames = definition.encoder().encode(snapshot());
        assertEquals(List.of(1, 2), frames.values().stream().map(List::size).toList(), "two pages of cells");
        FrameTelemetryDecoder decoder = definition.decoder();
        frames.values().forEach(list -> list.forEach(f -> assertTrue(decoder.accept(f.receivedAt(System.nanoTime())))));
        Telemetry t = decoder.snapshot(new DeviceIdentity("x", decoder.valueName("device.model", System.nanoTime())
                .orElseThrow(), "", "", "", 1, false), Instant.EPOCH, System.nanoTime());
        assertEquals("BI5132", t.identity().model());
        assertEquals(10.1, t.pack().voltage(), 1e-9);
        assertEquals(-12.3, t.pack().current(), 1e-9);
        assertEquals(List.of(3.301, 3.302, 3.303), t.cells().stream().map(CellVoltage::volts).toList());
        assertEquals(25, t.temperatures().get(0).celsius(), 1e-9);
        assertFalse(t.temperatures().get(1).fitted(), "255 = not fitted");
        assertEquals(1, t.flagGroup("RELAY").orElseThrow().flag("RL4").orElseThrow().level());
        assertEquals(2, t.flagGroup("ALARM").orElseThrow().flag("COV").orElseThrow().level());
        assertEquals(Severity.WARNING, t.severity(), "ALARM flags warn by default");
        assertEquals(4321, t.quantity("insulation.positive").orElseThrow().value(), 1e-9);
        assertTrue(Double.isNaN(t.pack().socPercent()), "a value no frame carries is NaN");
        assertFalse(decoder.accept(CanFrame.data(0x123, false, (byte) 1)), "other frames are not telemetry");
    }

    @Test
    void staleValuesAreNotShown() throws Exception {
        DbcTelemetry definition = DbcTelemetry.of(Dbc.parse("t.dbc", DBC), TelemetryCatalog.NONE);
        FrameTelemetryDecoder decoder = definition.decoder();
        long then = System.nanoTime();
        definition.encoder().encode(snapshot()).values().forEach(l -> l.forEach(f -> decoder.accept(f.receivedAt(then))));
        long later = then + 600_000_000L; // the 100 ms message is stale (3 cycles, at least 0.5 s), the 1 s one is not
        assertTrue(Double.isNaN(decoder.snapshot(snapshot().identity(), Instant.EPOCH, later).pack().voltage()));
        assertEquals(3, decoder.snapshot(snapshot().identity(), Instant.EPOCH, later).cells().size(), "cells from page count");
        assertEquals(List.of("Pack"), decoder.staleMessages(later));
        assertFalse(decoder.anyFresh(then + 4_000_000_000L));
    }

    @Test
    void unknownOrDuplicateFieldsAreRefusedNamingTheSignal() {
        DbcFormatException unknown = assertThrows(DbcFormatException.class, () -> DbcTelemetry.of(Dbc.parse("t.dbc",
                DBC.replace("\"pack.current\"", "\"pack.amps\"")), TelemetryCatalog.NONE));
        assertTrue(unknown.getMessage().startsWith("t.dbc: message Pack (0x18FF01F3 (extended)) signal Current: 'pack.amps'"
                + " is not a telemetry field"), unknown.getMessage());
        DbcFormatException twice = assertThrows(DbcFormatException.class, () -> DbcTelemetry.of(Dbc.parse("t.dbc",
                DBC.replace("\"pack.current\"", "\"pack.voltage\"")), TelemetryCatalog.NONE));
        assertTrue(twice.getMessage().contains("field pack.voltage is already carried by message Pack signal Voltage"),
                twice.getMessage());
    }
}
