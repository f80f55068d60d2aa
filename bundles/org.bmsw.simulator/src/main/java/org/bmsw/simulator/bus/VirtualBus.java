package org.bmsw.simulator.bus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.bmsw.protocol.modbus.RtuServer;
import org.bmsw.simulator.device.FaultPlan;
import org.bmsw.simulator.device.SimulatedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Virtual devices sharing one line: every connection to the bus gets its own frame splitter and paced
 * line, all talking to the same devices. Batteries advance on a clock of their own at {@code speed} times
 * real time. With a state file, parameter values are restored at start and saved whenever they change.
 */
public final class VirtualBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualBus.class);
    private static final Duration CLOCK_TICK = Duration.ofMillis(100);

    private final List<VirtualDevice> devices;
    private final LineTiming timing;
    private final FaultPlan faults;
    private final Optional<Path> stateFile;
    private final double speed;
    private final Thread clock;
    private final List<SimulatedLine> lines = new ArrayList<>();
    private Map<Integer, StateFile.Saved> lastSaved = Map.of();
    private volatile boolean running = true;

    /**
     * @param speed simulated seconds per real second (1 = real time)
     * @throws IOException if the state file exists but cannot be read
     */
    public VirtualBus(List<VirtualDevice> devices, LineTiming timing, FaultPlan faults, Optional<Path> stateFile,
                      double speed) throws IOException {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a bus needs at least one device");
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be positive: " + speed);
        }
        this.devices = List.copyOf(devices);
        this.timing = timing;
        this.faults = faults;
        this.stateFile = stateFile;
        this.speed = speed;
        new RtuServer(slaves()); // refuses two devices at one address before anything runs
        if (stateFile.isPresent()) {
            restore(stateFile.get());
        }
        this.clock = new Thread(this::tick, "bmsw-sim clock");
        clock.setDaemon(true);
        clock.start();
    }

    public List<VirtualDevice> devices() {
        return devices;
    }

    public Optional<VirtualDevice> device(int address) {
        return devices.stream().filter(d -> d.address() == address).findFirst();
    }

    public LineTiming timing() {
        return timing;
    }

    /** Faults injected on every line of this bus so far. */
    public synchronized long faultsInjected() {
        return lines.stream().mapToLong(SimulatedLine::faultsInjected).sum();
    }

    /**
     * Serves one connection until end of stream, interruption, or a line cut ({@link SimulatedLine.LineCut}), which
     * the caller handles by ending the connection the way a pulled cable would.
     */
    public void serve(InputStream in, OutputStream out) throws IOException {
        newLine().serve(in, out);
    }

    /** A line of its own (frame splitter, pacing, fault sequence) for one connection. */
    public synchronized SimulatedLine newLine() {
        // each connection continues the fault sequence from a seed of its own, so reruns repeat exactly
        FaultPlan plan = faults.none() ? faults : new FaultPlan(faults.seed() + lines.size(), faults.drop(),
                faults.corrupt(), faults.truncate(), faults.wrongAddress(), faults.exception(), faults.delay(),
                faults.extraDelay(), faults.disconnect());
        SimulatedLine line = new SimulatedLine(new RtuServer(slaves()), timing.baud(), timing.bitsPerCharacter(),
                timing.latency(), plan);
        lines.add(line);
        return line;
    }

    private List<org.bmsw.protocol.modbus.ModbusRtuSlave> slaves() {
        return devices.stream().map(VirtualDevice::slave).toList();
    }

    private void restore(Path file) throws IOException {
        Map<Integer, StateFile.Saved> saved = StateFile.read(file);
        for (VirtualDevice device : devices) {
            StateFile.Saved state = saved.get(device.address());
            if (state == null) {
                continue;
            }
            if (!state.profileId().equals(device.profile().id())) {
                LOG.warn("Simulator state {} holds a {} at address {}, now a {}: its values are not restored", file,
                        state.profileId(), device.address(), device.profile().id());
                continue;
            }
            device.restore(state.parameters()).forEach((key, why) -> LOG.warn(
                    "Simulator state {}: {} at address {} not restored: {}", file, key, device.address(), why));
        }
        lastSaved = snapshot();
    }

    private Map<Integer, StateFile.Saved> snapshot() {
        Map<Integer, StateFile.Saved> now = new TreeMap<>();
        for (VirtualDevice device : devices) {
            now.put(device.address(), new StateFile.Saved(device.profile().id(),
                    new LinkedHashMap<>(device.parameterValues())));
        }
        return now;
    }

    /** Saves the state file when a value changed since the last save. */
    public synchronized void saveIfChanged() {
        if (stateFile.isEmpty()) {
            return;
        }
        Map<Integer, StateFile.Saved> now = snapshot();
        if (now.equals(lastSaved)) {
            return;
        }
        try {
            StateFile.write(stateFile.get(), now);
            lastSaved = now;
        } catch (IOException e) {
            LOG.error("Could not save the simulator state to {}: {}", stateFile.get(), e.getMessage());
        }
    }

    private void tick() {
        long last = System.nanoTime();
        int ticks = 0;
        while (running) {
            try {
                Thread.sleep(CLOCK_TICK.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            Duration simulated = Duration.ofNanos(Math.round((now - last) * speed));
            last = now;
            for (VirtualDevice device : devices) {
                device.battery().step(simulated);
            }
            if (++ticks % 5 == 0) {
                saveIfChanged();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        clock.interrupt();
        try {
            clock.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        saveIfChanged();
    }

    @Override
    public String toString() {
        return devices.stream().map(VirtualDevice::toString).toList() + " at " + timing.baud() + " baud";
    }
}
