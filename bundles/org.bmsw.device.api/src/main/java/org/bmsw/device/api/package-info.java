/**
 * Devices: profiles that recognise and talk to a kind of BMS, sessions with one device, and the
 * immutable records they produce.
 *
 * <p>The model covers both a 24-cell single-board BMS and a 160-cell cascade of a BIU with up to ten
 * BMUs: cells and temperatures carry their module, flags come in named families (alarm with levels,
 * protection, status, relays, inputs), any further measurement (insulation, KeyOn voltage, charger
 * output) is a {@link org.bmsw.device.api.Quantity}, and parameter writes name their
 * {@link org.bmsw.device.api.WriteTarget} (RAM or persistent) for devices that stage in RAM.
 */
@Version("1.2.0")
@Export
package org.bmsw.device.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
