/**
 * The battery-physics core of the virtual BMS: a series string of cells (1..160, grouped in modules),
 * their open-circuit voltage, internal resistance and temperatures, a current sensor with gain and offset
 * errors, scripted load scenarios, and the BMS logic a real board runs on top of them: protections with
 * delays and release thresholds, three alarm levels, MOSFET / relay switching, passive balancing, sleep,
 * and the JDI extras (insulation, supply voltages, relays, digital inputs, simulated failures).
 *
 * <p>{@link org.bmsw.simulator.battery.BatterySimulator} is the entry point: it advances in fixed internal
 * ticks with {@link org.bmsw.simulator.battery.BatterySimulator#step(java.time.Duration)} and publishes an
 * immutable {@link org.bmsw.simulator.battery.SimulatorState} after every call, which
 * {@link org.bmsw.simulator.battery.TelemetryMapper} turns into the device API's telemetry records.
 * No wire protocol lives here: Modbus register maps and CAN frames read the snapshot and call the
 * simulator's commands.
 */
@Version("1.0.0")
@Export
package org.bmsw.simulator.battery;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
