package org.bmsw.simulator.battery;

import java.util.HashMap;
import java.util.Map;

/** Parameter maps for tests: {@code TestParams.of("COV", 3650, "COVDelay", 5)}; NaN removes a default. */
final class TestParams {

    private TestParams() {
    }

    static Map<String, Double> of(Object... kv) {
        Map<String, Double> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    static Map<String, Double> lfp(int cells, Object... kv) {
        return BmsParameters.defaultsWith(Chemistry.LFP, cells, of(kv));
    }
}
