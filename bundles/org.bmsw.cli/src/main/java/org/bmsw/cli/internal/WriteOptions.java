package org.bmsw.cli.internal;

import picocli.CommandLine.Option;

/** The safety switches of every command that writes parameters. */
final class WriteOptions {

    @Option(names = "--yes", description = "Really write (without it, the changes are shown and nothing is written).")
    boolean yes;

    @Option(names = "--dry-run", description = "Show what would be written, and the problems, without writing.")
    boolean dryRun;

    @Option(names = "--engineer", description = "Unlock engineer parameters (calibration, protections marked engineer).")
    boolean engineer;

    @Option(names = "--allow-dangerous", description = "Confirm changes the schema marks dangerous (address, baud, "
            + "disabling a protection, thresholds outside the chemistry's safe envelope).")
    boolean allowDangerous;

    @Option(names = "--flash", description = "Devices that stage in RAM (JDI): persist after a verified write.")
    boolean flash;
}
