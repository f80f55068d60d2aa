package org.bmsw.simulator.battery;

import java.util.Locale;
import java.util.Objects;

/**
 * A stop condition of a scenario step, e.g. {@code cellV>=3.6} or {@code soc<=5%}.
 *
 * @param variable  what is compared
 * @param op        how
 * @param threshold in the variable's unit (V, %, °C, A); ignored for {@link Variable#CUTOFF}
 */
public record Condition(Variable variable, Op op, double threshold) {

    public Condition {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(op, "op");
    }

    /** The "the BMS cut this step's direction off" condition. */
    public static Condition cutoff() {
        return new Condition(Variable.CUTOFF, Op.GE, 0);
    }

    /** What a condition can look at; every value is what the BMS reports (measured), as a test rig would see it. */
    public enum Variable {
        /** Cell voltage, V: the highest cell for {@code >}/{@code >=}, the lowest for {@code <}/{@code <=}. */
        CELL_V("cellV", "V"),
        /** Highest cell voltage, V. */
        MAX_CELL_V("maxCellV", "V"),
        /** Lowest cell voltage, V. */
        MIN_CELL_V("minCellV", "V"),
        /** Pack voltage, V. */
        PACK_V("packV", "V"),
        /** The BMS's state of charge, %. */
        SOC("soc", "%"),
        /** Temperature, °C: the hottest fitted probe for {@code >}/{@code >=}, the coldest for {@code <}/{@code <=}. */
        TEMP("temp", "C"),
        /** Hottest fitted probe, °C. */
        MAX_TEMP("maxTemp", "C"),
        /** Coldest fitted probe, °C. */
        MIN_TEMP("minTemp", "C"),
        /** Magnitude of the measured current, A (for a CV taper: {@code current<=2}). */
        CURRENT("current", "A"),
        /** The switch of the step's direction is open (a protection, a host command or sleep). */
        CUTOFF("cutoff", "");

        private final String token;
        private final String unit;

        Variable(String token, String unit) {
            this.token = token;
            this.unit = unit;
        }

        public String token() {
            return token;
        }

        public String unit() {
            return unit;
        }

        static Variable parse(String s) {
            for (Variable v : values()) {
                if (v.token.equalsIgnoreCase(s)) {
                    return v;
                }
            }
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "cellv", "vcell", "cell" -> CELL_V;
                case "vmax", "cellvmax" -> MAX_CELL_V;
                case "vmin", "cellvmin" -> MIN_CELL_V;
                case "packv", "vpack", "voltage" -> PACK_V;
                case "tmax" -> MAX_TEMP;
                case "tmin" -> MIN_TEMP;
                case "t", "temperature" -> TEMP;
                case "i" -> CURRENT;
                default -> throw new IllegalArgumentException("unknown condition variable '" + s + "'");
            };
        }
    }

    public enum Op {
        GE(">="), LE("<="), GT(">"), LT("<");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean upward() {
            return this == GE || this == GT;
        }

        boolean test(double value, double threshold) {
            return switch (this) {
                case GE -> value >= threshold;
                case LE -> value <= threshold;
                case GT -> value > threshold;
                case LT -> value < threshold;
            };
        }
    }

    /** Evaluate against readings; NaN readings never satisfy a condition. */
    boolean test(Readings r, boolean cutOff) {
        double value = switch (variable) {
            case CELL_V -> op.upward() ? r.maxCellVolts() : r.minCellVolts();
            case MAX_CELL_V -> r.maxCellVolts();
            case MIN_CELL_V -> r.minCellVolts();
            case PACK_V -> r.packVolts();
            case SOC -> r.socPercent();
            case TEMP -> op.upward() ? r.maxCelsius() : r.minCelsius();
            case MAX_TEMP -> r.maxCelsius();
            case MIN_TEMP -> r.minCelsius();
            case CURRENT -> Math.abs(r.measuredAmps());
            case CUTOFF -> Double.NaN;
        };
        if (variable == Variable.CUTOFF) {
            return cutOff;
        }
        return !Double.isNaN(value) && op.test(value, threshold);
    }

    @Override
    public String toString() {
        if (variable == Variable.CUTOFF) {
            return "cutoff";
        }
        String unit = variable.unit();
        return variable.token() + op.symbol() + Scenario.number(threshold) + ("V".equals(unit) || "A".equals(unit) ? "" : unit);
    }

    /** What conditions look at. */
    interface Readings {
        double maxCellVolts();

        double minCellVolts();

        double packVolts();

        double socPercent();

        double maxCelsius();

        double minCelsius();

        double measuredAmps();
    }
}
