package org.bmsw.firmware.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

import org.bmsw.cli.CliContext;
import org.bmsw.cli.ConnectionOptions;
import org.bmsw.cli.Refusal;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.FirmwareUpdateSupport;
import org.bmsw.firmware.TargetDevice;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.protocol.xcp.XcpCanIds;
import org.bmsw.protocol.xcp.XcpException;
import org.bmsw.protocol.xcp.XcpMaster;
import org.bmsw.protocol.xcp.XcpTimeouts;
import org.bmsw.protocol.xcp.XcpTransports;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.Link;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.TransportProvider;

/**
 * The device a flash is for, and the XCP master that reaches its bootloader. Either its application runs (a
 * profile session: the firmware section says what it is and how to enter the bootloader, parameters can be backed
 * up), or it already waits in its bootloader, which says nothing about itself: then the profile's firmware section
 * alone describes it, and the link is opened here.
 */
final class FlashTarget implements AutoCloseable {

    final TargetDevice device;
    final XcpMaster master;
    final Optional<DeviceSession> session;
    final Optional<FirmwareUpdateSupport> application;
    /** "Smart BMS V4.0 @1 on serial:/dev/ttyUSB0@115200 8N1", for messages. */
    final String where;
    private final Link ownLink;

    private FlashTarget(TargetDevice device, XcpMaster master, DeviceSession session, FirmwareUpdateSupport application,
                        String where, Link ownLink) {
        this.device = device;
        this.master = master;
        this.session = Optional.ofNullable(session);
        this.application = Optional.ofNullable(application);
        this.where = where;
        this.ownLink = ownLink;
    }

    boolean inBootloader() {
        return session.isEmpty();
    }

