package org.bmsw.simulator.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.simulator.battery.Chemistry;
import org.bmsw.simulator.bus.Endpoint;
import org.bmsw.simulator.bus.LineTiming;
import org.bmsw.simulator.bus.PathEndpoint;
import org.bmsw.simulator.bus.PtyEndpoint;
import org.bmsw.simulator.bus.TcpEndpoint;
import org.bmsw.simulator.bus.VirtualBus;
import org.bmsw.simulator.bus.VirtualDevice;
import org.bmsw.simulator.bus.VirtualDeviceOptions;
import org.bmsw.simulator.can.SimulatedCanDevice;
import org.bmsw.simulator.can.SlcanAdapter;
import org.bmsw.simulator.device.FaultPlan;
import org.bmsw.simulator.device.PowerCutPlan;
import org.bmsw.simulator.device.SimulatedBootloader;
import org.osgi.service.component.annotations.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bmsw simulate}: virtual devices on a pty pair, a device path or TCP until the program is stopped. */
@Component(service = CliCommand.class)
public class SimulateCommand implements CliCommand {

    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public Object create(CliContext context) {
        return new Run(context);
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true, description = {
            "Runs virtual BMS devices speaking the real wire protocol until stopped (Ctrl-C).",
            "Examples:",
            "  bmsw simulate --pty /tmp/bms                      Smart BMS at address 1 on a new pty pair",
            "  bmsw simulate --tcp 5020 --address 1,2,3 --cells 16",
            "  bmsw simulate --pty /tmp/bms --faults seed=7,drop=0.02,corrupt=0.02 --state bms.json",
            "  bmsw simulate --pty /tmp/bms --baud 115200 --power-cut-at PROGRAM_MAX#20   power lost mid-update",
            "  bmsw simulate --slcan /tmp/can --modules 48,16     JDI BI5148 + one BMU behind a USB-CAN adapter;",
            "                                                      read it with --can slcan:/tmp/can@250000"})
    static final class Run implements Callable<Integer> {

        private final CliContext context;

        @Option(names = "--profile", paramLabel = "ID",
                description = "Profile to simulate (default smartbms.v4; with --slcan jdi.bi51.can).")
        String profile;

        @Option(names = "--pty", paramLabel = "PATH", description = "Make a pty pair; masters open PATH.")
        Path pty;

        @Option(names = "--path", paramLabel = "PATH", description = "Serve on an existing device path (one end of a line).")
        Path path;

        @Option(names = "--tcp", paramLabel = "[HOST:]PORT", description = "Listen for RTU over TCP (default host 127.0.0.1).")
        String tcp;

        @Option(names = "--slcan", paramLabel = "PATH", description = {
                "Make a pty pair and be a Lawicel (slcan) USB-CAN adapter there with the device of a CAN profile",
                "behind it: broadcast frames per its DBC, parameters through XCP. The host picks the bit rate."})
        Path slcan;

        @Option(names = "--address", paramLabel = "LIST", split = ",", description = "Device addresses (default 1).")
        List<Integer> addresses = new ArrayList<>(List.of(1));

        @Option(names = "--cells", description = "Cells per device (default 24, or as many as the map holds when fewer).")
        Integer cells;

        @Option(names = "--modules", paramLabel = "LIST", split = ",",
                description = "JDI: cells of the BIU then of each BMU, e.g. 48,16,16 (overrides --cells).")
        List<Integer> modules;

        @Option(names = "--chemistry", description = "LFP or NMC (default LFP).")
        Chemistry chemistry = Chemistry.LFP;

        @Option(names = "--soc", description = "Initial state of charge, %.")
        Double soc;

        @Option(names = "--seed", description = "Seed of the cells' spread (each address adds its own).")
        long seed = 1;

        @Option(names = "--firmware", description = "Firmware version the devices report.")
        String firmware = "35-7-3";

        @Option(names = "--baud", description = "Bytes are paced at this rate (default 9600); 0 = unpaced.")
        int baud = 9600;

        @Option(names = "--latency", paramLabel = "MS", description = "Response latency (default 5 ms).")
        long latencyMillis = 5;

        @Option(names = "--faults", paramLabel = "SPEC",
                description = "seed=N,drop=R,corrupt=R,truncate=R,wrong-address=R,exception=R,delay=R,delay-by=MS,disconnect=R")
        String faults;

        @Option(names = "--power-cut-at", paramLabel = "STEP", description = {
                "Devices with a bootloader lose power once during a firmware update: before an XCP command",
                "(PROGRAM_CLEAR, PROGRAM_MAX#20 for the 20th ...), before XCP packet N (packet=N), or in the",
                "middle of flash operation N (flash-op=N)."})
        String powerCutAt;

        @Option(names = "--power-off", paramLabel = "MS", description = "How long the power stays off after the cut (default 500).")
        long powerOffMillis = 500;

        @Option(names = "--in-bootloader", description = "Devices start waiting in their bootloader (as after an interrupted update).")
        boolean inBootloader;

        @Option(names = "--state", paramLabel = "FILE", description = "Keep parameter values in FILE between runs.")
        Path state;

        @Option(names = "--speed", description = "Simulated seconds per real second (default 1).")
        double speed = 1;

        @Option(names = "--scenario", paramLabel = "TEXT",
                description = "Load script, e.g. 'charge 25A until cellV>=3.6; rest 30m; discharge 50A until soc<=5%%'.")
        String scenario;

