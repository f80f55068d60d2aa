package org.bmsw.simulator.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OcvCurveTest {

    @Test
    void lfpShape() {
        OcvCurve c = Chemistry.LFP.ocv();
        assertEquals(2.5, c.ocv(0), 1e-12);
        for (double soc = 0.2; soc <= 0.9; soc += 0.05) {
            double v = c.ocv(soc);
            assertTrue(v > 3.19 && v < 3.30, "plateau at " + soc + ": " + v);
        }
        assertTrue(c.slope(0.5) < 0.2, "flat plateau");
        assertTrue(c.slope(0.01) > 5, "steep empty knee");
        assertTrue(c.slope(0.999) > 5, "steep full knee");
    }

    @Test
    void nmcRange() {
        OcvCurve c = Chemistry.NMC.ocv();
        assertEquals(3.0, c.ocv(0), 1e-12);
        assertEquals(4.2, c.ocv(1), 1e-12);
        assertEquals(3.72, c.ocv(0.5), 1e-12);
    }

    @Test
    void interpolationAndInverse() {
        OcvCurve c = OcvCurve.of(new double[] {0, 0.5, 1}, new double[] {3.0, 3.5, 4.5});
        assertEquals(3.25, c.ocv(0.25), 1e-12);
        assertEquals(4.0, c.ocv(0.75), 1e-12);
        assertEquals(0.25, c.soc(3.25), 1e-12);
        assertEquals(1.0, c.soc(9), 0.0);
        assertEquals(2.9, c.ocv(-0.1), 1e-12, "extrapolated below empty");
        for (Chemistry ch : Chemistry.values()) {
            for (double soc = 0; soc <= 1; soc += 0.01) {
                assertEquals(soc, ch.ocv().soc(ch.ocv().ocv(soc)), 1e-9);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> OcvCurve.of(new double[] {0, 1}, new double[] {3.5, 3.5}));
    }

    @Test
    void manualLfpTableIsTheDefault() {
        var p = BmsParameters.defaults(Chemistry.LFP, 24);
        double[] manual = {2500, 3150, 3195, 3213, 3227, 3236, 3245, 3265, 3280, 3290, 3550};
        for (int i = 0; i <= 10; i++) {
            assertEquals(manual[i], p.get("Vol" + i), 0.0, "Vol" + i);
        }
    }
}