    /**
     * Finds the device: through its profile while its application runs, else (or with {@code bootloaderOnly}, and
     * always on CAN) a bootloader answering XCP CONNECT.
     *
     * @param model the device's model for a bootloader of a profile covering several; empty to take the only one
     * @throws DeviceException  when nothing usable answers or the link cannot be opened
     * @throws Refusal          when the device's profile cannot flash it
     * @throws IllegalArgumentException for options that do not fit (which profile, which model)
     */
    static FlashTarget open(CliContext context, ConnectionOptions options, boolean bootloaderOnly, Optional<String> model,
                            XcpCanIds canIds, PrintStream err) throws DeviceException, Refusal {
        LinkSettings settings = options.linkSettings();
        if (options.can != null) {
            return bootloader(context, options, model, settings, canIds);
        }
        if (bootloaderOnly) {
            return bootloader(context, options, model, settings, canIds);
        }
        DeviceSession session;
        try {
            session = context.connect(options);
        } catch (DeviceException e) {
            if (e.reason() != DeviceException.Reason.UNSUPPORTED) {
                throw e;
            }
            FlashTarget waiting = waitingBootloader(context, options, model, settings, canIds);
            if (waiting == null) {
                throw e;
            }
            err.printf("No application answered the profile probe at address %d, but a bootloader answers XCP CONNECT:"
                    + " the device waits in its bootloader (an earlier update was interrupted?). Flashing it there.%n",
                    options.address);
            return waiting;
        }
        try {
            return application(options, session);
        } catch (Refusal | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static FlashTarget application(ConnectionOptions options, DeviceSession session) throws Refusal {
        FirmwareUpdateSupport support = session.capability(FirmwareUpdateSupport.class).orElseThrow(() -> new Refusal(
                "profile " + session.identity().profileId() + " says nothing about flashing " + session.identity().model()
                        + " (no firmware section: bootloader entry, flash map); nothing was sent"));
        if (!(session.link() instanceof ByteLink bytes)) {
            throw new Refusal(session.identity().describe() + " is reached over CAN; its bootloader is flashed with --can"
                    + " once it waits there");
        }
        XcpMaster master = new XcpMaster(XcpTransports.modbus(bytes, options.address), timeouts(options));
        return new FlashTarget(TargetDevice.of(session.identity(), support), master, session, support,
                session.identity().describe() + " on " + bytes.settings().describe(), null);
    }

    /** The bootloader named by the options, which must answer. */
    private static FlashTarget bootloader(CliContext context, ConnectionOptions options, Optional<String> model,
                                          LinkSettings settings, XcpCanIds canIds) throws DeviceException {
        FlashTarget target = waitingBootloader(context, options, model, settings, canIds);
        if (target == null) {
            throw new DeviceException(DeviceException.Reason.TIMEOUT, "no bootloader answered XCP CONNECT "
                    + (options.can != null ? "(" + canIds.describe() + ")" : "at address " + options.address) + " on "
                    + settings.describe() + "; is the device in its bootloader? (without --bootloader an application is"
                    + " asked into it)");
        }
        return target;
    }

    /** A bootloader waiting on the link, or null when none answers (the link is then closed again). */
    private static FlashTarget waitingBootloader(CliContext context, ConnectionOptions options, Optional<String> model,
                                                 LinkSettings settings, XcpCanIds canIds) throws DeviceException {
        TransportProvider provider = context.transports().provider(settings.transport()).orElseThrow(() ->
                new DeviceException(DeviceException.Reason.LINK, "No transport '" + settings.transport() + "' is available"));
        Link link;
        XcpMaster master;
        try {
            if (options.can != null) {
                var can = provider.openCanLink(settings);
                link = can;
                master = new XcpMaster(XcpTransports.can(can, canIds), timeouts(options));
            } else {
                ByteLink bytes = provider.openByteLink(settings);
                link = bytes;
                master = new XcpMaster(XcpTransports.modbus(bytes, options.address), timeouts(options));
            }
        } catch (LinkException e) {
            throw new DeviceException(DeviceException.Reason.LINK, "Could not open " + settings.describe() + ": "
                    + e.getMessage(), e);
        }
        try {
            if (master.connect().programming()) {
                TargetDevice device = fromProfile(context, options, model);
                return new FlashTarget(device, master, null, null, device.model() + " bootloader "
                        + (options.can != null ? "(" + canIds.describe() + ")" : "@" + options.address) + " on "
                        + settings.describe(), link);
            }
        } catch (XcpException e) {
            if (e.reason() == DeviceException.Reason.LINK) {
                link.close();
                throw e;
            }
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
        link.close();
        return null;
    }

    /** OpenBLT's timeouts at the default --timeout of 1000 ms (its T1), all scaled with it otherwise. */
    static XcpTimeouts timeouts(ConnectionOptions options) {
        if (options.timeoutMillis < 1) {
            throw new IllegalArgumentException("--timeout must be positive: " + options.timeoutMillis);
        }
        return XcpTimeouts.openBlt().scaled(options.timeoutMillis / 1000.0);
    }

    /**
     * What a waiting bootloader is, from the profile's firmware section: the named profile, or the only installed one
     * with a firmware section; the named model, or the profile's only one.
     */
    static TargetDevice fromProfile(CliContext context, ConnectionOptions options, Optional<String> model) {
        List<RegisterDeviceProfile> candidates;
        if (options.profile != null) {
            DeviceProfile named = context.profiles().profile(options.profile).orElseThrow(() ->
                    new IllegalArgumentException("no profile '" + options.profile + "' is installed"));
            if (!(named instanceof RegisterDeviceProfile registers) || registers.definition().firmware() == null) {
                throw new IllegalArgumentException("profile " + options.profile + " has no firmware section (bootloader,"
                        + " flash map): devices of it cannot be flashed");
            }
            candidates = List.of(registers);
        } else {
            candidates = context.profiles().profiles().stream().filter(p -> p instanceof RegisterDeviceProfile r
                    && r.definition().firmware() != null).map(RegisterDeviceProfile.class::cast).toList();
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("no installed profile has a firmware section (bootloader, flash map)");
            }
            if (candidates.size() > 1) {
                throw new IllegalArgumentException("a bootloader does not say which device it belongs to: name its"
                        + " profile with --profile (" + String.join(", ", candidates.stream().map(RegisterDeviceProfile::id)
                        .toList()) + ")");
            }
        }
        RegisterDeviceProfile profile = candidates.get(0);
        RegisterProfile.Firmware firmware = profile.definition().firmware();
        List<String> models = List.copyOf(profile.models());
        String chosen;
        if (model.isPresent()) {
            chosen = models.stream().filter(m -> m.equalsIgnoreCase(model.get())).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("--model " + model.get() + " is not one of " + profile.id() + "'s " + models));
        } else if (models.size() == 1) {
            chosen = models.get(0);
        } else {
            throw new IllegalArgumentException("a bootloader does not say its model and " + profile.id() + " covers "
                    + models + ": name it with --model");
        }
        return new TargetDevice(chosen, firmware.hardwareRevision(), firmware.flashMap(), firmware.signedImages(), "");
    }

    @Override
    public void close() {
        session.ifPresent(DeviceSession::close);
        if (ownLink != null) {
            ownLink.close();
        }
    }
}
