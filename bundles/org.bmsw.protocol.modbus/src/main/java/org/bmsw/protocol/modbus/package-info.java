/**
 * Modbus RTU on a {@link org.bmsw.transport.api.ByteLink}.
 *
 * <p>Master side: {@link org.bmsw.protocol.modbus.ModbusRtuMaster} (FC 03/04/06/16 and user functions such as
 * OpenBLT's XCP-in-Modbus function 109), {@link org.bmsw.protocol.modbus.ModbusUnit} (a master bound to one device
 * address, usable as {@link org.bmsw.device.api.RawRegisterAccess}). Failures are
 * {@link org.bmsw.protocol.modbus.ModbusException}s, which are {@link org.bmsw.device.api.DeviceException}s.
 *
 * <p>Slave side (virtual devices): {@link org.bmsw.protocol.modbus.ModbusRtuSlave} answers requests from a
 * {@link org.bmsw.protocol.modbus.RegisterBank}; {@link org.bmsw.protocol.modbus.RtuFrameSplitter} finds frames in a
 * byte stream by length rules and CRC; {@link org.bmsw.protocol.modbus.RtuServer} pumps a link or stream through both.
 */
@Version("1.0.0")
@Export
package org.bmsw.protocol.modbus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
