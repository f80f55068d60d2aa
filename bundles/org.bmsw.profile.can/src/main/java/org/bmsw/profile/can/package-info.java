/**
 * A BMS on a CAN bus as data: a {@link org.bmsw.profile.can.CanDeviceDefinition} (the DBC's broadcast telemetry, the
 * parameter schema, the XCP calibration layout) becomes a live {@link org.bmsw.profile.can.CanDeviceProfile}. The
 * register profile format's {@code can} section is read into one by {@code org.bmsw.profile.modbus}; a Java profile
 * may build one itself.
 */
@Version("1.0.0")
@Export
package org.bmsw.profile.can;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
