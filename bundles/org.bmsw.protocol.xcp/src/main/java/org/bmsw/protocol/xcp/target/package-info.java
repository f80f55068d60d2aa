/**
 * The slave side of XCP, for simulated devices: an {@link org.bmsw.protocol.xcp.target.XcpSlave} answers XCP
 * packets against a {@link org.bmsw.protocol.xcp.target.Bootloader} (A/B flash banks that keep the old image until
 * the new one is committed, on a {@link org.bmsw.protocol.xcp.target.FlashMemory} that can lose power at any
 * operation) and {@link org.bmsw.protocol.xcp.target.CalibrationPages} (a RAM page and a flash page).
 * {@link org.bmsw.protocol.xcp.target.XcpModbusFunction} serves it as Modbus RTU function 109 of a
 * {@link org.bmsw.protocol.modbus.ModbusRtuSlave}, {@link org.bmsw.protocol.xcp.target.XcpCanResponder} as XCP on CAN.
 */
@Version("1.1.0")
@Export
package org.bmsw.protocol.xcp.target;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
