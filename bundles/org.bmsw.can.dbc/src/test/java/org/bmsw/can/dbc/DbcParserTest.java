package org.bmsw.can.dbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bmsw.can.dbc.DbcSignal.ByteOrder;
import org.bmsw.can.dbc.DbcSignal.MultiplexRole;
import org.bmsw.can.dbc.DbcSignal.ValueType;
import org.junit.jupiter.api.Test;

class DbcParserTest {

    static Dbc sample() throws Exception {
        return Dbc.load(DbcParserTest.class.getResource("/sample.dbc"));
    }

    @Test
    void readsMessagesSignalsCommentsValuesAndAttributes() throws Exception {
        Dbc dbc = sample();
        assertEquals("sample 1.0", dbc.version());
        assertEquals(List.of("BMS", "VCU", "Charger"), dbc.nodes());
        assertEquals("A sample network", dbc.comment());
        assertEquals(5, dbc.messages().size());

        DbcMessage intel = dbc.message(0x123, false).orElseThrow();
        assertEquals("Intel", intel.name());
        assertEquals("BMS", intel.transmitter());
        assertEquals("Little-endian signals", intel.comment());
        assertEquals(100, intel.cycleTimeMillis().getAsInt(), "explicit BA_");
        assertEquals("Cyclic", intel.attribute("GenMsgSendType").orElseThrow(), "ENUM default by name");

        DbcSignal u16 = intel.signal("U16").orElseThrow();
        assertEquals(ByteOrder.INTEL, u16.byteOrder());
        assertEquals(0.1, u16.factor());
        assertEquals(6553.5, u16.maximum());
        assertEquals("V", u16.unit());
        assertEquals("A comment\nover two lines", u16.comment());
        assertEquals("pack.voltage", u16.stringAttribute("BMSW_Field").orElseThrow());
        DbcSignal s12 = intel.signal("S12").orElseThrow();
        assertTrue(s12.signed());
        assertEquals(List.of("VCU", "Charger"), s12.receivers());
        assertEquals(Map.of(0L, "zero", 1L, "one", 7L, "seven"), intel.signal("Odd3").orElseThrow().valueNames());

        DbcMessage motorola = dbc.message(0x18FF01F3, true).orElseThrow();
        assertEquals(1000, motorola.cycleTimeMillis().getAsInt(), "BA_DEF_DEF_ default");
        assertEquals(ByteOrder.MOTOROLA, motorola.signal("M16").orElseThrow().byteOrder());
        assertEquals("Cyclic", motorola.attribute("GenMsgSendType").orElseThrow());
        assertEquals("OnEvent", dbc.message("Mux").orElseThrow().attribute("GenMsgSendType").orElseThrow(),
                "ENUM value by index");
        assertEquals("CAN", dbc.attributes().get("BusType"));

        DbcMessage mux = dbc.message("Mux").orElseThrow();
        assertEquals(MultiplexRole.SWITCH, mux.signal("Page").orElseThrow().multiplexRole());
        assertEquals(1, mux.signal("TempC").orElseThrow().multiplexValue());
        assertEquals(ValueType.FLOAT32, dbc.message("Floats").orElseThrow().signal("F32").orElseThrow().valueType());
        assertEquals(MultiplexRole.MULTIPLEXED_SWITCH, dbc.message("ExtMux").orElseThrow().signal("Inner").orElseThrow()
                .multiplexRole());
        assertTrue(dbc.message(0x800, true).isPresent());
        assertFalse(dbc.message(0x800, false).isPresent(), "the extended flag is part of the identity");
    }

