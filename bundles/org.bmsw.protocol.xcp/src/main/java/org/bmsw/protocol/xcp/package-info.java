/**
 * XCP master: firmware programming as OpenBLT's host loader does it, and calibration pages.
 *
 * <p>An {@link org.bmsw.protocol.xcp.XcpMaster} talks to one slave through an
 * {@link org.bmsw.protocol.xcp.XcpTransport}: {@link org.bmsw.protocol.xcp.XcpTransports#modbus} carries XCP
 * inside Modbus RTU user function 109 on a {@link org.bmsw.transport.api.ByteLink},
 * {@link org.bmsw.protocol.xcp.XcpTransports#can} carries it as XCP on CAN on a
 * {@link org.bmsw.transport.api.CanLink}. Negative responses, timeouts and garbled replies are
 * {@link org.bmsw.protocol.xcp.XcpException}s (which are {@link org.bmsw.device.api.DeviceException}s) naming
 * the command, the slave and the XCP error. Timeouts follow OpenBLT's T1..T7
 * ({@link org.bmsw.protocol.xcp.XcpTimeouts}).
 *
 * <p>The slave side the simulator runs is in {@code org.bmsw.protocol.xcp.target}.
 */
@Version("1.2.0")
@Export
package org.bmsw.protocol.xcp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
