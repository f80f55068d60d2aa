package org.bmsw.simulator.battery;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of the simulated pack and BMS after a step. Everything a protocol front end needs to fill
 * Smart BMS registers, JDI frames or {@link org.bmsw.device.api.Telemetry} is here; two simulators with the same
 * configuration, parameters and inputs produce {@link #equals(Object) equal} snapshots.
 *
 * <p>Currents are positive while charging. "Measured" values are what the BMS sees through its current sensor
 * (gain and offset errors, calibration); "true" values are the physics.
 *
 * @param elapsed                 simulated time since the simulator was created
 * @param ticks                   internal steps taken
 * @param kind                    which board is imitated
 * @param chemistry               cell chemistry
 * @param cells                   every cell, in string order
 * @param probes                  every probe, fitted or not
 * @param ambientCelsius          ambient temperature, °C
 * @param packVolts               pack voltage, V (sum of measured cell voltages)
 * @param trueAmps                the current that flowed during the last tick, A (a switch opened at the end of a
 *                                tick shows 0 A from the next tick on)
 * @param measuredAmps            the current the BMS read in the last tick, A
 * @param charging                STATUS CHGNG: measured current above the rest threshold ({@code SHIELD_I}), charging
 * @param discharging             STATUS DSGNG: likewise, discharging
 * @param socPercent              the BMS's state of charge estimate (coulomb counting of the measured current), %
 * @param sohPercent              state of health, %
 * @param fullChargeCapacityAh    FCC the BMS counts against, Ah
 * @param remainingCapacityAh     RC = SOC × FCC, Ah
 * @param cycleCount              cycles (measured discharged Ah / FCC, plus the configured start count)
 * @param chargedAh               true charge that flowed in, Ah
 * @param dischargedAh            true charge that flowed out, Ah (positive)
 * @param measuredChargedAh       as the BMS counted it, Ah
 * @param measuredDischargedAh    as the BMS counted it, Ah (positive)
 * @param chargedWh               true energy in, Wh
 * @param dischargedWh            true energy out, Wh (positive)
 * @param chargeSwitchOn          STATUS CHGEN: charge MOSFET / relay closed
 * @param dischargeSwitchOn       STATUS DSGEN: discharge MOSFET / relay closed
 * @param hostChargeEnabled       no host CHG_DIS is in force
 * @param hostDischargeEnabled    no host DSG_DIS is in force
 * @param protections             active PROTECT bits (tripped or forced), in the manual's order
 * @param alarms                  active alarms and their level 1..3, in the manual's order
 * @param sleeping                the BMS has powered down (switches open, no evaluation) until woken
 * @param balancingCells          how many cells bleed
 * @param sopChargeWatts          state of power: the charge power available now, W
 * @param sopDischargeWatts       the discharge power available now, W
 * @param currentCalibrationGain  the BMS's current calibration gain (1 = none)
 * @param currentCalibrationOffsetAmps the BMS's zero calibration, A subtracted from the raw reading
 * @param insulationPositiveKOhm  insulation HV+ to chassis, kΩ
 * @param insulationNegativeKOhm  insulation HV− to chassis, kΩ
 * @param keyOnVolts              KeyOn supply (DC-DC while driving), V
 * @param wakeUpVolts             charger auxiliary supply, V
 * @param vccVolts                board supply, V
 * @param loadVolts               the load side of the discharge switch (pre-charge progress), V
 * @param chargerVolts            charger output voltage as the charger reports it, V (0 without a charger)
 * @param chargerAmps             charger output current, A
 * @param chargePortCelsius       charge interface temperatures (JDI NTC1, NTC2), °C
 * @param closedRelays            JDI relays that are closed
 * @param activeInputs            JDI digital inputs that are high
 * @param failures                injected failures
 * @param faults                  major faults present
 * @param scenario                progress of the load scenario
 */
public record SimulatorState(Duration elapsed, long ticks, DeviceKind kind, Chemistry chemistry, List<CellState> cells,
                             List<ProbeState> probes, double ambientCelsius, double packVolts, double trueAmps,
                             double measuredAmps, boolean charging, boolean discharging, double socPercent,
                             double sohPercent, double fullChargeCapacityAh, double remainingCapacityAh, long cycleCount,
                             double chargedAh, double dischargedAh, double measuredChargedAh, double measuredDischargedAh,
                             double chargedWh, double dischargedWh, boolean chargeSwitchOn, boolean dischargeSwitchOn,
                             boolean hostChargeEnabled, boolean hostDischargeEnabled, Set<Protection> protections,
                             Map<Alarm, Integer> alarms, boolean sleeping, int balancingCells, double sopChargeWatts,
                             double sopDischargeWatts, double currentCalibrationGain, double currentCalibrationOffsetAmps,
                             double insulationPositiveKOhm, double insulationNegativeKOhm, double keyOnVolts,
                             double wakeUpVolts, double vccVolts, double loadVolts, double chargerVolts, double chargerAmps,
                             List<Double> chargePortCelsius, Set<Relay> closedRelays, Set<DigitalInput> activeInputs,
                             Set<SimulatedFailure> failures, Set<Fault> faults, ScenarioProgress scenario)
        implements Condition.Readings {

    public SimulatorState {
        cells = List.copyOf(cells);
        probes = List.copyOf(probes);
        chargePortCelsius = List.copyOf(chargePortCelsius);
        protections = Collections.unmodifiableSet(protections.isEmpty() ? EnumSet.noneOf(Protection.class) : EnumSet.copyOf(protections));
        alarms = Collections.unmodifiableMap(alarms.isEmpty() ? new EnumMap<>(Alarm.class) : new EnumMap<>(alarms));
        closedRelays = Collections.unmodifiableSet(closedRelays.isEmpty() ? EnumSet.noneOf(Relay.class) : EnumSet.copyOf(closedRelays));
        activeInputs = Collections.unmodifiableSet(activeInputs.isEmpty() ? EnumSet.noneOf(DigitalInput.class) : EnumSet.copyOf(activeInputs));
        failures = Collections.unmodifiableSet(failures.isEmpty() ? EnumSet.noneOf(SimulatedFailure.class) : EnumSet.copyOf(failures));
        faults = Collections.unmodifiableSet(faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults));
    }

    public int cellCount() {
        return cells.size();
    }

    public CellState cell(int index) {
        return cells.get(index - 1);
    }

    /** The cell with the highest measured voltage (the first of equals). */
    public CellState maxCell() {
        CellState best = cells.get(0);
        for (CellState c : cells) {
            if (c.volts() > best.volts()) {
                best = c;
            }
        }
        return best;
    }

    /** The cell with the lowest measured voltage (the first of equals). */
    public CellState minCell() {
        CellState best = cells.get(0);
        for (CellState c : cells) {
            if (c.volts() < best.volts()) {
                best = c;
            }
        }
        return best;
    }

    @Override
    public double maxCellVolts() {
        return maxCell().volts();
    }

    @Override
    public double minCellVolts() {
        return minCell().volts();
    }

    @Override
    public double packVolts() {
        return packVolts;
    }

    /** Max minus min cell voltage, mV. */
    public double cellSpreadMillivolts() {
        return (maxCellVolts() - minCellVolts()) * 1000;
    }

    public Optional<ProbeState> hottestProbe() {
        return probes.stream().filter(ProbeState::fitted).max((a, b) -> Double.compare(a.celsius(), b.celsius()));
    }

    public Optional<ProbeState> coldestProbe() {
        return probes.stream().filter(ProbeState::fitted).min((a, b) -> Double.compare(a.celsius(), b.celsius()));
    }

    /** Hottest fitted probe, °C; NaN without one. */
    @Override
    public double maxCelsius() {
        return hottestProbe().map(ProbeState::celsius).orElse(Double.NaN);
    }

    /** Coldest fitted probe, °C; NaN without one. */
    @Override
    public double minCelsius() {
        return coldestProbe().map(ProbeState::celsius).orElse(Double.NaN);
    }

    public boolean isProtected(Protection p) {
        return protections.contains(p);
    }

    /** 0 when the alarm is not active, else its level 1..3. */
    public int alarmLevel(Alarm a) {
        return alarms.getOrDefault(a, 0);
    }

    /** PROTECT_FLAG as a word: bit {@link Protection#bit()} set per active protection. */
    public int protectBits() {
        int bits = 0;
        for (Protection p : protections) {
            bits |= 1 << p.bit();
        }
        return bits;
    }

    /**
     * STATUS_FLAG as a byte, positions read off the manual's grid (row by row): bit 0 DSGEN, bit 1 CHGEN,
     * bit 6 DSGNG (discharging), bit 7 CHGNG (charging); the rest NC.
     */
    public int statusBits() {
        return (dischargeSwitchOn ? 1 : 0) | (chargeSwitchOn ? 2 : 0) | (discharging ? 1 << 6 : 0) | (charging ? 1 << 7 : 0);
    }

    public boolean relayClosed(Relay r) {
        return closedRelays.contains(r);
    }

    public boolean inputActive(DigitalInput i) {
        return activeInputs.contains(i);
    }

    /** Power at the pack terminals, W (positive while charging). */
    public double packWatts() {
        return packVolts * trueAmps;
    }
}
