/**
 * Register-based device profiles as data. A {@link org.bmsw.profile.modbus.RegisterProfile} is read
 * from JSON: identification registers, register blocks read in one transaction each, where every
 * telemetry value, cell, temperature and flag sits, commands and calibration registers. The same
 * definition decodes what a device sends and lets the simulator encode what a device would send.
 */
@Version("1.2.0")
@Export
package org.bmsw.profile.modbus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
