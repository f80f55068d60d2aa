package org.bmsw.workbench.cantrace.internal;

import java.util.List;
import java.util.Set;

import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkKind;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.PortInfo;
import org.bmsw.transport.api.TransportProvider;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.slcan.internal.SlcanTransport;

/** The real slcan transport (on the real serial transport), its links wrapped in a {@link TappedCanLink}. */
final class TappingSlcan implements TransportProvider {

    private final SlcanTransport slcan = new SlcanTransport(new SerialTransport());

    @Override
    public String id() {
        return slcan.id();
    }

    @Override
    public String displayName() {
        return slcan.displayName();
    }

    @Override
    public Set<LinkKind> kinds() {
        return slcan.kinds();
    }

    @Override
    public List<PortInfo> listPorts() {
        return slcan.listPorts();
    }

    @Override
    public ByteLink openByteLink(LinkSettings settings) {
        throw new UnsupportedOperationException("slcan carries CAN frames");
    }

    @Override
    public CanLink openCanLink(LinkSettings settings) throws LinkException {
        return new TappedCanLink(slcan.openCanLink(settings));
    }
}
