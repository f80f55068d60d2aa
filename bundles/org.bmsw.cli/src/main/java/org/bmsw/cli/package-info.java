/**
 * Commands of {@code bmsw <command>} and the Gogo shell. Other bundles contribute commands as
 * {@link org.bmsw.cli.CliCommand} services, built with picocli, and reuse the common options
 * ({@link org.bmsw.cli.ConnectionOptions}, {@link org.bmsw.cli.OutputOptions}) and the exit codes.
 */
@Version("1.1.0")
@Export
package org.bmsw.cli;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
