/**
 * Running virtual devices: a bus of one or more simulated register devices (several addresses) whose
 * batteries advance in real time or faster, served on a pty pair, a TCP port (RTU over TCP), an opened
 * link, or in-process; parameter values persist in a state file between runs.
 */
@Version("1.0.0")
@Export
package org.bmsw.simulator.bus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
