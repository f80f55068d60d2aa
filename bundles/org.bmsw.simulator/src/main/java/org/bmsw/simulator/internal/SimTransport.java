package org.bmsw.simulator.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bmsw.device.api.DeviceProfile;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.simulator.bus.LineTiming;
import org.bmsw.simulator.bus.VirtualBus;
import org.bmsw.simulator.bus.VirtualDevice;
import org.bmsw.simulator.bus.VirtualDeviceOptions;
import org.bmsw.simulator.can.SimulatedCanDevice;
import org.bmsw.simulator.can.VirtualCanBus;
import org.bmsw.simulator.device.FaultPlan;
import org.bmsw.simulator.device.SimulatedLine;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException.Reason;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkKind;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.PortInfo;
import org.bmsw.transport.api.TransportProvider;
import org.bmsw.transport.spi.OpenLinks;
import org.bmsw.transport.spi.StreamLink;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in simulator as a transport: port {@code sim:<profile id>} (e.g. {@code sim:smartbms.v4}) is a line
 * with a virtual device of that register profile at address 1, built from the profile's own map and schema, so
 * every data-only profile can be tried without hardware. {@code sim:<profile id>/1,2,5} puts devices at those
 * addresses. For a CAN profile ({@code sim:jdi.bi51.can}) the port is a CAN bus with its device broadcasting and
 * answering XCP. Buses live as long as the program; their parameter values persist in the data directory.
 */
@Component(service = TransportProvider.class, property = TransportProvider.PROPERTY_ID + "=" + SimTransport.ID)
public class SimTransport implements TransportProvider {

    static final String ID = "sim";
    private static final int MIN_CAN_BITRATE = 10_000;
    private static final int DEFAULT_CAN_BITRATE = 250_000;

    private static final Logger LOG = LoggerFactory.getLogger(SimTransport.class);

    private final OpenLinks openLinks = new OpenLinks();
    private final List<RegisterDeviceProfile> profiles = new CopyOnWriteArrayList<>();
    /** CAN profiles: simulated from their data when opened (capabilities are not asked for before, to load nothing early). */
    private final List<DeviceProfile> canProfiles = new CopyOnWriteArrayList<>();
    private final Map<String, VirtualBus> buses = new ConcurrentHashMap<>();
    private final Path stateDir;

