/**
 * Transports: how bytes and CAN frames reach a device.
 *
 * <p>A {@link org.bmsw.transport.api.TransportProvider} opens links; a profile never opens a port
 * itself. A {@link org.bmsw.transport.api.ByteLink} carries bytes with deadlines (RS485, RTU over TCP),
 * a {@link org.bmsw.transport.api.CanLink} carries CAN frames (slcan, SocketCAN). Every link keeps
 * {@link org.bmsw.transport.api.LinkStatistics}, and tells its listeners when it closes and why; a CAN link also
 * tells a {@link org.bmsw.transport.api.CanFrameListener} of every frame it receives or sends.
 */
@Version("1.1.0")
@Export
package org.bmsw.transport.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
