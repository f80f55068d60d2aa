/**
 * Virtual devices on the wire: the battery model served through a device's own register map, read
 * from the same profile data the host uses.
 */
@Version("1.0.0")
@Export
package org.bmsw.simulator.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