    @Activate
    public SimTransport(BundleContext context) {
        String dataDir = context.getProperty("bmsw.data.dir");
        this.stateDir = dataDir == null ? null : Path.of(dataDir, "simulator");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProfile(DeviceProfile profile) {
        if (profile instanceof RegisterDeviceProfile registers) {
            profiles.add(registers);
        } else if (profile.linkKinds().contains(LinkKind.CAN)) {
            canProfiles.add(profile);
        }
    }

    void removeProfile(DeviceProfile profile) {
        profiles.remove(profile);
        canProfiles.remove(profile);
    }

    @Deactivate
    void deactivate() {
        openLinks.closeAll(ID);
        buses.values().forEach(VirtualBus::close);
        buses.clear();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Built-in simulator";
    }

    @Override
    public Set<LinkKind> kinds() {
        return Set.of(LinkKind.BYTES, LinkKind.CAN);
    }

    @Override
    public List<PortInfo> listPorts() {
        List<PortInfo> ports = new ArrayList<>();
        for (RegisterDeviceProfile profile : List.copyOf(profiles)) {
            ports.add(new PortInfo(ID, profile.id(), "Simulated " + profile.displayName().english(), -1, -1, ""));
        }
        for (DeviceProfile profile : List.copyOf(canProfiles)) {
            ports.add(new PortInfo(ID, profile.id(), "Simulated " + profile.displayName().english() + " (CAN)", -1, -1, ""));
        }
        return ports;
    }

    @Override
    public ByteLink openByteLink(LinkSettings settings) throws LinkException {
        if (canProfile(settings.path()).isPresent()) {
            throw new LinkException(Reason.INVALID_SETTINGS, "sim:" + settings.path() + " is a simulated CAN bus: connect "
                    + "with its profile, " + settings.path());
        }
        VirtualBus bus = bus(settings);
        StreamLink link = new StreamLink(settings, "simulated line " + settings.path(),
                vanished -> connect(bus, settings.path()), false, false).start();
        return openLinks.track(link);
    }

    /** A CAN bus with the profile's device on it; the device (clock, state file) outlives the link. */
    @Override
    public CanLink openCanLink(LinkSettings settings) throws LinkException {
        DeviceProfile profile = canProfile(settings.path()).orElseThrow(() -> new LinkException(Reason.NOT_FOUND,
                "No simulated CAN device '" + settings.path() + "', available: "
                        + canProfiles.stream().map(DeviceProfile::id).toList()));
        VirtualBus bus = bus(settings);
        // a serial port's default rate is no CAN bit rate: the bus then runs at the usual 250 kbit/s
        VirtualCanBus can = new VirtualCanBus(settings.baud() >= MIN_CAN_BITRATE ? settings
                : settings.withBaud(DEFAULT_CAN_BITRATE));
        SimulatedCanDevice device = new SimulatedCanDevice(profile, bus.devices().get(0).registers(), can.device());
        can.host().onClose(reason -> device.close());
        return openLinks.track(can.host());
    }

    private Optional<DeviceProfile> canProfile(String path) {
        return canProfiles.stream().filter(p -> p.id().equals(path)).findFirst();
    }

    private VirtualBus bus(LinkSettings settings) throws LinkException {
        String path = settings.path();
        VirtualBus existing = buses.get(path);
        if (existing != null) {
            return existing;
        }
        synchronized (buses) {
            existing = buses.get(path);
            if (existing != null) {
                return existing;
            }
            VirtualBus bus = newBus(path, settings.baud());
            buses.put(path, bus);
            LOG.info("Simulated bus {} started: {}", path, bus);
            return bus;
        }
    }

    private VirtualBus newBus(String path, int baud) throws LinkException {
        int slash = path.indexOf('/');
        String profileId = slash < 0 ? path : path.substring(0, slash);
        RegisterDeviceProfile profile;
        try {
            Optional<DeviceProfile> can = canProfile(profileId);
            profile = can.isPresent() ? SimulatedCanDevice.registerProfile(can.get()) : profiles.stream()
                    .filter(p -> p.id().equals(profileId)).findFirst().orElseThrow(() -> new LinkException(
                            Reason.NOT_FOUND, "No simulated device '" + profileId + "': the simulator serves register "
                            + "profiles and CAN profiles, available: " + listPorts().stream().map(PortInfo::path).toList()));
        } catch (IllegalArgumentException e) {
            throw new LinkException(Reason.INVALID_SETTINGS, "Simulated bus '" + path + "': " + e.getMessage(), e);
        }
        List<VirtualDevice> devices = new ArrayList<>();
        try {
            for (int address : addresses(slash < 0 ? "1" : path.substring(slash + 1))) {
                devices.add(new VirtualDevice(profile, address, VirtualDeviceOptions.defaults(profile).withSeed(address)));
            }
            Optional<Path> state = stateDir == null ? Optional.empty()
                    : Optional.of(stateDir.resolve(path.replaceAll("[^A-Za-z0-9._-]", "_") + ".state.json"));
            return new VirtualBus(devices, LineTiming.of(baud), FaultPlan.NONE, state, 1.0);
        } catch (IllegalArgumentException | IOException e) {
            throw new LinkException(Reason.INVALID_SETTINGS, "Simulated bus '" + path + "': " + e.getMessage(), e);
        }
    }

    private static List<Integer> addresses(String list) {
        List<Integer> addresses = new ArrayList<>();
        for (String part : list.split(",")) {
            try {
                addresses.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part + "' is not a device address (use e.g. sim:smartbms.v4/1,2)");
            }
        }
        return addresses;
    }

    private static StreamLink.Connection connect(VirtualBus bus, String path) {
        Pipe toBus = new Pipe();
        Pipe fromBus = new Pipe();
        SimulatedLine line = bus.newLine();
        Thread serving = new Thread(() -> {
            try {
                line.serve(toBus.in, fromBus.out);
            } catch (IOException e) {
                LOG.debug("Simulated line {} ended: {}", path, e.getMessage());
            } finally {
                fromBus.close();
            }
        }, "bmsw-sim line " + path);
        serving.setDaemon(true);
        serving.start();
        return new StreamLink.Connection() {
            @Override
            public int read(byte[] buffer) throws IOException {
                return fromBus.in.read(buffer, 0, buffer.length);
            }

            @Override
            public void write(byte[] data, int offset, int length) throws IOException {
                toBus.out.write(data, offset, length);
            }

            @Override
            public void close() {
                toBus.close();
                fromBus.close();
            }
        };
    }
}
