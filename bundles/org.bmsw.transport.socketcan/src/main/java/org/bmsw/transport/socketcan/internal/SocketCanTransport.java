package org.bmsw.transport.socketcan.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkException.Reason;
import org.bmsw.transport.api.LinkKind;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.PortInfo;
import org.bmsw.transport.api.TransportProvider;
import org.bmsw.transport.socketcan.internal.CanInterfaces.Interface;
import org.bmsw.transport.spi.OpenLinks;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CAN through Linux SocketCAN: USB adapters with a kernel driver (gs_usb: CANable/candleLight firmware, PEAK
 * peak_usb, Kvaser, ...), on-board controllers, and virtual {@code vcan} buses. The path is the interface name
 * ({@code can0}, {@code vcan0}). {@link LinkSettings#baud()} is informational: the kernel owns the interface's bit
 * rate, set with {@code ip link set can0 up type can bitrate 500000}; messages say so where it matters.
 *
 * <p>The component activates on every machine. Where SocketCAN cannot work (not Linux, a processor this bundle has
 * no JavaCAN library for, a kernel without AF_CAN) it stays registered, lists what it can see and answers every
 * open with the reason.
 */
@Component(service = TransportProvider.class, property = TransportProvider.PROPERTY_ID + "=" + SocketCanTransport.ID)
public class SocketCanTransport implements TransportProvider {

    static final String ID = "socketcan";

    private static final Logger LOG = LoggerFactory.getLogger(SocketCanTransport.class);

    private final CanInterfaces interfaces;
    private final SocketCanBackend backend;
    private final OpenLinks openLinks = new OpenLinks();
    /** The last problem logged, so a problem is logged once, not on every listPorts(). */
    private final AtomicReference<String> loggedProblem = new AtomicReference<>();

    /** The DS constructor: the real {@code /sys} and JavaCAN. */
    public SocketCanTransport() {
        this(Path.of("/sys"), new JavaCanBackend());
    }

    SocketCanTransport(Path sysfsRoot, SocketCanBackend backend) {
        this.interfaces = new CanInterfaces(sysfsRoot);
        this.backend = backend;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "CAN via SocketCAN (Linux)";
    }

    @Override
    public Set<LinkKind> kinds() {
        return Set.of(LinkKind.CAN);
    }

    /**
     * The CAN interfaces in sysfs. When SocketCAN cannot be used here, each description ends with why, and the reason
     * is logged once.
     */
    @Override
    public List<PortInfo> listPorts() {
        String problem;
        try {
            problem = problem();
        } catch (RuntimeException | LinkageError e) {
            problem = "SocketCAN could not be checked: " + e;
        }
        List<PortInfo> ports = new ArrayList<>();
        try {
            for (Interface found : interfaces.list()) {
                String description = found.describe() + (problem == null ? "" : " - unusable: " + problem);
                ports.add(new PortInfo(ID, found.name(), description, found.usbVendorId(), found.usbProductId(),
                        found.serialNumber()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Listing SocketCAN interfaces failed", e);
        }
        return ports;
    }

    /**
     * Why SocketCAN cannot be used on this machine right now, or {@code null}. Logged once per distinct problem, at info:
     * most machines have no SocketCAN, and the slcan transport is the way there.
     * Public for diagnostics (a shell command, a health page).
     */
    public String problem() {
        String problem = backend.problem();
        String before = loggedProblem.getAndSet(problem);
        if (problem != null && !problem.equals(before)) {
            LOG.info("SocketCAN is not usable: {}", problem);
        }
        return problem;
    }

    @Override
    public ByteLink openByteLink(LinkSettings settings) {
        throw new UnsupportedOperationException("SocketCAN carries CAN frames, not a byte stream");
    }

    @Override
    public CanLink openCanLink(LinkSettings settings) throws LinkException {
        String name = settings.path();
        if (!CanInterfaces.isValidName(name)) {
            throw new LinkException(Reason.INVALID_SETTINGS, "'" + name + "' is not a network interface name; the"
                    + " SocketCAN path is the interface, e.g. can0 or vcan0");
        }
        if (interfaces.available()) {
            Interface found = interfaces.find(name);
            if (found == null) {
                throw new LinkException(Reason.NOT_FOUND, notFound(name, settings.baud()));
            }
            if (!found.isCan()) {
                throw new LinkException(Reason.INVALID_SETTINGS, "Network interface " + name + " is not a CAN"
                        + " interface (its type is " + found.type() + ", CAN is " + CanInterfaces.ARPHRD_CAN + ")"
                        + present());
            }
            if (found.up().filter(up -> !up).isPresent()) {
                throw new LinkException(Reason.IO, "SocketCAN interface " + name + " is down; bring it up with "
                        + upCommand(name, settings.baud()));
            }
        }
        CanSocket socket = backend.open(name, settings.baud());
        return openLinks.track(new SocketCanLink(settings, socket)).start();
    }

    @Deactivate
    void deactivate() {
        openLinks.closeAll(ID);
    }

    int openLinkCount() {
        return openLinks.size();
    }

    private String notFound(String name, int baud) {
        StringBuilder message = new StringBuilder("There is no network interface ").append(name).append(present());
        String problem = backend.problem();
        if (problem != null) {
            message.append(". Besides, ").append(problem);
        } else if (name.startsWith("vcan")) {
            message.append(". A virtual bus is made with 'sudo ip link add dev ").append(name)
                    .append(" type vcan && sudo ip link set ").append(name).append(" up'");
        } else {
            message.append(". A USB adapter's interface appears when it is plugged in; then ")
                    .append(upCommand(name, baud));
        }
        return message.toString();
    }

    private String present() {
        List<Interface> found = interfaces.list();
        return found.isEmpty() ? " (no CAN interfaces are present)"
                : " (CAN interfaces present: " + found.stream().map(Interface::name).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * The command that sets the bit rate and brings an interface up. A vcan interface has no bit rate, so for names
     * starting with "vcan" the plain form.
     */
    static String upCommand(String name, int baud) {
        Objects.requireNonNull(name);
        return name.startsWith("vcan") ? "'sudo ip link set " + name + " up'"
                : "'sudo ip link set " + name + " up type can bitrate " + baud + "' (the bit rate belongs to the"
                        + " interface and is set there; the link's baud " + baud + " is only what you expect it to be)";
    }
}
