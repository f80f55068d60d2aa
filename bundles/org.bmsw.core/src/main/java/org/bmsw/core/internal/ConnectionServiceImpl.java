package org.bmsw.core.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.bmsw.core.ConnectRequest;
import org.bmsw.core.ConnectionService;
import org.bmsw.core.ProfileRegistry;
import org.bmsw.core.ScanProgress;
import org.bmsw.core.TransportRegistry;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.transport.api.Link;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkKind;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.TransportProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Component(service = ConnectionService.class)
public class ConnectionServiceImpl implements ConnectionService {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionServiceImpl.class);

    private final TransportRegistry transports;
    private final ProfileRegistry profiles;
    private final List<DeviceSession> sessions = new CopyOnWriteArrayList<>();
    private final Listeners<DeviceSession> opened = new Listeners<>();
    /** Open links by "transport:path", shared by the sessions on that bus. Guarded by {@code this}. */
    private final Map<String, Link> links = new HashMap<>();

    @Activate
    public ConnectionServiceImpl(@Reference TransportRegistry transports, @Reference ProfileRegistry profiles) {
        this.transports = transports;
        this.profiles = profiles;
    }

    @Deactivate
    void deactivate() {
        for (DeviceSession session : List.copyOf(sessions)) {
            session.close();
        }
    }

    @Override
    public DeviceSession connect(ConnectRequest request) throws DeviceException {
        List<DeviceProfile> candidates = candidates(request);
        Link link = link(request.link(), linkKind(candidates));
        try {
            DeviceSession session = recognise(link, request, candidates);
            register(session, link);
            return session;
        } catch (DeviceException | RuntimeException e) {
            closeIfUnused(link);
            throw e;
        }
    }

    @Override
    public List<DeviceIdentity> scan(LinkSettings settings, int first, int last, Duration timeoutPerAddress,
                                     ScanProgress progress) throws DeviceException {
        if (first < 1 || last > 247 || first > last) {
            throw new DeviceException(DeviceException.Reason.INVALID,
                    "scan range must lie within 1..247 with first <= last, is " + first + ".." + last);
        }
        List<DeviceProfile> candidates = candidates(ConnectRequest.auto(settings, first));
        Link link = link(settings, linkKind(candidates));
        List<DeviceIdentity> found = new ArrayList<>();
        try {
            int total = last - first + 1;
            for (int address = first; address <= last && !progress.cancelled(); address++) {
                Optional<DeviceIdentity> identity = probeAll(link, address, timeoutPerAddress, candidates)
                        .map(Match::identity);
                identity.ifPresent(found::add);
                progress.probed(address, address - first + 1, total, identity);
            }
        } finally {
            closeIfUnused(link);
        }
        LOG.info("Scan of {} addresses {}..{} found {}", settings.describe(), first, last,
                found.stream().map(DeviceIdentity::describe).toList());
        return found;
    }

    /** Which profile recognised the device, and as what. */
    private record Match(DeviceProfile profile, DeviceIdentity identity) {
    }

    /** The first profile that recognises the device at {@code address}; link failures end the search. */
    private Optional<Match> probeAll(Link link, int address, Duration timeout, List<DeviceProfile> candidates)
            throws DeviceException {
        for (DeviceProfile profile : candidates) {
            if (!profile.linkKinds().contains(kindOf(link))) {
                continue;
            }
            try {
                Optional<DeviceIdentity> identity = profile.probe(link, address, timeout);
                if (identity.isPresent()) {
                    return Optional.of(new Match(profile, identity.get()));
                }
            } catch (DeviceException e) {
                if (e.reason() == DeviceException.Reason.LINK || !link.isOpen()) {
                    throw e;
                }
                LOG.debug("Profile {} did not recognise address {} on {}: {}", profile.id(), address,
                        link.settings().describe(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Profile {} failed while probing address {} on {}", profile.id(), address,
                        link.settings().describe(), e);
            }
        }
        return Optional.empty();
    }

    private List<DeviceProfile> candidates(ConnectRequest request) throws DeviceException {
        if (request.profileId().isPresent()) {
            String id = request.profileId().get();
            DeviceProfile profile = profiles.profile(id).orElseThrow(() -> new DeviceException(
                    DeviceException.Reason.UNSUPPORTED, "No profile '" + id + "' is installed (installed: "
                            + profileIds() + ")"));
            return List.of(profile);
        }
        List<DeviceProfile> all = profiles.profiles();
        if (all.isEmpty()) {
            throw new DeviceException(DeviceException.Reason.UNSUPPORTED,
                    "No device profile is installed: add a profile feature or drop one into plugins/");
        }
        return all;
    }

    private static LinkKind linkKind(List<DeviceProfile> candidates) {
        boolean anyBytes = candidates.stream().anyMatch(p -> p.linkKinds().contains(LinkKind.BYTES));
        return anyBytes ? LinkKind.BYTES : LinkKind.CAN;
    }

    private synchronized Link link(LinkSettings settings, LinkKind preferred) throws DeviceException {
        String key = settings.transport() + ":" + settings.path();
        Link existing = links.get(key);
        if (existing != null && existing.isOpen()) {
            if (!existing.settings().equals(settings)) {
                throw new DeviceException(DeviceException.Reason.INVALID, key + " is already open as "
                        + existing.settings().describe() + "; disconnect first to change its settings");
            }
            return existing;
        }
        TransportProvider provider = transports.provider(settings.transport()).orElseThrow(() -> new DeviceException(
                DeviceException.Reason.LINK, "No transport '" + settings.transport() + "' is available (available: "
                        + transports.providers().stream().map(TransportProvider::id).toList() + ")"));
        LinkKind kind = provider.kinds().contains(preferred) ? preferred : provider.kinds().iterator().next();
        try {
            Link link = kind == LinkKind.BYTES ? provider.openByteLink(settings) : provider.openCanLink(settings);
            links.put(key, link);
            link.onClose(reason -> forget(key, link, reason));
            LOG.info("Opened {}", settings.describe());
            return link;
        } catch (LinkException e) {
            throw new DeviceException(DeviceException.Reason.LINK,
                    "Could not open " + settings.describe() + ": " + e.getMessage(), e);
        }
    }

    private DeviceSession recognise(Link link, ConnectRequest request, List<DeviceProfile> candidates)
            throws DeviceException {
        Match match = probeAll(link, request.address(), request.probeTimeout(), candidates).orElseThrow(() ->
                new DeviceException(DeviceException.Reason.UNSUPPORTED, "No device answered at address "
                        + request.address() + " on " + link.settings().describe() + " (tried profiles "
                        + candidates.stream().filter(p -> p.linkKinds().contains(kindOf(link))).map(DeviceProfile::id)
                        .toList() + "). Check wiring, baud rate and address."));
        LOG.info("{} @{} is {} ({})", link.settings().describe(), request.address(), match.identity().describe(),
                match.profile().id());
        return match.profile().connect(link, request.address(), match.identity());
    }

    private static LinkKind kindOf(Link link) {
        return link instanceof org.bmsw.transport.api.CanLink ? LinkKind.CAN : LinkKind.BYTES;
    }

    private void register(DeviceSession session, Link link) {
        sessions.add(session);
        session.onClose(reason -> {
            sessions.remove(session);
            LOG.info("Session {} closed: {}", session.identity().describe(), reason.getMessage());
            closeIfUnused(link);
        });
        opened.fire(session);
    }

    private synchronized void closeIfUnused(Link link) {
        boolean used = sessions.stream().anyMatch(s -> s.link() == link && s.isOpen());
        if (!used && link.isOpen()) {
            link.close();
        }
    }

    private synchronized void forget(String key, Link link, LinkException reason) {
        links.remove(key, link);
        LOG.info("Link {} closed: {}", key, reason.getMessage());
    }

    private String profileIds() {
        return profiles.profiles().stream().map(DeviceProfile::id).toList().toString();
    }

    @Override
    public List<DeviceSession> sessions() {
        return List.copyOf(sessions);
    }

    @Override
    public AutoCloseable onSessionOpened(Consumer<DeviceSession> listener) {
        return opened.add(listener);
    }
}
