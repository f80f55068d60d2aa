/**
 * The workbench window's extension point: register a {@link org.bmsw.workbench.WorkbenchPage} service
 * and it appears as a page; unregister it (or stop its bundle) and it goes. Pages find the connected
 * device and the unlocked access level through the {@link org.bmsw.workbench.WorkbenchContext} service.
 */
@Version("1.2.0")
@Export
package org.bmsw.workbench;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
