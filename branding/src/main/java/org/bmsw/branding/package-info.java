/** Product identity: name, version, build id, icons, splash and about text. */
@Version("1.0.0")
@Export
package org.bmsw.branding;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
