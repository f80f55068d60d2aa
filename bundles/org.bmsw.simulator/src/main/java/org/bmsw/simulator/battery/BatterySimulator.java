package org.bmsw.simulator.battery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A simulated battery pack with its BMS.
 *
 * <p><b>Physics.</b> {@code n} cells in series, each with its own capacity, SOC, ohmic resistance R0 (temperature
 * dependent), an RC polarization branch, and a thermal node: terminal voltage = OCV(SOC) + I·R0(T) + U1, where
 * dU1/dt = (I·R1 − U1)/τ1; heat = I²·R0 + U1²/R1 + balancing bleed + heater share, cooling to ambient with the
 * configured time constant. SOC is coulomb counted from the true current (plus bleed and self-discharge).
 * Probes read the mean temperature of the cells they sit on, plus a fixed seeded offset, plus the BMS's own
 * per-probe correction ({@link #setProbeCorrection}).
 *
 * <p><b>BMS.</b> Every tick, on the measured values: protections (delay of continuous violation, release threshold
 * held for the release delay), alarm levels, MOSFET/relay switching, balancing, heating, sleep, SOC estimation.
 * Short circuit is checked on the prospective current before it flows and trips at once.
 *
 * <p><b>Time.</b> {@link #step(Duration)} integrates in fixed ticks ({@link PackConfig#tick()}, default 100 ms of
 * simulated time) and carries a remainder shorter than a tick to the next call, so a caller may pass wall-clock
 * deltas times a speed factor. After each call an immutable {@link SimulatorState} is published.
 *
 * <p><b>Threads.</b> All methods are thread-safe: mutators and steps serialise on an internal lock;
 * {@link #snapshot()} is a lock-free read of the last published state.
 *
 * <p><b>Determinism.</b> All spreads come from a {@link Random} seeded with {@link PackConfig#seed()}; nothing reads
 * the wall clock. Same configuration, parameters and call sequence give equal snapshots.
 */
public final class BatterySimulator {

    private static final int MAX_EVENTS = 10_000;
    private static final double MIN_SUPPLY_VOLTS = 9.0;
    private static final double MAX_SUPPLY_VOLTS = 32.0;
    private static final double PRECHARGE_DONE_FRACTION = 0.95;
    private static final double LOAD_DECAY_SECONDS = 5.0;
    private static final double CHARGE_PORT_TAU_SECONDS = 600;
    private static final double CHARGE_PORT_KELVIN_PER_A2 = 0.0004;

    private final Object lock = new Object();
    private final PackConfig config;
    private final Map<String, Double> factoryParameters;
    private final TreeMap<String, Double> parameters = new TreeMap<>();
    private Settings s;

    // cells
    private final int n;
    private final int[] cellModule;
    private final double[] soc;
    private final double[] capacityAh;
    private final double[] r0;
    private final double[] u1;
    private final double[] tempC;
    private final double[] ocv;
    private final double[] volts;
    private final boolean[] balancing;
    private final OcvCurve curve;

    // probes
    private final int probeCount;
    private final int[] probeModule;
    private final int[] probeFirst;
    private final int[] probeLast;
    private final boolean[] probeFitted;
    private final double[] probeOffset;
    /** The BMS's own per-probe correction (its TempOffset parameters), °C added to the reading. */
    private final double[] probeCorrection;
    private final double[] probeReading;
    private final String[] probeLabel;

    // time
    private final long tickMillis;
    private final double dt;
    private long ticks;
    private long pendingNanos;

    // environment and load
    private double ambientC;
    private Demand demand = Demand.REST;
    private Scenario scenario;
    private int stepIndex;
    private long stepStartTick = -1;
    private boolean scenarioFinished = true;

    // current sensor
    private double sensorGain;
    private double sensorOffset;
    private double calGain = 1.0;
    private double calOffset = 0.0;
    private double trueAmps;
    private double measuredAmps;

    // aggregates of the last measurement
    private double packVolts;
    private double maxCellV;
    private double minCellV;
    private double maxT;
    private double minT;

    // BMS state
    private double bmsSoc;
    private double chargedAh;
    private double dischargedAh;
    private double measuredChargedAh;
    private double measuredDischargedAh;
    private double chargedWh;
    private double dischargedWh;
    private boolean chargeSwitch;
    private boolean dischargeSwitch;
    private boolean hostChargeDisabled;
    private boolean hostDischargeDisabled;
    private final Trip[] trips = new Trip[Protection.values().length];
    private final EnumSet<Protection> forcedProtections = EnumSet.noneOf(Protection.class);
    private final EnumSet<Protection> activeProtections = EnumSet.noneOf(Protection.class);
    private final EnumMap<Alarm, Integer> alarms = new EnumMap<>(Alarm.class);
    private final EnumMap<Alarm, Integer> forcedAlarms = new EnumMap<>(Alarm.class);
    private boolean sleeping;
    private final long[] sleepSince = {-1, -1, -1};
    private long restSince = -1;
    private boolean charging;
    private boolean discharging;

    // heater
    private boolean heaterOn;
    private long heaterSince = -1;

    // pre-charge
    private boolean precharging;
    private long prechargeSince = -1;
    private boolean prechargeFailed;
    private double loadVolts;

    // JDI extras
    private double insulationPos;
    private double insulationNeg;
    private double supplyVolts;
    private double keyOnLevel;
    private double wakeUpLevel;
    private final EnumMap<DigitalInput, Boolean> inputOverrides = new EnumMap<>(DigitalInput.class);
    private final EnumSet<Relay> hostRelays = EnumSet.noneOf(Relay.class);
    private final EnumSet<SimulatedFailure> failures = EnumSet.noneOf(SimulatedFailure.class);
    private boolean lastChargerPresent;
    private boolean lastKeyOn;
    private final double[] chargePortC = new double[2];

    // log
    private final ArrayDeque<SimEvent> events = new ArrayDeque<>();
    private long eventSequence;

    private volatile SimulatorState snapshot;

    /** A simulator with the manual's factory parameters for the chemistry and cell count. */
    public BatterySimulator(PackConfig config) {
        this(config, BmsParameters.defaults(config.chemistry(), config.cellCount()));
    }

    /**
     * @param config     the pack and board
     * @param parameters the BMS parameters (see {@link BmsParameters}); keys not given are simply absent, so start
     *                   from {@link BmsParameters#defaultsWith} to change a few
     */
    public BatterySimulator(PackConfig config, Map<String, Double> parameters) {
        this.config = Objects.requireNonNull(config, "config");
        this.factoryParameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
        this.parameters.putAll(parameters);
        this.curve = config.chemistry().ocv();
        this.tickMillis = config.tick().toMillis() > 0 ? config.tick().toMillis() : 1;
        this.dt = config.tick().toNanos() / 1e9;

        n = config.cellCount();
        cellModule = new int[n];
        soc = new double[n];
        capacityAh = new double[n];
        r0 = new double[n];
        u1 = new double[n];
        tempC = new double[n];
        ocv = new double[n];
        volts = new double[n];
        balancing = new boolean[n];
        probeCount = config.probeCount();
        probeModule = new int[probeCount];
        probeFirst = new int[probeCount];
        probeLast = new int[probeCount];
        probeFitted = new boolean[probeCount];
        probeOffset = new double[probeCount];
        probeCorrection = new double[probeCount];
        probeReading = new double[probeCount];
        probeLabel = new String[probeCount];

        Random random = new Random(config.seed());
        double initialT = Double.isNaN(config.initialCelsius()) ? config.ambientCelsius() : config.initialCelsius();
        int cell = 0;
        for (int m = 0; m < config.moduleCount(); m++) {
            for (int k = 0; k < config.moduleCells().get(m); k++) {
                cellModule[cell] = m;
                double capFactor = 1 + config.capacitySpread() * clampedGaussian(random);
                capacityAh[cell] = config.capacityAh() * config.sohPercent() / 100.0 * Math.max(0.05, capFactor);
                soc[cell] = clamp(config.initialSoc() + config.initialSocSpread() * clampedGaussian(random), 0, 1);
                r0[cell] = config.resistanceOhm() * Math.max(0.05, 1 + config.resistanceSpread() * clampedGaussian(random));
                tempC[cell] = initialT;
                cell++;
            }
        }
        int probe = 0;
        int firstCellOfModule = 0;
        for (int m = 0; m < config.moduleCount(); m++) {
            int cells = config.moduleCells().get(m);
            int probes = config.probesPerModule().get(m);
            int fitted = config.fittedProbesPerModule().get(m);
            for (int j = 0; j < probes; j++) {
                probeModule[probe] = m;
                probeLabel[probe] = String.format("T%02d", probe + 1);
                probeFitted[probe] = j < fitted;
                if (j < fitted) {
                    int from = firstCellOfModule + (int) ((long) j * cells / fitted);
                    int to = firstCellOfModule + (int) ((long) (j + 1) * cells / fitted);
                    probeFirst[probe] = from;
                    probeLast[probe] = Math.max(from + 1, to);
                }
                probeOffset[probe] = config.probeSpreadCelsius() * clampedGaussian(random);
                probe++;
            }
            firstCellOfModule += cells;
        }
        for (int i = 0; i < trips.length; i++) {
            trips[i] = new Trip();
        }
        ambientC = config.ambientCelsius();
        sensorGain = config.currentGain();
        sensorOffset = config.currentOffsetAmps();
        insulationPos = config.insulationPositiveKOhm();
        insulationNeg = config.insulationNegativeKOhm();
        supplyVolts = config.supplyVolts();
        keyOnLevel = config.supplyVolts();
        wakeUpLevel = config.supplyVolts();
        chargePortC[0] = ambientC;
        chargePortC[1] = ambientC;
        s = new Settings(this.parameters, curve, config);
        lastKeyOn = inputActive(DigitalInput.KEY_ON, false);
        measure(0);
        bmsSoc = ocvSocEstimate();
        evaluateBms(false);
        updateSwitches(false);
        publish();
    }

    // ------------------------------------------------------------------ public API: time

    /**
     * Advance simulated time by {@code duration} in fixed ticks; a remainder shorter than a tick is carried over.
     * Returns the new snapshot.
     */
    public SimulatorState step(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not run backwards");
        }
        synchronized (lock) {
            long tickNanos = config.tick().toNanos();
            long total = pendingNanos + duration.toNanos();
            long count = total / tickNanos;
            pendingNanos = total % tickNanos;
            for (long k = 0; k < count; k++) {
                tick();
            }
            return publish();
        }
    }

    /** Run {@code seconds} of simulated time as fast as the machine allows. */
    public SimulatorState runSeconds(double seconds) {
        return step(Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    /**
     * Tick until {@code condition} holds for a snapshot or {@code max} simulated time has passed; the condition is
     * tested after every tick (building a snapshot each time, so prefer {@link #step} for long quiet runs).
     *
     * @return true when the condition was met
     */
    public boolean runUntil(Predicate<SimulatorState> condition, Duration max) {
        synchronized (lock) {
            long limit = ticks + max.toNanos() / config.tick().toNanos();
            if (condition.test(snapshot)) {
                return true;
            }
            while (ticks < limit) {
                tick();
                if (condition.test(publish())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Run until the loaded scenario has finished or {@code max} has passed; true when it finished. */
    public boolean runScenarioToEnd(Duration max) {
        synchronized (lock) {
            long limit = ticks + max.toNanos() / config.tick().toNanos();
            while (!scenarioFinished && ticks < limit) {
                tick();
            }
            publish();
            return scenarioFinished;
        }
    }

    /** The last published state (lock-free). */
    public SimulatorState snapshot() {
        return snapshot;
    }

    public PackConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ public API: load

    /** Ask for a constant current, A (positive = a charger pushes current in). Replaces any scenario. */
    public SimulatorState setCurrentDemand(double amps) {
        synchronized (lock) {
            scenario = null;
            scenarioFinished = true;
            demand = new Demand(amps, Double.NaN, Double.NaN);
            return publish();
        }
    }

    /** Ask for a constant power, W (positive = charging, negative = a load). Replaces any scenario. */
    public SimulatorState setPowerDemand(double watts) {
        synchronized (lock) {
            scenario = null;
            scenarioFinished = true;
            demand = new Demand(Double.NaN, watts, Double.NaN);
            return publish();
        }
    }

    /** Start a scenario from its first step (replaces any current demand). */
    public SimulatorState runScenario(Scenario newScenario) {
        synchronized (lock) {
            scenario = Objects.requireNonNull(newScenario, "scenario");
            stepIndex = 0;
            stepStartTick = -1;
            scenarioFinished = newScenario.steps().isEmpty();
            demand = Demand.REST;
            event(SimEvent.Type.COMMAND, "SCENARIO", newScenario.toString());
            return publish();
        }
    }

    /** Parse and start a scenario, see {@link Scenario#parse(String)}. */
    public SimulatorState runScenario(String text) {
        return runScenario(Scenario.parse(text));
    }

    /** Stop the scenario and let the pack rest. */
    public SimulatorState stopScenario() {
        return setCurrentDemand(0);
    }

    // ------------------------------------------------------------------ public API: BMS

    /** Execute a CTRL command. */
    public SimulatorState command(ControlCommand command) {
        synchronized (lock) {
            event(SimEvent.Type.COMMAND, command.name(), "");
            switch (command) {
                case CHG_EN -> hostChargeDisabled = false;
                case CHG_DIS -> hostChargeDisabled = true;
                case DSG_EN -> hostDischargeDisabled = false;
                case DSG_DIS -> hostDischargeDisabled = true;
                case RESET -> {
                    hostChargeDisabled = false;
                    hostDischargeDisabled = false;
                    for (Protection p : Protection.values()) {
                        trips[p.ordinal()].reset();
                    }
                    prechargeFailed = false;
                    precharging = false;
                    prechargeSince = -1;
                    Arrays.fill(sleepSince, -1);
                    doWake("RESET");
                    evaluateBms(false);
                }
                case RESTORE -> {
                    parameters.clear();
                    parameters.putAll(factoryParameters);
                    s = new Settings(parameters, curve, config);
                }
            }
            updateSwitches(false);
            return publish();
        }
    }

    /** Wake a sleeping BMS (as a button, a charger or KeyOn would). */
    public SimulatorState wake() {
        synchronized (lock) {
            doWake("host");
            updateSwitches(false);
            return publish();
        }
    }

    /** Current parameters (immutable copy, sorted by key). */
    public Map<String, Double> parameters() {
        synchronized (lock) {
            return Collections.unmodifiableMap(new TreeMap<>(parameters));
        }
    }

    /** Set one parameter (engineering units, see {@link BmsParameters}); NaN removes it. */
    public SimulatorState setParameter(String key, double value) {
        return setParameters(Collections.singletonMap(key, value));
    }

    /** Set several parameters at once (NaN values remove their key). */
    public SimulatorState setParameters(Map<String, Double> values) {
        synchronized (lock) {
            for (Map.Entry<String, Double> e : values.entrySet()) {
                if (e.getValue() == null || e.getValue().isNaN()) {
                    parameters.remove(e.getKey());
                } else {
                    parameters.put(e.getKey(), e.getValue());
                }
                event(SimEvent.Type.PARAMETER, e.getKey(), String.valueOf(e.getValue()));
            }
            s = new Settings(parameters, curve, config);
            return publish();
        }
    }

    /** Overwrite the BMS's SOC estimate (the JDI tool's "SOC" calibration), %. */
    public SimulatorState setSocPercent(double percent) {
        synchronized (lock) {
            bmsSoc = clamp(percent, 0, 100);
            return publish();
        }
    }

    /** Force a protection bit on (it acts like a tripped one) or withdraw the force. */
    public SimulatorState forceProtection(Protection protection, boolean on) {
        synchronized (lock) {
            if (on) {
                forcedProtections.add(protection);
            } else {
                forcedProtections.remove(protection);
            }
            event(SimEvent.Type.FAILURE, protection.flagKey(), on ? "forced" : "force withdrawn");
            evaluateBms(false);
            updateSwitches(false);
            return publish();
        }
    }

    /** Force an alarm to a level 1..3; 0 withdraws the force. */
    public SimulatorState forceAlarm(Alarm alarm, int level) {
        if (level < 0 || level > 3) {
            throw new IllegalArgumentException("alarm level is 0..3");
        }
        synchronized (lock) {
            if (level == 0) {
                forcedAlarms.remove(alarm);
            } else {
                forcedAlarms.put(alarm, level);
            }
            event(SimEvent.Type.FAILURE, alarm.flagKey(), "forced level " + level);
            evaluateBms(false);
            return publish();
        }
    }

    public SimulatorState injectFailure(SimulatedFailure failure) {
        synchronized (lock) {
            if (failures.add(failure)) {
                event(SimEvent.Type.FAILURE, failure.name(), "injected");
            }
            remeasure();
            evaluateBms(false);
            updateSwitches(false);
            return publish();
        }
    }

    public SimulatorState clearFailure(SimulatedFailure failure) {
        synchronized (lock) {
            if (failures.remove(failure)) {
                event(SimEvent.Type.FAILURE, failure.name(), "cleared");
            }
            remeasure();
            evaluateBms(false);
            updateSwitches(false);
            return publish();
        }
    }

    // ------------------------------------------------------------------ public API: environment and sensors

    public SimulatorState setAmbientCelsius(double celsius) {
        synchronized (lock) {
            ambientC = celsius;
            return publish();
        }
    }

    /** Set every cell to one temperature at once (to start a test hot or cold without waiting). */
    public SimulatorState setCellTemperatures(double celsius) {
        synchronized (lock) {
            Arrays.fill(tempC, celsius);
            remeasure();
            return publish();
        }
    }

    /** Set one cell's true SOC (0..1), e.g. to create an imbalance. */
    public SimulatorState setCellSoc(int index, double stateOfCharge) {
        synchronized (lock) {
            soc[index - 1] = stateOfCharge;
            remeasure();
            return publish();
        }
    }

    /**
     * The BMS's temperature calibration of one probe: {@code celsius} is added to what the probe measures (its
     * fixed seeded error included), as a BMS's per-probe offset parameter does.
     *
     * @param index 1-based probe index (T01 = 1)
     */
    public SimulatorState setProbeCorrection(int index, double celsius) {
        synchronized (lock) {
            if (index < 1 || index > probeCount) {
                throw new IllegalArgumentException("probe " + index + " does not exist (1.." + probeCount + ")");
            }
            probeCorrection[index - 1] = celsius;
            remeasure();
            return publish();
        }
    }

    /** Change the current sensor's error: measured = gain · true + offset (before the BMS's calibration). */
    public SimulatorState setCurrentSensorError(double gain, double offsetAmps) {
        synchronized (lock) {
            sensorGain = gain;
            sensorOffset = offsetAmps;
            remeasure();
            return publish();
        }
    }

    /** Set the BMS's current calibration directly: reported = (raw − offset) · gain. */
    public SimulatorState setCurrentCalibration(double gain, double offsetAmps) {
        synchronized (lock) {
            calGain = gain;
            calOffset = offsetAmps;
            remeasure();
            return publish();
        }
    }

    /**
     * The manual's "zero point calibration": take the present raw reading as zero. Correct only when no current
     * flows — as on the real device.
     *
     * @return the new calibration offset, A
     */
    public double calibrateCurrentZero() {
        synchronized (lock) {
            calOffset = rawAmps(trueAmps);
            remeasure();
            publish();
            return calOffset;
        }
    }

    /**
     * The manual's "actual current calibration": while a known current flows, scale so the reading matches it.
     *
     * @param actualAmps the current an external meter shows (positive while charging, this simulator's convention)
     * @return the new calibration gain
     */
    public double calibrateCurrentGain(double actualAmps) {
        synchronized (lock) {
            double net = rawAmps(trueAmps) - calOffset;
            if (Math.abs(net) < 1e-6) {
                throw new IllegalStateException("no current flows; a gain calibration needs a known current");
            }
            calGain = actualAmps / net;
            remeasure();
            publish();
            return calGain;
        }
    }

    public SimulatorState setInsulation(double positiveKOhm, double negativeKOhm) {
        synchronized (lock) {
            insulationPos = positiveKOhm;
            insulationNeg = negativeKOhm;
            evaluateBms(false);
            return publish();
        }
    }

    /** Board supply (VCC), V; out of 9..32 V the BMS raises PWRBit. */
    public SimulatorState setSupplyVolts(double vcc) {
        synchronized (lock) {
            supplyVolts = vcc;
            evaluateBms(false);
            updateSwitches(false);
            return publish();
        }
    }

    /** Levels of the KeyOn and charger wake-up supplies when their inputs are high, V. */
    public SimulatorState setAuxiliaryVolts(double keyOnVolts, double wakeUpVolts) {
        synchronized (lock) {
            keyOnLevel = keyOnVolts;
            wakeUpLevel = wakeUpVolts;
            return publish();
        }
    }

    /**
     * Drive a digital input instead of the automatic behaviour (KeyOn high; charger wake-up and CC2 high while a
     * charge is demanded; CC and CP low).
     */
    public SimulatorState setDigitalInput(DigitalInput input, boolean high) {
        synchronized (lock) {
            inputOverrides.put(input, high);
            afterInputChange();
            return publish();
        }
    }

    /** Return an input to its automatic behaviour. */
    public SimulatorState clearDigitalInput(DigitalInput input) {
        synchronized (lock) {
            inputOverrides.remove(input);
            afterInputChange();
            return publish();
        }
    }

    /** Switch a host relay RL5..RL8. */
    public SimulatorState setRelay(Relay relay, boolean closed) {
        if (!relay.hostControlled()) {
            throw new IllegalArgumentException(relay + " is driven by the BMS logic; only RL5..RL8 are host relays");
        }
        synchronized (lock) {
            boolean changed = closed ? hostRelays.add(relay) : hostRelays.remove(relay);
            if (changed) {
                event(SimEvent.Type.RELAY_CHANGED, relay.name(), closed ? "closed" : "open");
            }
            return publish();
        }
    }

    // ------------------------------------------------------------------ public API: log

    /** The event log (the last {@value #MAX_EVENTS}), oldest first. */
    public List<SimEvent> events() {
        synchronized (lock) {
            return List.copyOf(events);
        }
    }

    /** Events with a sequence number above {@code sequence}. */
    public List<SimEvent> eventsSince(long sequence) {
        synchronized (lock) {
            List<SimEvent> out = new ArrayList<>();
            for (SimEvent e : events) {
                if (e.sequence() > sequence) {
                    out.add(e);
                }
            }
            return out;
        }
    }

    // ------------------------------------------------------------------ the tick

    private void tick() {
        Demand d = scenarioDemand();
        boolean chargerPresent = d.charges();
        if (chargerPresent && !lastChargerPresent && sleeping) {
            doWake("charger connected");
        }
        lastChargerPresent = chargerPresent;
        boolean keyOn = inputActive(DigitalInput.KEY_ON, chargerPresent);
        if (keyOn && !lastKeyOn) {
            if (sleeping) {
                doWake("KeyOn");
            }
        }
        if (!keyOn && lastKeyOn) {
            prechargeFailed = false;
        }
        lastKeyOn = keyOn;

        double amps = requestedAmps(d);
        if (amps > 0 && !chargeSwitch) {
            amps = 0;
        }
        if (amps < 0 && !dischargeSwitch) {
            amps = 0;
        }
        // short circuit: acts on the prospective current, before it flows
        if (amps < 0 && !sleeping && !Double.isNaN(s.threshold[Protection.SC.ordinal()])
                && -reportedAmps(amps) >= s.threshold[Protection.SC.ordinal()]) {
            Trip sc = trips[Protection.SC.ordinal()];
            if (!sc.tripped) {
                sc.trip();
                activeProtections.add(Protection.SC);
                event(SimEvent.Type.PROTECTION_TRIPPED, Protection.SC.flagKey(),
                        String.format(java.util.Locale.ROOT, "%.1f A prospective", -amps));
            }
            updateSwitches(true);
            amps = 0;
        }

        integrate(amps, chargerPresent);
        ticks++;
        evaluateBms(chargerPresent);
        updateSwitches(true);
        advanceScenarioAfterTick();
    }

    private void integrate(double amps, boolean chargerPresent) {
        double bleedAmps = config.balanceCurrentAmps() * s.balanceDuty;
        double selfDischargePerSecond = config.selfDischargePerMonth() / (30 * 86400.0);
        double heaterPerCell = heaterOn ? config.heaterWatts() / n : 0;
        double r1 = config.polarizationOhm();
        double decay = r1 > 0 ? Math.exp(-dt / config.polarizationSeconds()) : 0;
        double heatCap = config.heatCapacityJPerK();
        double rThermal = config.thermalTimeConstantSeconds() / heatCap;
        double k = config.resistanceTempCoefficient();
        for (int i = 0; i < n; i++) {
            double r = r0[i] * Math.exp(k * (25.0 - tempC[i]));
            double bleed = balancing[i] ? bleedAmps : 0;
            soc[i] += ((amps - bleed) * dt / 3600.0) / capacityAh[i] - selfDischargePerSecond * dt;
            soc[i] = clamp(soc[i], -0.1, 1.1);
            double target = amps * r1;
            u1[i] = target + (u1[i] - target) * decay;
            double heat = amps * amps * r + (r1 > 0 ? u1[i] * u1[i] / r1 : 0) + bleed * volts[i] + heaterPerCell;
            tempC[i] += (heat - (tempC[i] - ambientC) / rThermal) * dt / heatCap;
        }
        trueAmps = amps;
        measure(amps);
        double measuredAh = measuredAmps * dt / 3600.0;
        double ah = amps * dt / 3600.0;
        if (amps >= 0) {
            chargedAh += ah;
            chargedWh += ah * packVolts;
        } else {
            dischargedAh -= ah;
            dischargedWh -= ah * packVolts;
        }
        if (measuredAh >= 0) {
            measuredChargedAh += measuredAh;
        } else {
            measuredDischargedAh -= measuredAh;
        }
        bmsSoc = clamp(bmsSoc + measuredAh / s.fcc * 100.0, 0, 100);
        // charge port NTCs: warmed by the charge current through the connector
        double portAmps = chargerPresent ? Math.max(0, amps) : 0;
        for (int p = 0; p < 2; p++) {
            double target = ambientC + CHARGE_PORT_KELVIN_PER_A2 * portAmps * portAmps * (p == 0 ? 1.0 : 0.9);
            chargePortC[p] += (target - chargePortC[p]) * dt / CHARGE_PORT_TAU_SECONDS;
        }
    }

    /** Cell voltages, pack voltage, probes and the current reading for a string current {@code amps}. */
    private void measure(double amps) {
        double k = config.resistanceTempCoefficient();
        double pack = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            ocv[i] = curve.ocv(soc[i]);
            double r = r0[i] * Math.exp(k * (25.0 - tempC[i]));
            double v = clamp(ocv[i] + amps * r + u1[i], 0, 5);
            volts[i] = v;
            pack += v;
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        packVolts = pack;
        maxCellV = max;
        minCellV = min;
        double tMax = Double.NaN;
        double tMin = Double.NaN;
        for (int p = 0; p < probeCount; p++) {
            boolean works = probeFitted[p] && !(p == 0 && failures.contains(SimulatedFailure.TEMPERATURE_SENSOR));
            if (!works) {
                probeReading[p] = Double.NaN;
                continue;
            }
            double sum = 0;
            for (int i = probeFirst[p]; i < probeLast[p]; i++) {
                sum += tempC[i];
            }
            double reading = sum / (probeLast[p] - probeFirst[p]) + probeOffset[p] + probeCorrection[p];
            probeReading[p] = reading;
            tMax = Double.isNaN(tMax) ? reading : Math.max(tMax, reading);
            tMin = Double.isNaN(tMin) ? reading : Math.min(tMin, reading);
        }
        maxT = tMax;
        minT = tMin;
        measuredAmps = reportedAmps(amps);
    }

    private void remeasure() {
        measure(trueAmps);
    }

    private double rawAmps(double amps) {
        return sensorGain * amps + sensorOffset;
    }

    private double reportedAmps(double amps) {
        if (failures.contains(SimulatedFailure.CURRENT_SENSOR)) {
            return 0;
        }
        return (rawAmps(amps) - calOffset) * calGain;
    }

    private double resistanceAt(int i) {
        return r0[i] * Math.exp(config.resistanceTempCoefficient() * (25.0 - tempC[i]));
    }

    /** The current a demand asks for, from the state at the start of the tick. */
    private double requestedAmps(Demand d) {
        if (d.isRest()) {
            return 0;
        }
        double e = 0;
        double r = 0;
        for (int i = 0; i < n; i++) {
            e += ocv[i] + u1[i];
            r += resistanceAt(i);
        }
        double amps;
        if (!Double.isNaN(d.watts)) {
            double p = d.watts;
            if (r <= 0) {
                amps = p / e;
            } else {
                double disc = e * e + 4 * r * p;
                amps = disc < 0 ? -e / (2 * r) : (-e + Math.sqrt(disc)) / (2 * r);
            }
        } else {
            amps = d.amps;
        }
        if (amps > 0 && !Double.isNaN(d.cvVolts)) {
            double room = d.cvVolts - e;
            double limit = r > 0 ? room / r : (room > 0 ? amps : 0);
            amps = Math.max(0, Math.min(amps, limit));
        }
        return amps;
    }

    // ------------------------------------------------------------------ BMS logic

    private long now() {
        return ticks * tickMillis;
    }

    /** Protections, alarms, balancing, heater, sleep, SOC correction, on the last measurement. */
    private void evaluateBms(boolean chargerPresent) {
        long now = now();
        double shield = s.shieldAmps;
        boolean atRest = Math.abs(measuredAmps) <= shield;
        charging = measuredAmps > shield;
        discharging = measuredAmps < -shield;
        if (!sleeping) {
            evaluateProtections(now);
            evaluateAlarms();
            evaluateBalancing();
            evaluateHeater(now, chargerPresent);
            evaluateSleep(now, atRest && !chargerPresent);
        }
        // SOC: rest correction from OCV
        if (atRest && !chargerPresent) {
            if (restSince < 0) {
                restSince = now;
            }
            long after = config.ocvSocCorrectionAfter().toMillis();
            if (after > 0 && now - restSince >= after) {
                bmsSoc = ocvSocEstimate();
            }
        } else {
            restSince = -1;
        }
    }

    private void evaluateProtections(long now) {
        double spreadMv = (maxCellV - minCellV) * 1000;
        for (Protection p : Protection.values()) {
            int i = p.ordinal();
            Trip trip = trips[i];
            boolean violated;
            boolean releaseMet;
            double threshold = s.threshold[i];
            double release = s.release[i];
            switch (p) {
                case COM -> {
                    violated = failures.contains(SimulatedFailure.COMMUNICATION);
                    releaseMet = !violated;
                }
                case PWR -> {
                    double vcc = vcc();
                    violated = vcc < MIN_SUPPLY_VOLTS || vcc > MAX_SUPPLY_VOLTS;
                    releaseMet = !violated;
                }
                case PRECHG -> {
                    violated = prechargeFailed || failures.contains(SimulatedFailure.TEMPERATURE_SENSOR);
                    releaseMet = !violated;
                }
                default -> {
                    if (Double.isNaN(threshold)) {
                        if (trip.tripped) {
                            trip.reset();
                            event(SimEvent.Type.PROTECTION_RELEASED, p.flagKey(), "disabled");
                        }
                        continue;
                    }
                    double value = switch (p) {
                        case SC, OCD, OCD2 -> -measuredAmps;
                        case OCC -> measuredAmps;
                        case VDIF -> spreadMv;
                        case TOV, TUV -> packVolts;
                        case COV -> maxCellV * 1000;
                        case CUV -> minCellV * 1000;
                        case OTC, OTD -> maxT;
                        case UTC, UTD -> minT;
                        default -> Double.NaN;
                    };
                    boolean under = p == Protection.CUV || p == Protection.TUV || p == Protection.UTC || p == Protection.UTD;
                    if (Double.isNaN(value)) {
                        violated = false;
                        releaseMet = false;
                    } else if (under) {
                        violated = value <= threshold;
                        releaseMet = value > release;
                    } else {
                        violated = value >= threshold;
                        releaseMet = value < release;
                    }
                }
            }
            int change = trip.update(now, violated, releaseMet, s.delayMs[i], s.releaseDelayMs[i]);
            if (change > 0) {
                event(SimEvent.Type.PROTECTION_TRIPPED, p.flagKey(), describe(p));
                if (p == Protection.COV) {
                    bmsSoc = 100;
                } else if (p == Protection.CUV) {
                    bmsSoc = 0;
                }
            } else if (change < 0) {
                event(SimEvent.Type.PROTECTION_RELEASED, p.flagKey(), describe(p));
            }
        }
        activeProtections.clear();
        for (Protection p : Protection.values()) {
            if (trips[p.ordinal()].tripped || forcedProtections.contains(p)) {
                activeProtections.add(p);
            }
        }
    }

    private String describe(Protection p) {
        return switch (p) {
            case COV, CUV, VDIF -> String.format(java.util.Locale.ROOT, "cells %.0f..%.0f mV", minCellV * 1000, maxCellV * 1000);
            case TOV, TUV -> String.format(java.util.Locale.ROOT, "pack %.2f V", packVolts);
            case OTC, OTD, UTC, UTD -> String.format(java.util.Locale.ROOT, "probes %.1f..%.1f °C", minT, maxT);
            case OCC, OCD, OCD2, SC -> String.format(java.util.Locale.ROOT, "%.1f A", measuredAmps);
            default -> "";
        };
    }

    private void evaluateAlarms() {
        EnumMap<Alarm, Integer> next = new EnumMap<>(Alarm.class);
        double spreadMv = (maxCellV - minCellV) * 1000;
        for (Alarm a : Alarm.values()) {
            int level = 0;
            if (a.leveled()) {
                double value = switch (a) {
                    case TOV, TUV -> packVolts;
                    case COV -> maxCellV * 1000;
                    case CUV -> minCellV * 1000;
                    case OTD, OTC -> maxT;
                    case UTD, UTC -> minT;
                    case OCD -> -measuredAmps;
                    case OCC -> measuredAmps;
                    case VDIFF -> spreadMv;
                    default -> Double.NaN;
                };
                boolean under = a == Alarm.TUV || a == Alarm.CUV || a == Alarm.UTD || a == Alarm.UTC;
                double[] levels = s.alarmLevels[a.ordinal()];
                for (int l = 0; l < 3; l++) {
                    double t = levels[l];
                    if (!Double.isNaN(t) && !Double.isNaN(value) && (under ? value <= t : value >= t)) {
                        level = l + 1;
                    }
                }
            } else {
                boolean present = switch (a) {
                    case D_ER -> failures.contains(SimulatedFailure.DISCHARGE_SWITCH);
                    case C_ER -> failures.contains(SimulatedFailure.CHARGE_SWITCH);
                    case COMM -> failures.contains(SimulatedFailure.COMMUNICATION);
                    case SC -> trips[Protection.SC.ordinal()].tripped;
                    default -> false;
                };
                level = present ? 1 : 0;
            }
            Integer forced = forcedAlarms.get(a);
            if (forced != null) {
                level = forced;
            }
            if (level > 0) {
                next.put(a, level);
            }
        }
        for (Alarm a : Alarm.values()) {
            int before = alarms.getOrDefault(a, 0);
            int after = next.getOrDefault(a, 0);
            if (before != after) {
                event(SimEvent.Type.ALARM_CHANGED, a.flagKey(), "level " + before + " -> " + after);
            }
        }
        alarms.clear();
        alarms.putAll(next);
    }

    private void evaluateBalancing() {
        boolean wasActive = anyBalancing();
        double balV = s.balV;
        double balDiff = s.balVdiff;
        if (Double.isNaN(balV) || Double.isNaN(balDiff) || s.balanceDuty <= 0 || config.balanceCurrentAmps() <= 0) {
            Arrays.fill(balancing, false);
        } else {
            double maxMv = maxCellV * 1000;
            double minMv = minCellV * 1000;
            boolean hot = !Double.isNaN(s.balT) && !Double.isNaN(maxT) && maxT >= s.balT;
            boolean allowed = maxMv >= balV && !hot;
            for (int i = 0; i < n; i++) {
                double above = volts[i] * 1000 - minMv;
                if (!allowed) {
                    balancing[i] = false;
                } else if (balancing[i]) {
                    balancing[i] = above >= balDiff / 2;
                } else {
                    balancing[i] = above >= balDiff;
                }
            }
        }
        boolean active = anyBalancing();
        if (active != wasActive) {
            event(SimEvent.Type.BALANCING_CHANGED, "BAL", active ? "started" : "stopped");
        }
    }

    private boolean anyBalancing() {
        for (boolean b : balancing) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    private void evaluateHeater(long now, boolean chargerPresent) {
        boolean want;
        if (!chargerPresent || Double.isNaN(s.hotOnT) || Double.isNaN(minT)) {
            if (heaterOn) {
                heaterOn = false;
                event(SimEvent.Type.RELAY_CHANGED, Relay.RL4.name(), "open");
            }
            heaterSince = -1;
            return;
        }
        want = heaterOn ? !(minT >= s.hotOffT) : minT < s.hotOnT;
        if (want != heaterOn) {
            if (heaterSince < 0) {
                heaterSince = now;
            }
            long delay = heaterOn ? s.hotOffDelayMs : s.hotOnDelayMs;
            if (now - heaterSince >= delay) {
                heaterOn = want;
                heaterSince = -1;
                event(SimEvent.Type.RELAY_CHANGED, Relay.RL4.name(), heaterOn ? "closed" : "open");
            }
        } else {
            heaterSince = -1;
        }
    }

    private void evaluateSleep(long now, boolean atRest) {
        if (!(s.powerDownEnabled)) {
            Arrays.fill(sleepSince, -1);
            return;
        }
        double minMv = minCellV * 1000;
        for (int level = 0; level < 3; level++) {
            double threshold = s.sleepMv[level];
            if (Double.isNaN(threshold) || !atRest || !(minMv < threshold)) {
                sleepSince[level] = -1;
                continue;
            }
            if (sleepSince[level] < 0) {
                sleepSince[level] = now;
            }
            if (now - sleepSince[level] >= s.sleepDelayMs[level]) {
                sleeping = true;
                Arrays.fill(balancing, false);
                heaterOn = false;
                Arrays.fill(sleepSince, -1);
                event(SimEvent.Type.SLEEP, new String[] {"Fast", "Mid", "Slow"}[level],
                        String.format(java.util.Locale.ROOT, "min cell %.0f mV", minMv));
                return;
            }
        }
    }

    private void doWake(String why) {
        if (sleeping) {
            sleeping = false;
            Arrays.fill(sleepSince, -1);
            event(SimEvent.Type.WAKE, why, "");
        }
    }

    private void afterInputChange() {
        boolean keyOn = inputActive(DigitalInput.KEY_ON, lastChargerPresent);
        if (keyOn && !lastKeyOn && sleeping) {
            doWake("KeyOn");
        }
        if (!keyOn && lastKeyOn) {
            prechargeFailed = false;
        }
        lastKeyOn = keyOn;
        boolean wake = inputActive(DigitalInput.CHARGER_WAKEUP, lastChargerPresent);
        if (wake && sleeping) {
            doWake("charger wake-up");
        }
        updateSwitches(false);
    }

    private boolean inputActive(DigitalInput input, boolean chargerPresent) {
        Boolean forced = inputOverrides.get(input);
        if (forced != null) {
            return forced;
        }
        return switch (input) {
            case KEY_ON -> true;
            case CHARGER_WAKEUP, CC2 -> chargerPresent;
            case CC, CP -> false;
        };
    }

    private double vcc() {
        return failures.contains(SimulatedFailure.POWER_SUPPLY) ? 8.0 : supplyVolts;
    }

    private boolean chargeAllowed() {
        if (sleeping || hostChargeDisabled || failures.contains(SimulatedFailure.CHARGE_SWITCH)) {
            return false;
        }
        for (Protection p : activeProtections) {
            if (p.cutsCharge()) {
                return false;
            }
        }
        return true;
    }

    private boolean dischargeAllowed() {
        if (sleeping || hostDischargeDisabled || failures.contains(SimulatedFailure.DISCHARGE_SWITCH) || prechargeFailed) {
            return false;
        }
        if (config.kind() == DeviceKind.JDI && !lastKeyOn) {
            return false;
        }
        for (Protection p : activeProtections) {
            if (p.cutsDischarge()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Close or open the switches. {@code timeAdvanced} is true inside a tick (pre-charge progresses), false for
     * host commands between ticks (only openings and immediate closings happen).
     */
    private void updateSwitches(boolean timeAdvanced) {
        boolean chg = chargeAllowed();
        if (chg != chargeSwitch) {
            chargeSwitch = chg;
            event(SimEvent.Type.SWITCH_CHANGED, "CHG", chg ? "on" : "off");
        }
        boolean dsgAllowed = dischargeAllowed();
        boolean dsg = dischargeSwitch;
        long now = now();
        if (!dsgAllowed) {
            dsg = false;
            if (precharging) {
                precharging = false;
                prechargeSince = -1;
                event(SimEvent.Type.RELAY_CHANGED, Relay.RL2.name(), "open");
            }
        } else if (!dischargeSwitch) {
            boolean relayPrecharge = config.kind() == DeviceKind.JDI && config.prechargeRelay();
            boolean timedPrecharge = !relayPrecharge && s.prechargeTimeMs > 0;
            if (!relayPrecharge && !timedPrecharge) {
                dsg = true;
            } else {
                if (!precharging) {
                    precharging = true;
                    prechargeSince = now;
                    event(SimEvent.Type.RELAY_CHANGED, Relay.RL2.name(), "closed");
                }
                if (timeAdvanced) {
                    if (relayPrecharge) {
                        if (!failures.contains(SimulatedFailure.PRECHARGE)) {
                            loadVolts += (packVolts - loadVolts) * (1 - Math.exp(-dt / config.prechargeTimeConstantSeconds()));
                        } else {
                            loadVolts = 0;
                        }
                        if (loadVolts >= PRECHARGE_DONE_FRACTION * packVolts) {
                            dsg = true;
                        } else if (now - prechargeSince >= Math.round(config.prechargeTimeoutSeconds() * 1000)) {
                            prechargeFailed = true;
                            precharging = false;
                            prechargeSince = -1;
                            event(SimEvent.Type.RELAY_CHANGED, Relay.RL2.name(), "open (pre-charge timed out)");
                        }
                    } else if (now - prechargeSince >= s.prechargeTimeMs) {
                        dsg = true;
                    }
                    if (dsg) {
                        precharging = false;
                        prechargeSince = -1;
                        event(SimEvent.Type.RELAY_CHANGED, Relay.RL2.name(), "open");
                    }
                }
            }
        }
        if (dsg != dischargeSwitch) {
            dischargeSwitch = dsg;
            event(SimEvent.Type.SWITCH_CHANGED, "DSG", dsg ? "on" : "off");
        }
        if (dischargeSwitch) {
            loadVolts = packVolts;
        } else if (!precharging && timeAdvanced) {
            loadVolts *= Math.exp(-dt / LOAD_DECAY_SECONDS);
        }
    }

    private double ocvSocEstimate() {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += s.bmsCurve.soc(ocv[i]);
        }
        return clamp(sum / n * 100.0, 0, 100);
    }

    // ------------------------------------------------------------------ scenario

    private Demand scenarioDemand() {
        if (scenario == null) {
            return demand;
        }
        int guard = 0;
        while (!scenarioFinished && guard++ <= scenario.steps().size()) {
            ScenarioStep step = scenario.steps().get(stepIndex);
            if (stepStartTick < 0) {
                stepStartTick = ticks;
                event(SimEvent.Type.SCENARIO_STEP, Integer.toString(stepIndex + 1), step.toString());
                if (stepEnds(step, 0)) {
                    nextStep();
                    continue;
                }
            }
            return demandOf(step);
        }
        return Demand.REST;
    }

    private void advanceScenarioAfterTick() {
        if (scenario == null || scenarioFinished || stepStartTick < 0) {
            return;
        }
        ScenarioStep step = scenario.steps().get(stepIndex);
        if (stepEnds(step, (ticks - stepStartTick) * tickMillis)) {
            nextStep();
        }
    }

    private boolean stepEnds(ScenarioStep step, long elapsedMs) {
        if (step.maxDuration() != null && elapsedMs >= step.maxDuration().toMillis()) {
            return true;
        }
        boolean cutOff = switch (step.kind()) {
            case CHARGE -> !chargeAllowed();
            case DISCHARGE -> !dischargeAllowed();
            case REST -> false;
        };
        Condition.Readings r = readings();
        for (Condition c : step.until()) {
            if (c.test(r, cutOff)) {
                return true;
            }
        }
        return false;
    }

    private void nextStep() {
        stepIndex++;
        stepStartTick = -1;
        if (stepIndex >= scenario.steps().size()) {
            scenarioFinished = true;
            event(SimEvent.Type.SCENARIO_FINISHED, "", scenario.steps().size() + " steps");
        }
    }

    private Demand demandOf(ScenarioStep step) {
        double sign = switch (step.kind()) {
            case CHARGE -> 1;
            case DISCHARGE -> -1;
            case REST -> 0;
        };
        if (sign == 0) {
            return Demand.REST;
        }
        return switch (step.unit()) {
            case AMPS -> new Demand(sign * step.amount(), Double.NaN, step.cvVolts());
            case C_RATE -> new Demand(sign * step.amount() * config.capacityAh(), Double.NaN, step.cvVolts());
            case WATTS -> new Demand(Double.NaN, sign * step.amount(), step.cvVolts());
        };
    }

    private Condition.Readings readings() {
        return new Condition.Readings() {
            @Override public double maxCellVolts() { return maxCellV; }
            @Override public double minCellVolts() { return minCellV; }
            @Override public double packVolts() { return packVolts; }
            @Override public double socPercent() { return bmsSoc; }
            @Override public double maxCelsius() { return maxT; }
            @Override public double minCelsius() { return minT; }
            @Override public double measuredAmps() { return measuredAmps; }
        };
    }

    // ------------------------------------------------------------------ snapshot

    private SimulatorState publish() {
        List<CellState> cells = new ArrayList<>(n);
        int bal = 0;
        for (int i = 0; i < n; i++) {
            cells.add(new CellState(i + 1, cellModule[i], volts[i], ocv[i], soc[i], capacityAh[i], r0[i], tempC[i], balancing[i]));
            if (balancing[i]) {
                bal++;
            }
        }
        List<ProbeState> probes = new ArrayList<>(probeCount);
        for (int p = 0; p < probeCount; p++) {
            boolean reads = !Double.isNaN(probeReading[p]);
            probes.add(new ProbeState(p + 1, probeModule[p], probeLabel[p], probeReading[p], reads,
                    reads ? probeFirst[p] + 1 : 0, reads ? probeLast[p] : 0));
        }
        boolean chargerPresent = lastChargerPresent;
        EnumSet<Relay> relays = EnumSet.copyOf(hostRelays.isEmpty() ? EnumSet.noneOf(Relay.class) : hostRelays);
        if (dischargeSwitch) {
            relays.add(Relay.RL1);
        }
        if (precharging) {
            relays.add(Relay.RL2);
        }
        if (chargeSwitch) {
            relays.add(Relay.RL3);
        }
        if (heaterOn) {
            relays.add(Relay.RL4);
        }
        EnumSet<DigitalInput> inputs = EnumSet.noneOf(DigitalInput.class);
        for (DigitalInput in : DigitalInput.values()) {
            if (inputActive(in, chargerPresent)) {
                inputs.add(in);
            }
        }
        double vcc = vcc();
        double keyOnVolts = inputs.contains(DigitalInput.KEY_ON) ? keyOnLevel : 0;
        double wakeUpVolts = inputs.contains(DigitalInput.CHARGER_WAKEUP) ? wakeUpLevel : 0;
        double insPos = failures.contains(SimulatedFailure.INSULATION) ? Math.min(insulationPos, config.insulationFaultKOhm()) : insulationPos;
        double insNeg = insulationNeg;
        EnumSet<Fault> faults = EnumSet.noneOf(Fault.class);
        if ((s.mrKOhm > 0 && insPos < s.mrKOhm) || (s.mrGndKOhm > 0 && insNeg < s.mrGndKOhm)) {
            faults.add(Fault.INSULATION_LOW);
        }
        if (failures.contains(SimulatedFailure.COMMUNICATION)) {
            faults.add(Fault.COMMUNICATION);
        }
        if (vcc < MIN_SUPPLY_VOLTS || vcc > MAX_SUPPLY_VOLTS) {
            faults.add(Fault.POWER_SUPPLY);
        }
        if (prechargeFailed) {
            faults.add(Fault.PRECHARGE);
        }
        if (failures.contains(SimulatedFailure.CHARGE_SWITCH)) {
            faults.add(Fault.CHARGE_SWITCH);
        }
        if (failures.contains(SimulatedFailure.DISCHARGE_SWITCH)) {
            faults.add(Fault.DISCHARGE_SWITCH);
        }
        if (failures.contains(SimulatedFailure.TEMPERATURE_SENSOR)) {
            faults.add(Fault.TEMPERATURE_SENSOR);
        }
        if (failures.contains(SimulatedFailure.CURRENT_SENSOR)) {
            faults.add(Fault.CURRENT_SENSOR);
        }
        double[] sop = sop();
        ScenarioProgress progress;
        if (scenario == null) {
            progress = ScenarioProgress.NONE;
        } else if (scenarioFinished) {
            progress = new ScenarioProgress(scenario.steps().size(), scenario.steps().size(), "", Duration.ZERO, true);
        } else {
            long elapsed = stepStartTick < 0 ? 0 : (ticks - stepStartTick) * tickMillis;
            progress = new ScenarioProgress(stepIndex, scenario.steps().size(), scenario.steps().get(stepIndex).toString(),
                    Duration.ofMillis(elapsed), false);
        }
        long cycles = config.initialCycles() + (long) Math.floor(measuredDischargedAh / s.fcc);
        SimulatorState state = new SimulatorState(Duration.ofMillis(now()), ticks, config.kind(), config.chemistry(), cells,
                probes, ambientC, packVolts, trueAmps, measuredAmps, charging, discharging, bmsSoc, config.sohPercent(),
                s.fcc, bmsSoc / 100.0 * s.fcc, cycles, chargedAh, dischargedAh, measuredChargedAh, measuredDischargedAh,
                chargedWh, dischargedWh, chargeSwitch, dischargeSwitch, !hostChargeDisabled, !hostDischargeDisabled,
                activeProtections, alarms, sleeping, bal, sop[0], sop[1], calGain, calOffset, insPos, insNeg,
                keyOnVolts, wakeUpVolts, vcc, loadVolts, chargerPresent ? packVolts : 0,
                chargerPresent ? Math.max(0, trueAmps) : 0, List.of(chargePortC[0], chargePortC[1]), relays, inputs,
                failures, faults, progress);
        snapshot = state;
        return state;
    }

    /** {charge W, discharge W} available now within the cell-voltage and current limits. */
    private double[] sop() {
        double e = 0;
        double r = 0;
        double maxDsg = Double.POSITIVE_INFINITY;
        double maxChg = Double.POSITIVE_INFINITY;
        double cuv = s.threshold[Protection.CUV.ordinal()] / 1000;
        double cov = s.threshold[Protection.COV.ordinal()] / 1000;
        for (int i = 0; i < n; i++) {
            double ei = ocv[i] + u1[i];
            double ri = resistanceAt(i) + config.polarizationOhm();
            e += ei;
            r += ri;
            if (ri > 0) {
                if (!Double.isNaN(cuv)) {
                    maxDsg = Math.min(maxDsg, Math.max(0, (ei - cuv) / ri));
                }
                if (!Double.isNaN(cov)) {
                    maxChg = Math.min(maxChg, Math.max(0, (cov - ei) / ri));
                }
            }
        }
        double ocd = s.threshold[Protection.OCD.ordinal()];
        double occ = s.threshold[Protection.OCC.ordinal()];
        double cap = 10 * config.capacityAh();
        maxDsg = Math.min(maxDsg, Double.isNaN(ocd) ? cap : ocd);
        maxChg = Math.min(maxChg, Double.isNaN(occ) ? cap : occ);
        double dsgW = dischargeAllowed() ? maxDsg * Math.max(0, e - maxDsg * r) : 0;
        double chgW = chargeAllowed() ? maxChg * (e + maxChg * r) : 0;
        return new double[] {chgW, dsgW};
    }

    private void event(SimEvent.Type type, String key, String detail) {
        events.addLast(new SimEvent(++eventSequence, Duration.ofMillis(now()), type, key, detail));
        while (events.size() > MAX_EVENTS) {
            events.removeFirst();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** A standard normal draw limited to ±3σ, so no spread produces a nonsensical cell. */
    private static double clampedGaussian(Random random) {
        return clamp(random.nextGaussian(), -3, 3);
    }

    /** What the BMS is asked for during one tick. */
    private record Demand(double amps, double watts, double cvVolts) {
        static final Demand REST = new Demand(0, Double.NaN, Double.NaN);

        boolean isRest() {
            return Double.isNaN(watts) && amps == 0;
        }

        boolean charges() {
            return Double.isNaN(watts) ? amps > 0 : watts > 0;
        }
    }

    /** A protection's trip / release timer, in simulated milliseconds. */
    private static final class Trip {
        boolean tripped;
        long violationSince = -1;
        long releaseSince = -1;

        void trip() {
            tripped = true;
            violationSince = -1;
            releaseSince = -1;
        }

        void reset() {
            tripped = false;
            violationSince = -1;
            releaseSince = -1;
        }

        /** @return +1 tripped now, -1 released now, 0 unchanged */
        int update(long now, boolean violated, boolean releaseMet, long delayMs, long releaseDelayMs) {
            if (!tripped) {
                releaseSince = -1;
                if (!violated) {
                    violationSince = -1;
                    return 0;
                }
                if (violationSince < 0) {
                    violationSince = now;
                }
                if (now - violationSince >= delayMs) {
                    trip();
                    return 1;
                }
                return 0;
            }
            if (!releaseMet) {
                releaseSince = -1;
                return 0;
            }
            if (releaseSince < 0) {
                releaseSince = now;
            }
            if (now - releaseSince >= releaseDelayMs) {
                reset();
                return -1;
            }
            return 0;
        }
    }

    /** Parameters resolved into numbers once per change. */
    private static final class Settings {
        final double[] threshold = new double[Protection.values().length];
        final double[] release = new double[Protection.values().length];
        final long[] delayMs = new long[Protection.values().length];
        final long[] releaseDelayMs = new long[Protection.values().length];
        final double[][] alarmLevels = new double[Alarm.values().length][3];
        final double balV;
        final double balVdiff;
        final double balT;
        final double balanceDuty;
        final boolean powerDownEnabled;
        final double[] sleepMv = new double[3];
        final long[] sleepDelayMs = new long[3];
        final double shieldAmps;
        final double fcc;
        final double hotOnT;
        final double hotOffT;
        final long hotOnDelayMs;
        final long hotOffDelayMs;
        final long prechargeTimeMs;
        final double mrKOhm;
        final double mrGndKOhm;
        final OcvCurve bmsCurve;

        Settings(Map<String, Double> p, OcvCurve physical, PackConfig config) {
            for (Protection prot : Protection.values()) {
                int i = prot.ordinal();
                String key = prot.parameterKey();
                if (key.isEmpty()) {
                    threshold[i] = Double.NaN;
                    release[i] = Double.NaN;
                    continue;
                }
                threshold[i] = get(p, key, Double.NaN);
                release[i] = get(p, key + "R", threshold[i]);
                delayMs[i] = seconds(get(p, key + "Delay", 0));
                releaseDelayMs[i] = seconds(get(p, key + "RDelay", 0));
            }
            // SC acts at once whatever a SCDelay key says
            delayMs[Protection.SC.ordinal()] = 0;
            if (!p.containsKey("SCR")) {
                release[Protection.SC.ordinal()] = threshold[Protection.SC.ordinal()];
            }
            for (Alarm a : Alarm.values()) {
                for (int l = 0; l < 3; l++) {
                    alarmLevels[a.ordinal()][l] = a.leveled() ? get(p, a.parameterKey() + (l + 1), Double.NaN) : Double.NaN;
                }
            }
            balV = get(p, "BalV", Double.NaN);
            balVdiff = get(p, "BalVdiff", Double.NaN);
            balT = get(p, "BalT", Double.NaN);
            balanceDuty = clamp(get(p, "BalPer", 100) / 100.0, 0, 1);
            powerDownEnabled = get(p, "PowerDownEn", 0) >= 1;
            String[] names = {"Fast", "Mid", "Slow"};
            for (int l = 0; l < 3; l++) {
                sleepMv[l] = get(p, names[l] + "Voltage", Double.NaN);
                sleepDelayMs[l] = Math.round(get(p, names[l] + "Delay", 0) * 60_000);
            }
            shieldAmps = Math.max(0, get(p, "SHIELD_I", 0.5));
            double nominal = config.capacityAh() * config.sohPercent() / 100.0;
            double f = get(p, "FCC", nominal);
            fcc = f > 0 ? f : nominal;
            hotOnT = get(p, "HOT_ON_T", Double.NaN);
            hotOffT = get(p, "HOT_OFF_T", hotOnT);
            hotOnDelayMs = seconds(get(p, "HOT_ON_TIME", 0));
            hotOffDelayMs = seconds(get(p, "HOT_OFF_TIME", 0));
            prechargeTimeMs = seconds(get(p, "PRECHG_TIME", 0));
            mrKOhm = get(p, "MR", 0);
            mrGndKOhm = get(p, "MRGND", 0);
            bmsCurve = bmsTable(p, physical);
        }

        private static OcvCurve bmsTable(Map<String, Double> p, OcvCurve physical) {
            double[] mv = new double[11];
            for (int i = 0; i <= 10; i++) {
                Double v = p.get("Vol" + i);
                if (v == null || v.isNaN()) {
                    return physical;
                }
                mv[i] = v;
            }
            try {
                return OcvCurve.fromEquallySpacedMillivolts(mv);
            } catch (IllegalArgumentException notMonotonic) {
                return physical;
            }
        }

        private static long seconds(double s) {
            return Math.max(0, Math.round(s * 1000));
        }

        private static double get(Map<String, Double> p, String key, double fallback) {
            Double v = p.get(key);
            return v == null || v.isNaN() ? fallback : v;
        }
    }
}