        Run(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            int endpoints = (pty != null ? 1 : 0) + (path != null ? 1 : 0) + (tcp != null ? 1 : 0) + (slcan != null ? 1 : 0);
            if (endpoints != 1) {
                throw new IllegalArgumentException("say where to serve: one of --pty PATH, --path PATH, --tcp [HOST:]PORT"
                        + " or --slcan PATH");
            }
            if (profile == null) {
                profile = slcan != null ? "jdi.bi51.can" : "smartbms.v4";
            }
            DeviceProfile found = context.profiles().profile(profile).orElseThrow(() -> new IllegalArgumentException(
                    "no profile '" + profile + "'; installed: " + context.profiles().profiles().stream()
                            .map(DeviceProfile::id).toList()));
            RegisterDeviceProfile registers;
            if (slcan != null) {
                if (!addresses.equals(List.of(1)) || faults != null || powerCutAt != null || inBootloader) {
                    throw new IllegalArgumentException("--slcan simulates one device on CAN: --address, --faults, "
                            + "--power-cut-at and --in-bootloader are for Modbus lines");
                }
                registers = SimulatedCanDevice.registerProfile(found); // refuses a profile without CAN data
            } else if (found instanceof RegisterDeviceProfile register) {
                registers = register;
            } else {
                throw new IllegalArgumentException("profile " + profile + " is not register based; on a serial line or "
                        + "TCP the simulator serves register profiles (CAN profiles with --slcan)");
            }
            FaultPlan plan = faults == null ? FaultPlan.NONE : FaultPlan.parse(faults);
            PowerCutPlan cut = powerCutAt == null ? null : PowerCutPlan.parse(powerCutAt);
            if (powerOffMillis < 0) {
                throw new IllegalArgumentException("--power-off must not be negative: " + powerOffMillis);
            }
            List<VirtualDevice> devices = new ArrayList<>();
            for (int address : addresses) {
                List<Integer> fitted = modules != null ? modules : cells != null ? List.of(cells)
                        : VirtualDeviceOptions.defaults(registers).modules();
                VirtualDeviceOptions options = new VirtualDeviceOptions(fitted, chemistry, seed + address - 1, firmware,
                        soc == null ? Double.NaN : soc);
                VirtualDevice device = new VirtualDevice(registers, address, options);
                if (scenario != null) {
                    device.battery().runScenario(scenario);
                }
                if ((cut != null || inBootloader) && device.bootloader().isEmpty()) {
                    throw new IllegalArgumentException("profile " + profile + " declares no firmware section: its devices"
                            + " have no bootloader for --power-cut-at or --in-bootloader");
                }
                device.bootloader().ifPresent(b -> prepare(b, cut));
                devices.add(device);
            }
            try (VirtualBus bus = new VirtualBus(devices, new LineTiming(baud, 10, Duration.ofMillis(latencyMillis)),
                    plan, Optional.ofNullable(state), speed);
                 Endpoint endpoint = slcan != null ? onCan(found, devices.get(0), slcan) : open(bus)) {
                context.out().printf(Locale.ROOT, "simulating %s at address %s (%d cells %s) on %s%n", profile,
                        addresses, devices.get(0).battery().config().cellCount(), chemistry, endpoint.address());
                if (slcan != null) {
                    context.out().printf("connect with: bmsw read --can slcan:%s@250000%n", endpoint.address());
                } else {
                    context.out().printf("connect with: bmsw read %s %s --address %d%n", tcp != null ? "--tcp" : "--port",
                            endpoint.address(), addresses.get(0));
                }
                devices.get(0).bootloader().filter(b -> slcan == null).ifPresent(b -> context.out().println(b.describe()
                        + (inBootloader ? "; waiting in the bootloader" : "")
                        + (cut != null ? "; power lost once " + cut.describe() : "")));
                context.out().flush();
                Thread.sleep(Long.MAX_VALUE); // until the program stops
            }
            return CliCommand.OK;
        }

        private void prepare(SimulatedBootloader bootloader, PowerCutPlan cut) {
            bootloader.powerOffFor(Duration.ofMillis(powerOffMillis));
            if (inBootloader) {
                bootloader.enterBootloader();
            }
            if (cut != null) {
                bootloader.planPowerCut(cut);
            }
        }

        /** A simulated USB-CAN adapter on a new pty pair, the device behind it for as long as the host's line lasts. */
        private static Endpoint onCan(DeviceProfile canProfile, VirtualDevice device, Path hostSide) throws java.io.IOException {
            return PtyEndpoint.start((in, out) -> {
                SlcanAdapter adapter = new SlcanAdapter(in, out, hostSide.toString());
                CountDownLatch closed = new CountDownLatch(1);
                adapter.onClose(reason -> closed.countDown());
                try (SimulatedCanDevice onTheBus = new SimulatedCanDevice(canProfile, device.registers(), adapter)) {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    adapter.close();
                }
            }, hostSide);
        }

        private Endpoint open(VirtualBus bus) throws java.io.IOException {
            if (pty != null) {
                return PtyEndpoint.start(bus, pty);
            }
            if (path != null) {
                return PathEndpoint.start(bus, path);
            }
            int colon = tcp.lastIndexOf(':');
            String host = colon < 0 ? "127.0.0.1" : tcp.substring(0, colon);
            try {
                return TcpEndpoint.start(bus, host, Integer.parseInt(tcp.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--tcp needs [HOST:]PORT, not '" + tcp + "'");
            }
        }
    }
}
