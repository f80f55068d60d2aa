/**
 * Building blocks for workbench pages from any bundle: {@link org.bmsw.workbench.ui.Ui} hands work between
 * the UI thread and workers, and the widgets (gauge, lamps, cell grid, trend chart, value list) draw
 * telemetry the same way on every page.
 */
@Version("1.1.0")
@Export
package org.bmsw.workbench.ui;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
