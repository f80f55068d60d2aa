package org.bmsw.transport.api;

import java.util.List;
import java.util.Set;

/**
 * A way to reach devices (serial port, TCP gateway, CAN adapter). Registered as an OSGi service;
 * providers come and go at runtime, and every link a provider opened is closed with
 * {@link LinkException.Reason#PROVIDER_GONE} when the provider goes away.
 */
public interface TransportProvider {

    /** Service property naming the provider's {@link #id()}, so consumers can filter without getting the service. */
    String PROPERTY_ID = "bmsw.transport.id";

    /** Short stable id used in link addresses, e.g. {@code serial}, {@code tcp}, {@code slcan}. */
    String id();

    /** Human readable name, e.g. "RS485 / serial (jSerialComm)". */
    String displayName();

    /** Which kinds of link this provider opens. */
    Set<LinkKind> kinds();

    /**
     * Ports this provider can see right now, with what a user recognises (adapter description,
     * USB ids). Never throws: a provider that cannot enumerate returns an empty list and logs why.
     * A provider may still open paths that are not listed (ptys, symlinks, host:port).
     */
    List<PortInfo> listPorts();

    /**
     * Opens a byte link.
     *
     * @throws LinkException with a specific {@link LinkException.Reason} (not found, busy, permission denied ...)
     * @throws UnsupportedOperationException if {@link #kinds()} has no {@link LinkKind#BYTES}
     */
    ByteLink openByteLink(LinkSettings settings) throws LinkException;

    /**
     * Opens a CAN frame link.
     *
     * @throws LinkException with a specific reason
     * @throws UnsupportedOperationException if {@link #kinds()} has no {@link LinkKind#CAN}
     */
    CanLink openCanLink(LinkSettings settings) throws LinkException;
}
