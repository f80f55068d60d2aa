/**
 * Building blocks for transport implementations: a link base that closes once with a reason and
 * notifies listeners, the frame listeners of a CAN link, and a tracker of open links so a provider
 * closes them all when it goes away.
 */
@Version("1.1.0")
@Export
package org.bmsw.transport.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
