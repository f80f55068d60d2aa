package org.bmsw.simulator.battery;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One step of a load scenario.
 *
 * @param kind        charge, discharge or rest
 * @param amount      magnitude of the set point (≥ 0) in {@code unit}; 0 for rest
 * @param unit        amps, C-rate (× nominal capacity) or watts (constant power)
 * @param cvVolts     charge only: the charger's constant-voltage limit for the pack, V (NaN = pure constant current)
 * @param until       the step ends when any of these holds (checked at the start and after every tick)
 * @param maxDuration the step ends after this long at the latest; null = no limit
 */
public record ScenarioStep(Kind kind, double amount, Unit unit, double cvVolts, List<Condition> until, Duration maxDuration) {

    public ScenarioStep {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
        until = List.copyOf(until);
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("amount must be a finite magnitude ≥ 0, the direction comes from the step kind");
        }
        if (maxDuration != null && maxDuration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        if (kind != Kind.CHARGE && !Double.isNaN(cvVolts)) {
            throw new IllegalArgumentException("only a charge step has a CV limit");
        }
    }

    public static ScenarioStep charge(double amps, Duration max, Condition... until) {
        return new ScenarioStep(Kind.CHARGE, amps, Unit.AMPS, Double.NaN, List.of(until), max);
    }

    public static ScenarioStep discharge(double amps, Duration max, Condition... until) {
        return new ScenarioStep(Kind.DISCHARGE, amps, Unit.AMPS, Double.NaN, List.of(until), max);
    }

    public static ScenarioStep rest(Duration duration, Condition... until) {
        return new ScenarioStep(Kind.REST, 0, Unit.AMPS, Double.NaN, List.of(until), duration);
    }

    public enum Kind { CHARGE, DISCHARGE, REST }

    public enum Unit {
        AMPS("A"), C_RATE("C"), WATTS("W");

        private final String symbol;

        Unit(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(kind.name().toLowerCase(java.util.Locale.ROOT));
        if (kind != Kind.REST) {
            b.append(' ').append(Scenario.number(amount)).append(unit.symbol());
        }
        if (!Double.isNaN(cvVolts)) {
            b.append(" cv ").append(Scenario.number(cvVolts)).append('V');
        }
        if (kind == Kind.REST && until.isEmpty() && maxDuration != null) {
            return b.append(' ').append(Scenario.duration(maxDuration)).toString();
        }
        if (!until.isEmpty()) {
            b.append(" until ");
            for (int i = 0; i < until.size(); i++) {
                b.append(i == 0 ? "" : " or ").append(until.get(i));
            }
        }
        if (maxDuration != null) {
            b.append(" for ").append(Scenario.duration(maxDuration));
        }
        return b.toString();
    }
}