    @Test
    void bitsAreNumberedAsDbcFilesNumberThem() throws Exception {
        Dbc dbc = sample();
        byte[] data = {0x12, 0x34, (byte) 0xF0, (byte) 0x8F, 0x01, 0x02, 0x03, (byte) 0x80};
        Map<String, Double> intel = dbc.message("Intel").orElseThrow().decode(data);
        assertEquals(0x3412 * 0.1, intel.get("U16"), 1e-9, "Intel: low byte first");
        // bits 16..27: 0xFF0 -> signed -16 -> -16 * 0.5 - 10
        assertEquals(-18.0, intel.get("S12"), 1e-9);
        assertEquals(0.0, intel.get("Bit"));
        assertEquals(4.0, intel.get("Odd3"), "bits 29..31 of 0x8F");
        assertEquals(0x80030201L * 0.001, intel.get("U32"), 1e-6);

        Map<String, Double> motorola = dbc.message("Motorola").orElseThrow().decode(data);
        assertEquals(0x1234, motorola.get("M16"), "Motorola: high byte first");
        assertEquals(1.0, motorola.get("M1"), "bit 24 = byte 3, bit 0");
        // M13 from bit 39 down: byte 4 (0x01) then the top 5 bits of byte 5 (0x02 >> 3 = 0)
        assertEquals((0x01 << 5) - 40.0, motorola.get("M13"));
    }

    @Test
    void encodingIsTheInverseOfDecoding() throws Exception {
        Dbc dbc = sample();
        DbcMessage intel = dbc.message("Intel").orElseThrow();
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("U16", 6553.4);
        values.put("S12", -1034.0);
        values.put("Bit", 1.0);
        values.put("Odd3", 7.0);
        values.put("U32", 4294967.295);
        Map<String, Double> back = intel.decode(intel.encode(values));
        values.forEach((k, v) -> assertEquals(v, back.get(k), 1e-6, k));

        DbcMessage motorola = dbc.message("Motorola").orElseThrow();
        Map<String, Double> m = Map.of("M16", 65535.0, "MS10", -123.0, "M1", 1.0, "M13", 8151.0, "Tail", 2047.0);
        assertEquals(m, motorola.decode(motorola.encode(m)));
        assertArrayEquals(new byte[] {-1, -1, 0, 1, 0, 0, 0, 0},
                motorola.encode(Map.of("M16", 65535.0, "M1", 1.0, "M13", -40.0)), "nothing else is touched");

        DbcMessage floats = dbc.message("Floats").orElseThrow();
        Map<String, Double> f = floats.decode(floats.encode(Map.of("F32", 3.5, "Half", 7.0)));
        assertEquals(3.5, f.get("F32"));
        assertEquals(7.0, f.get("Half"), "(raw float 3.0) * 2 + 1");
    }

    @Test
    void multiplexedSignalsAppearOnlyWithTheirSwitchValue() throws Exception {
        Dbc dbc = sample();
        DbcMessage mux = dbc.message("Mux").orElseThrow();
        byte[] page1 = mux.encode(Map.of("Page", 1.0, "CellC", 3.301, "TempC", 25.0, "Common", 9.0));
        assertEquals(Map.of("Page", 1.0, "CellC", 3.301, "TempC", 25.0, "Common", 9.0), mux.decode(page1));
        IllegalArgumentException wrongPage = assertThrows(IllegalArgumentException.class,
                () -> mux.encode(Map.of("Page", 0.0, "CellC", 3.3)));
        assertTrue(wrongPage.getMessage().contains("CellC"), wrongPage.getMessage());

        DbcMessage ext = dbc.message("ExtMux").orElseThrow();
        assertEquals(Map.of("Outer", 1.0, "Inner", 4.0, "Flat", 513.0), ext.decode(new byte[] {0x41, 0x01, 0x02, 0, 0, 0, 0, 0}),
                "Flat is selected by Inner 3..5, Inner by Outer 1");
        assertEquals(Map.of("Outer", 2.0), ext.decode(new byte[] {0x42, 0x01, 0x02, 0, 0, 0, 0, 0}),
                "Inner is not there when Outer is 2");
    }

    @Test
    void valuesOutsideTheSignalAreRefusedByName() throws Exception {
        DbcMessage intel = sample().message("Intel").orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> intel.encode(Map.of("U16", 7000.0)));
        assertTrue(e.getMessage().startsWith("U16: 7000.0 V is outside"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> intel.encode(Map.of("Nope", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> intel.encode(Map.of("U16", Double.NaN)));
    }
}
