/**
 * The JDI BI51 profile's data: the profile (RS485 register map and its CAN side), the parameter schema and the CAN
 * broadcast DBC ({@link org.bmsw.profile.jdi.JdiData}), shared with the simulator so both read one copy.
 */
@Version("2.0.0")
@Export
package org.bmsw.profile.jdi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
