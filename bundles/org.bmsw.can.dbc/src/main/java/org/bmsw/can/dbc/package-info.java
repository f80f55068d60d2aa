/**
 * CAN databases (DBC files) read at run time. {@link org.bmsw.can.dbc.Dbc#parse} reads the text and refuses a
 * malformed file with its line and column ({@link org.bmsw.can.dbc.DbcFormatException}); a
 * {@link org.bmsw.can.dbc.DbcMessage} decodes a frame's data into physical signal values (multiplexing
 * included) and encodes values into a frame.
 */
@Version("1.0.0")
@Export
package org.bmsw.can.dbc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
