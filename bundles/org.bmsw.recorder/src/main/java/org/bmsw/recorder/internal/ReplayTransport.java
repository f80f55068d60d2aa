package org.bmsw.recorder.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bmsw.recorder.Recorder;
import org.bmsw.recorder.RecorderException;
import org.bmsw.recorder.RecordingInfo;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkKind;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.PortInfo;
import org.bmsw.transport.api.TransportProvider;
import org.bmsw.transport.spi.OpenLinks;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recordings as ports: {@code replay:<recording id>} (or {@code replay:<id>?speed=60}) opens a link that plays the
 * recording as if live, and the {@code replay} profile ({@link ReplayProfile}) connects to its devices by their
 * recorded addresses. So a replay reaches the window, the CLI and every telemetry listener the way a device does,
 * through the connection service and live telemetry, with nothing in them knowing about recordings.
 */
@Component(service = TransportProvider.class, property = TransportProvider.PROPERTY_ID + "=" + ReplaySession.TRANSPORT)
public class ReplayTransport implements TransportProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayTransport.class);
    private static final Pattern PATH = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*)(?:\\?speed=([0-9.]+))?");

    private final RecorderImpl recorder;
    private final OpenLinks links = new OpenLinks();

    @Activate
    public ReplayTransport(@Reference(target = "(component.name=org.bmsw.recorder.internal.RecorderImpl)") Recorder recorder) {
        this.recorder = (RecorderImpl) recorder;
    }

    @Deactivate
    void deactivate() {
        links.closeAll(displayName());
    }

    @Override
    public String id() {
        return ReplaySession.TRANSPORT;
    }

    @Override
    public String displayName() {
        return "Replay of a recording";
    }

    @Override
    public Set<LinkKind> kinds() {
        return Set.of(LinkKind.CAN);
    }

    /** Every recording that has snapshots, newest first, described by name, devices and length. */
    @Override
    public List<PortInfo> listPorts() {
        List<PortInfo> ports = new ArrayList<>();
        try {
            for (RecordingInfo info : recorder.list()) {
                if (info.samples() > 0) {
                    ports.add(new PortInfo(id(), info.id(), info.name() + " (" + info.devices().size() + " devices, "
                            + info.samples() + " snapshots)", -1, -1, ""));
                }
            }
        } catch (RecorderException e) {
            LOG.warn("Cannot list the recordings to replay: {}", e.getMessage());
        }
        return ports;
    }

    @Override
    public ByteLink openByteLink(LinkSettings settings) {
        throw new UnsupportedOperationException("a replay link carries recorded snapshots, not bytes");
    }

    @Override
    public CanLink openCanLink(LinkSettings settings) throws LinkException {
        Matcher m = PATH.matcher(settings.path());
        if (!m.matches()) {
            throw new LinkException(LinkException.Reason.INVALID_SETTINGS, "'" + settings.path()
                    + "' is not a recording to replay: expected replay:<recording id>, optionally ?speed=<factor>");
        }
        double speed = speed(m.group(2), settings.option("speed").orElse(null));
        try {
            return links.track(recorder.openReplayLink(m.group(1), speed, settings));
        } catch (RecorderException e) {
            throw new LinkException(LinkException.Reason.NOT_FOUND, "Cannot replay " + m.group(1) + ": " + e.getMessage(), e);
        }
    }

    private static double speed(String inPath, String option) throws LinkException {
        String text = inPath != null ? inPath : option;
        if (text == null) {
            return 1;
        }
        try {
            double speed = Double.parseDouble(text);
            if (speed > 0 && speed <= 1_000_000) {
                return speed;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new LinkException(LinkException.Reason.INVALID_SETTINGS, String.format(Locale.ROOT,
                "the replay speed must be a factor above 0 and at most 1000000, not '%s'", text));
    }
}
