package org.bmsw.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.LocalizedText;
import org.junit.jupiter.api.Test;

/** Raw and engineering values, register words. */
class ConversionTest {

    private final ParameterSchema schema = Fixtures.smartBms();

    private static ParameterDef def(RawType type, double scale, double offset, double min, double max) {
        return new ParameterDef("X", "G", LocalizedText.of("x"), null, "u", type, scale, offset, min, max, 0, null, null,
                AccessLevel.USER, true, new Location(0, null), null, null);
    }

    @Test
    void packVoltageInHundredthsOfAVolt() {
        ParameterDef tov = schema.require("TOVR");
        assertEquals(9888, tov.toRaw(98.88));
        assertEquals(98.88, tov.toEngineering(9888));
        assertEquals("98.88", tov.format(tov.toEngineering(9888)));
        assertEquals("100.8", schema.require("TOV").format(100.8));
        // floating-point noise in the input is not a different value
        assertEquals(9888, tov.toRaw(98.88000000000001));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tov.toRaw(98.885));
        assertTrue(e.getMessage().contains("resolution"), e.getMessage());
    }

    @Test
    void temperaturesWithOffset() {
        ParameterDef utd = schema.require("UTD");
        assertEquals(200, utd.toRaw(-20));
        assertEquals(-20.0, utd.toEngineering(200));
        assertEquals(0, utd.toRaw(-40));
        assertEquals(650, utd.toRaw(25));
        assertEquals("-20", utd.format(-20));
        assertEquals("-19.9", utd.format(utd.toEngineering(201)));
    }

    @Test
    void scaledEnumeration() {
        ParameterDef baud = schema.require("485_BOUND");
        assertEquals(96, baud.toRaw(9600));
        assertEquals(1152, baud.toRaw(115200));
        assertEquals(9600.0, baud.toEngineering(96));
    }

    @Test
    void signedAndWideWords() {
        assertArrayEquals(new int[] {0xFF38}, RawType.S16.toWords(-200));
        assertEquals(-200, RawType.S16.fromWords(new int[] {0xFF38}, 0));
        assertArrayEquals(new int[] {0x0001, 0x86A0}, RawType.U32.toWords(100_000));
        assertEquals(100_000, RawType.U32.fromWords(new int[] {0x0001, 0x86A0}, 0));
        assertArrayEquals(new int[] {0xFFFF, 0xFFFE}, RawType.S32.toWords(-2));
        assertEquals(-2, RawType.S32.fromWords(new int[] {7, 0xFFFF, 0xFFFE}, 1));
        assertEquals(4294967295L, RawType.U32.fromWords(new int[] {0xFFFF, 0xFFFF}, 0));
        assertThrows(IllegalArgumentException.class, () -> RawType.U16.toWords(65536));
        assertThrows(IllegalArgumentException.class, () -> RawType.BOOL.fromWords(new int[] {2}, 0));
        assertThrows(IllegalArgumentException.class, () -> RawType.U32.fromWords(new int[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> RawType.U16.fromWords(new int[] {70000}, 0));
    }

    @Test
    void rawTypeLimitsAreEnforced() {
        ParameterDef s16 = def(RawType.S16, 0.1, 0, -3276.8, 3276.7);
        assertEquals(-32768, s16.toRaw(-3276.8));
        assertThrows(IllegalArgumentException.class, () -> s16.toRaw(-3276.9));
        assertEquals(-3276.8, s16.typeMin());
        assertEquals(3276.7, s16.typeMax());
        ParameterDef u8 = def(RawType.U8, 1, 0, 0, 255);
        assertThrows(IllegalArgumentException.class, () -> u8.toRaw(256));
        assertThrows(IllegalArgumentException.class, () -> u8.toRaw(Double.NaN));
    }

    /** Every raw value of every Smart BMS parameter's range converts there and back exactly. */
    @Test
    void roundTripEveryParameterOnRandomRawValues() {
        Random random = new Random(42);
        for (ParameterDef d : schema.parameters()) {
            long lo = d.toRaw(d.min());
            long hi = d.toRaw(d.max());
            for (int i = 0; i < 60; i++) {
                long raw = lo + (long) (random.nextDouble() * (hi - lo + 1));
                raw = Math.min(raw, hi);
                double eng = d.toEngineering(raw);
                assertEquals(raw, d.toRaw(eng), d.key() + " raw " + raw);
                assertEquals(raw, d.toRaw(Double.parseDouble(d.format(eng))), d.key() + " formatted " + d.format(eng));
                int[] words = d.type().toWords(raw);
                assertEquals(raw, d.type().fromWords(words, 0));
            }
        }
    }

    /** The fast conversion gives the double nearest to the exact decimal, as BigDecimal arithmetic does. */
    @Test
    void toEngineeringIsTheNearestDoubleToTheExactDecimal() {
        Random random = new Random(7);
        List<ParameterDef> defs = new java.util.ArrayList<>(schema.parameters());
        defs.add(def(RawType.S32, 0.001, -273.15, -2_000_000, 2_000_000));
        defs.add(def(RawType.U32, 0.1, 0, 0, 429_496_729.5));
        for (ParameterDef d : defs) {
            for (int i = 0; i < 300; i++) {
                long raw = d.type().min() + (long) (random.nextDouble() * (d.type().max() - d.type().min()));
                double exact = new java.math.BigDecimal(raw).multiply(java.math.BigDecimal.valueOf(d.scale()))
                        .add(java.math.BigDecimal.valueOf(d.offset())).doubleValue();
                assertEquals(exact, d.toEngineering(raw), 0.0, d.key() + " raw " + raw);
            }
        }
    }

    @Test
    void sameOnDeviceComparesRawValues() {
        ParameterDef cov = schema.require("COV");
        assertTrue(cov.sameOnDevice(3650, 3650.0000001));
        assertTrue(!cov.sameOnDevice(3650, 3651));
    }
}
