/** Building blocks for profile implementations: closing a session once, with a reason, telling listeners. */
@Version("1.0.0")
@Export
package org.bmsw.device.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
