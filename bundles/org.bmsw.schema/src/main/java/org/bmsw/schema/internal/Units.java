package org.bmsw.schema.internal;

import java.util.Map;
import java.util.Optional;

/** Conversions between units a person may confuse, used only to suggest the right number in messages. */
final class Units {

    private static final Map<String, Double> FACTORS = Map.ofEntries(
            Map.entry("V>mV", 1000.0), Map.entry("mV>V", 0.001),
            Map.entry("A>mA", 1000.0), Map.entry("mA>A", 0.001),
            Map.entry("Ah>mAh", 1000.0), Map.entry("mAh>Ah", 0.001),
            Map.entry("s>ms", 1000.0), Map.entry("ms>s", 0.001),
            Map.entry("min>s", 60.0), Map.entry("s>min", 1 / 60.0),
            Map.entry("h>min", 60.0), Map.entry("min>h", 1 / 60.0),
            Map.entry("kbit/s>bit/s", 1000.0), Map.entry("bit/s>kbit/s", 0.001));

    private Units() {
    }

    static Optional<Double> convert(double value, String from, String to) {
        Double f = FACTORS.get(from + ">" + to);
        if (f == null) {
            return Optional.empty();
        }
        return Optional.of(Math.round(value * f * 1e6) / 1e6);
    }
}
