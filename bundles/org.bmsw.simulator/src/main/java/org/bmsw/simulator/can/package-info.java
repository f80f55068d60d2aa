/**
 * Simulated devices on CAN: {@link org.bmsw.simulator.can.CanBroadcaster} sends the battery model's state as the
 * broadcast frames a DBC describes (the same DBC the host decodes), at the rates the DBC declares, and answers
 * requests such as XCP on the same bus.
 */
@Version("1.0.0")
@Export
package org.bmsw.simulator.can;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
