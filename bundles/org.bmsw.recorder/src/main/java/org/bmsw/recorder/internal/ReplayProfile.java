package org.bmsw.recorder.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.transport.api.Link;
import org.bmsw.transport.api.LinkKind;
import org.osgi.service.component.annotations.Component;

/**
 * Recognises the recorded devices on a link of the {@code replay} transport, by their recorded addresses. The
 * sessions it hands out keep the recorded identity (profile, model, firmware), so pages show the pack as it was.
 */
@Component(service = DeviceProfile.class, property = DeviceProfile.PROPERTY_ID + "=" + ReplayProfile.ID)
public class ReplayProfile implements DeviceProfile {

    static final String ID = "replay";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public LocalizedText displayName() {
        return LocalizedText.of("Replay of a recording", "录制回放");
    }

    @Override
    public Set<String> models() {
        return Set.of();
    }

    @Override
    public Set<LinkKind> linkKinds() {
        return Set.of(LinkKind.CAN);
    }

    /** Sends nothing: only a replay link has recorded devices. */
    @Override
    public Optional<DeviceIdentity> probe(Link link, int address, Duration timeout) {
        return link instanceof ReplayLink replay ? replay.session(address).map(DeviceSession::identity) : Optional.empty();
    }

    @Override
    public DeviceSession connect(Link link, int address) throws DeviceException {
        if (!(link instanceof ReplayLink replay)) {
            throw new DeviceException(DeviceException.Reason.UNSUPPORTED,
                    "the replay profile plays recordings: open a port replay:<recording id>");
        }
        return replay.session(address).orElseThrow(() -> new DeviceException(DeviceException.Reason.UNSUPPORTED,
                "the recording on " + link.settings().describe() + " has no device at address " + address
                        + " (it has " + replay.addresses() + ")"));
    }
}
