/**
 * The services that tie transports and profiles together: live registries of both, and the
 * connection service that opens (and shares) links, recognises devices and tracks sessions.
 */
@Version("1.1.0")
@Export
package org.bmsw.core;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
