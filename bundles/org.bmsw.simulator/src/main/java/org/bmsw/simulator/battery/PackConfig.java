package org.bmsw.simulator.battery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything fixed about a simulated pack and board. Build one with {@link #smartBms(int)} or {@link #jdi(int...)}
 * and the {@link Builder}'s setters; every spread is drawn from one {@link java.util.Random} seeded with
 * {@link #seed()}, so the same configuration always gives the same pack.
 *
 * @param kind                        which board is imitated
 * @param chemistry                   cell chemistry (OCV curve)
 * @param moduleCells                 cells per module; module 0 is the main board (Smart BMS / JDI BIU), 1..10 the BMUs
 * @param probesPerModule             temperature probes per module (fitted or not)
 * @param fittedProbesPerModule       how many of them are fitted (the rest read as absent)
 * @param capacityAh                  nominal cell capacity, Ah (1C in amps)
 * @param capacitySpread              relative standard deviation of cell capacity (0.02 = 2 %)
 * @param initialSoc                  initial state of charge of every cell, 0..1
 * @param initialSocSpread            standard deviation of the initial SOC, absolute (0.005 = 0.5 % SOC)
 * @param resistanceOhm               ohmic cell resistance R0 at 25 °C, Ω
 * @param resistanceSpread            relative standard deviation of R0
 * @param polarizationOhm             resistance of the RC polarization branch R1, Ω (0 = pure OCV + I·R0)
 * @param polarizationSeconds         its time constant, s
 * @param resistanceTempCoefficient   R(T) = R·exp(k·(25 − T)), k in 1/K (0 = temperature independent)
 * @param selfDischargePerMonth       SOC lost per 30 days at rest, 0..1 (0 = none)
 * @param sohPercent                  state of health; cell capacities are scaled by it
 * @param ambientCelsius              ambient temperature, °C
 * @param initialCelsius              initial cell temperature, °C (NaN = ambient)
 * @param heatCapacityJPerK           heat capacity of one cell, J/K
 * @param thermalTimeConstantSeconds  cell-to-ambient thermal time constant, s
 * @param probeSpreadCelsius          standard deviation of the fixed per-probe reading offset, °C
 * @param currentGain                 current sensor gain (1 = exact); measured = gain · true + offset
 * @param currentOffsetAmps           current sensor offset, A
 * @param balanceCurrentAmps          bleed current of a balancing cell at 100 % duty, A (JDI: typically 0.05)
 * @param heaterWatts                 heating element power when RL4 is on, W for the whole pack
 * @param tick                        fixed internal integration step of simulated time
 * @param seed                        seed of every random spread
 * @param insulationPositiveKOhm      healthy insulation resistance HV+ to chassis, kΩ
 * @param insulationNegativeKOhm      healthy insulation resistance HV− to chassis, kΩ
 * @param insulationFaultKOhm         insulation resistance during a simulated insulation failure, kΩ
 * @param supplyVolts                 12 V supply of the board (VCC, KeyOn, wake-up levels), V
 * @param prechargeRelay              close RL2 and wait for the load capacitor before closing the discharge switch
 * @param prechargeTimeConstantSeconds RC constant of the load capacitor through the pre-charge resistor, s
 * @param prechargeTimeoutSeconds     pre-charge gives up (PreChg) after this long, s
 * @param ocvSocCorrectionAfter       at rest this long, the BMS re-estimates SOC from OCV (ZERO = never)
 * @param initialCycles               cycle count at start
 */
public record PackConfig(DeviceKind kind, Chemistry chemistry, List<Integer> moduleCells, List<Integer> probesPerModule,
                         List<Integer> fittedProbesPerModule, double capacityAh, double capacitySpread, double initialSoc,
                         double initialSocSpread, double resistanceOhm, double resistanceSpread, double polarizationOhm,
                         double polarizationSeconds, double resistanceTempCoefficient, double selfDischargePerMonth,
                         double sohPercent, double ambientCelsius, double initialCelsius, double heatCapacityJPerK,
                         double thermalTimeConstantSeconds, double probeSpreadCelsius, double currentGain,
                         double currentOffsetAmps, double balanceCurrentAmps, double heaterWatts, Duration tick, long seed,
                         double insulationPositiveKOhm, double insulationNegativeKOhm, double insulationFaultKOhm,
                         double supplyVolts, boolean prechargeRelay, double prechargeTimeConstantSeconds,
                         double prechargeTimeoutSeconds, Duration ocvSocCorrectionAfter, long initialCycles) {

    /** Most cells a Smart BMS V4.0 board measures (CELLNUM = AFE_M + AFE_S). */
    public static final int SMART_BMS_MAX_CELLS = 32;
    /** Most probes a Smart BMS V4.0 reports. */
    public static final int SMART_BMS_MAX_PROBES = 8;
    /** Most cells of a JDI cascade. */
    public static final int JDI_MAX_CELLS = 160;
    /** Most cells on one JDI board (BI5148). */
    public static final int JDI_MAX_MODULE_CELLS = 48;
    /** Main board plus ten BMUs. */
    public static final int JDI_MAX_MODULES = 11;

    public PackConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(chemistry, "chemistry");
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(ocvSocCorrectionAfter, "ocvSocCorrectionAfter");
        moduleCells = List.copyOf(moduleCells);
        probesPerModule = List.copyOf(probesPerModule);
        fittedProbesPerModule = List.copyOf(fittedProbesPerModule);
        if (moduleCells.isEmpty()) {
            throw new IllegalArgumentException("at least one module");
        }
        if (probesPerModule.size() != moduleCells.size() || fittedProbesPerModule.size() != moduleCells.size()) {
            throw new IllegalArgumentException("probe counts must be given per module");
        }
        int total = 0;
        for (int m = 0; m < moduleCells.size(); m++) {
            int cells = moduleCells.get(m);
            int probes = probesPerModule.get(m);
            int fitted = fittedProbesPerModule.get(m);
            if (cells < 1) {
                throw new IllegalArgumentException("module " + m + " has no cells");
            }
            if (probes < 0 || fitted < 0 || fitted > probes) {
                throw new IllegalArgumentException("module " + m + ": fitted probes must be 0.." + probes);
            }
            total += cells;
        }
        switch (kind) {
            case SMART_BMS -> {
                if (moduleCells.size() != 1 || total > SMART_BMS_MAX_CELLS) {
                    throw new IllegalArgumentException("a Smart BMS has one board of 1.." + SMART_BMS_MAX_CELLS + " cells");
                }
                if (probesPerModule.get(0) > SMART_BMS_MAX_PROBES) {
                    throw new IllegalArgumentException("a Smart BMS reports at most " + SMART_BMS_MAX_PROBES + " probes");
                }
            }
            case JDI -> {
                if (moduleCells.size() > JDI_MAX_MODULES) {
                    throw new IllegalArgumentException("a JDI cascade has a BIU and at most 10 BMUs");
                }
                if (total > JDI_MAX_CELLS) {
                    throw new IllegalArgumentException("a JDI cascade manages at most " + JDI_MAX_CELLS + " cells, not " + total);
                }
                for (int cells : moduleCells) {
                    if (cells > JDI_MAX_MODULE_CELLS) {
                        throw new IllegalArgumentException("a JDI board collects at most " + JDI_MAX_MODULE_CELLS + " cells");
                    }
                }
            }
        }
        requirePositive(capacityAh, "capacityAh");
        requirePositive(heatCapacityJPerK, "heatCapacityJPerK");
        requirePositive(thermalTimeConstantSeconds, "thermalTimeConstantSeconds");
        requirePositive(sohPercent, "sohPercent");
        if (!(initialSoc >= 0 && initialSoc <= 1)) {
            throw new IllegalArgumentException("initialSoc must be 0..1");
        }
        if (resistanceOhm < 0 || polarizationOhm < 0 || capacitySpread < 0 || initialSocSpread < 0 || resistanceSpread < 0
                || probeSpreadCelsius < 0 || balanceCurrentAmps < 0 || heaterWatts < 0 || selfDischargePerMonth < 0) {
            throw new IllegalArgumentException("resistances, spreads, currents and powers must not be negative");
        }
        if (polarizationOhm > 0) {
            requirePositive(polarizationSeconds, "polarizationSeconds");
        }
        if (tick.isNegative() || tick.isZero() || tick.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("tick must be in (0, 10 s]");
        }
        if (ocvSocCorrectionAfter.isNegative()) {
            throw new IllegalArgumentException("ocvSocCorrectionAfter must not be negative");
        }
    }

    private static void requirePositive(double v, String name) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be positive, not " + v);
        }
    }

    /** A Smart BMS V4.0 board with {@code cells} cells, 6 probes of which 4 fitted (as the manual's screenshot). */
    public static Builder smartBms(int cells) {
        return new Builder(DeviceKind.SMART_BMS).modules(cells).probes(6).fittedProbes(4);
    }

    /**
     * A JDI cascade: {@code moduleCells[0]} on the BIU (16/32/48 for BI5116/BI5132/BI5148), the rest on BMUs.
     * Four NTC probes per 16 cells (rounded up), all fitted; pre-charge relay sequence on.
     */
    public static Builder jdi(int... moduleCells) {
        Builder b = new Builder(DeviceKind.JDI).modules(moduleCells);
        List<Integer> probes = new ArrayList<>();
        for (int cells : moduleCells) {
            probes.add(4 * ((cells + 15) / 16));
        }
        b.probesPerModule = probes;
        b.fittedProbesPerModule = probes;
        b.prechargeRelay = true;
        b.balanceCurrentAmps = 0.05;
        return b;
    }

    public int cellCount() {
        return moduleCells.stream().mapToInt(Integer::intValue).sum();
    }

    public int moduleCount() {
        return moduleCells.size();
    }

    public int probeCount() {
        return probesPerModule.stream().mapToInt(Integer::intValue).sum();
    }

    /** A builder initialised with this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(kind);
        b.chemistry = chemistry;
        b.moduleCells = moduleCells;
        b.probesPerModule = probesPerModule;
        b.fittedProbesPerModule = fittedProbesPerModule;
        b.capacityAh = capacityAh;
        b.capacitySpread = capacitySpread;
        b.initialSoc = initialSoc;
        b.initialSocSpread = initialSocSpread;
        b.resistanceOhm = resistanceOhm;
        b.resistanceSpread = resistanceSpread;
        b.polarizationOhm = polarizationOhm;
        b.polarizationSeconds = polarizationSeconds;
        b.resistanceTempCoefficient = resistanceTempCoefficient;
        b.selfDischargePerMonth = selfDischargePerMonth;
        b.sohPercent = sohPercent;
        b.ambientCelsius = ambientCelsius;
        b.initialCelsius = initialCelsius;
        b.heatCapacityJPerK = heatCapacityJPerK;
        b.thermalTimeConstantSeconds = thermalTimeConstantSeconds;
        b.probeSpreadCelsius = probeSpreadCelsius;
        b.currentGain = currentGain;
        b.currentOffsetAmps = currentOffsetAmps;
        b.balanceCurrentAmps = balanceCurrentAmps;
        b.heaterWatts = heaterWatts;
        b.tick = tick;
        b.seed = seed;
        b.insulationPositiveKOhm = insulationPositiveKOhm;
        b.insulationNegativeKOhm = insulationNegativeKOhm;
        b.insulationFaultKOhm = insulationFaultKOhm;
        b.supplyVolts = supplyVolts;
        b.prechargeRelay = prechargeRelay;
        b.prechargeTimeConstantSeconds = prechargeTimeConstantSeconds;
        b.prechargeTimeoutSeconds = prechargeTimeoutSeconds;
        b.ocvSocCorrectionAfter = ocvSocCorrectionAfter;
        b.initialCycles = initialCycles;
        return b;
    }

    /**
     * Mutable builder. Resistances and heat capacity default from the capacity when not set
     * (R0 = 0.04 Ω·Ah / C, R1 = 0.03 Ω·Ah / C, 20 J/K per Ah).
     */
    public static final class Builder {
        private final DeviceKind kind;
        private Chemistry chemistry = Chemistry.LFP;
        private List<Integer> moduleCells = List.of(16);
        private List<Integer> probesPerModule = List.of(4);
        private List<Integer> fittedProbesPerModule = List.of(4);
        private double capacityAh = 50;
        private double capacitySpread = 0.02;
        private double initialSoc = 0.5;
        private double initialSocSpread = 0.005;
        private double resistanceOhm = Double.NaN;
        private double resistanceSpread = 0.05;
        private double polarizationOhm = Double.NaN;
        private double polarizationSeconds = 30;
        private double resistanceTempCoefficient = 0.02;
        private double selfDischargePerMonth = 0;
        private double sohPercent = 100;
        private double ambientCelsius = 25;
        private double initialCelsius = Double.NaN;
        private double heatCapacityJPerK = Double.NaN;
        private double thermalTimeConstantSeconds = 3600;
        private double probeSpreadCelsius = 0.3;
        private double currentGain = 1.0;
        private double currentOffsetAmps = 0.0;
        private double balanceCurrentAmps = 0.1;
        private double heaterWatts = 200;
        private Duration tick = Duration.ofMillis(100);
        private long seed = 1;
        private double insulationPositiveKOhm = 5000;
        private double insulationNegativeKOhm = 5000;
        private double insulationFaultKOhm = 30;
        private double supplyVolts = 13.5;
        private boolean prechargeRelay = false;
        private double prechargeTimeConstantSeconds = 0.3;
        private double prechargeTimeoutSeconds = 3;
        private Duration ocvSocCorrectionAfter = Duration.ofMinutes(30);
        private long initialCycles = 0;

        private Builder(DeviceKind kind) {
            this.kind = kind;
        }

        public Builder chemistry(Chemistry v) { this.chemistry = Objects.requireNonNull(v); return this; }

        /** Cells per module; also resets the probes to the kind's default for that layout. */
        public Builder modules(int... cells) {
            List<Integer> list = new ArrayList<>();
            for (int c : cells) {
                list.add(c);
            }
            this.moduleCells = list;
            if (kind == DeviceKind.JDI) {
                List<Integer> probes = new ArrayList<>();
                for (int c : cells) {
                    probes.add(4 * ((c + 15) / 16));
                }
                this.probesPerModule = probes;
                this.fittedProbesPerModule = probes;
            }
            return this;
        }

        /** The same number of probes on every module (all of them fitted unless {@link #fittedProbes(int)} follows). */
        public Builder probes(int perModule) {
            this.probesPerModule = repeat(perModule);
            this.fittedProbesPerModule = repeat(perModule);
            return this;
        }

        public Builder fittedProbes(int perModule) { this.fittedProbesPerModule = repeat(perModule); return this; }
        public Builder probesPerModule(List<Integer> v) { this.probesPerModule = List.copyOf(v); return this; }
        public Builder fittedProbesPerModule(List<Integer> v) { this.fittedProbesPerModule = List.copyOf(v); return this; }
        public Builder capacityAh(double v) { this.capacityAh = v; return this; }
        public Builder capacitySpread(double v) { this.capacitySpread = v; return this; }
        public Builder initialSoc(double v) { this.initialSoc = v; return this; }
        public Builder initialSocSpread(double v) { this.initialSocSpread = v; return this; }
        public Builder resistanceOhm(double v) { this.resistanceOhm = v; return this; }
        public Builder resistanceSpread(double v) { this.resistanceSpread = v; return this; }
        public Builder polarization(double ohm, double seconds) { this.polarizationOhm = ohm; this.polarizationSeconds = seconds; return this; }
        public Builder resistanceTempCoefficient(double v) { this.resistanceTempCoefficient = v; return this; }
        public Builder selfDischargePerMonth(double v) { this.selfDischargePerMonth = v; return this; }
        public Builder sohPercent(double v) { this.sohPercent = v; return this; }
        public Builder ambientCelsius(double v) { this.ambientCelsius = v; return this; }
        public Builder initialCelsius(double v) { this.initialCelsius = v; return this; }
        public Builder heatCapacityJPerK(double v) { this.heatCapacityJPerK = v; return this; }
        public Builder thermalTimeConstantSeconds(double v) { this.thermalTimeConstantSeconds = v; return this; }
        public Builder probeSpreadCelsius(double v) { this.probeSpreadCelsius = v; return this; }
        public Builder currentSensor(double gain, double offsetAmps) { this.currentGain = gain; this.currentOffsetAmps = offsetAmps; return this; }
        public Builder balanceCurrentAmps(double v) { this.balanceCurrentAmps = v; return this; }
        public Builder heaterWatts(double v) { this.heaterWatts = v; return this; }
        public Builder tick(Duration v) { this.tick = v; return this; }
        public Builder seed(long v) { this.seed = v; return this; }
        public Builder insulation(double positiveKOhm, double negativeKOhm) { this.insulationPositiveKOhm = positiveKOhm; this.insulationNegativeKOhm = negativeKOhm; return this; }
        public Builder insulationFaultKOhm(double v) { this.insulationFaultKOhm = v; return this; }
        public Builder supplyVolts(double v) { this.supplyVolts = v; return this; }
        public Builder prechargeRelay(boolean v) { this.prechargeRelay = v; return this; }
        public Builder precharge(double timeConstantSeconds, double timeoutSeconds) { this.prechargeTimeConstantSeconds = timeConstantSeconds; this.prechargeTimeoutSeconds = timeoutSeconds; return this; }
        public Builder ocvSocCorrectionAfter(Duration v) { this.ocvSocCorrectionAfter = v; return this; }
        public Builder initialCycles(long v) { this.initialCycles = v; return this; }

        private List<Integer> repeat(int v) {
            List<Integer> list = new ArrayList<>();
            for (int i = 0; i < moduleCells.size(); i++) {
                list.add(v);
            }
            return list;
        }

        public PackConfig build() {
            double r0 = Double.isNaN(resistanceOhm) ? 0.04 / capacityAh : resistanceOhm;
            double r1 = Double.isNaN(polarizationOhm) ? 0.03 / capacityAh : polarizationOhm;
            double heat = Double.isNaN(heatCapacityJPerK) ? 20 * capacityAh : heatCapacityJPerK;
            return new PackConfig(kind, chemistry, moduleCells, probesPerModule, fittedProbesPerModule, capacityAh,
                    capacitySpread, initialSoc, initialSocSpread, r0, resistanceSpread, r1, polarizationSeconds,
                    resistanceTempCoefficient, selfDischargePerMonth, sohPercent, ambientCelsius, initialCelsius, heat,
                    thermalTimeConstantSeconds, probeSpreadCelsius, currentGain, currentOffsetAmps, balanceCurrentAmps,
                    heaterWatts, tick, seed, insulationPositiveKOhm, insulationNegativeKOhm, insulationFaultKOhm,
                    supplyVolts, prechargeRelay, prechargeTimeConstantSeconds, prechargeTimeoutSeconds,
                    ocvSocCorrectionAfter, initialCycles);
        }
    }
}
