/**
 * Register-based device profiles as data. A {@link org.bmsw.profile.modbus.RegisterProfile} is read
 * from JSON: identification registers, register blocks read in one transaction each, where every
 * telemetry value, cell, temperature and flag sits, commands and calibration registers. The same
 * definition decodes what a device sends and lets the simulator encode what a device would send. Its {@code can}
 * section describes the same device on CAN (a DBC, XCP calibration pages): {@link org.bmsw.profile.modbus.RegisterProfiles}
 * makes it a second profile, {@code <id>.can}.
 */
@Version("1.3.0")
@Export
package org.bmsw.profile.modbus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
