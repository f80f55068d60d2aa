package org.bmsw.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.core.ConnectionService;
import org.bmsw.core.ProfileRegistry;
import org.bmsw.core.TransportRegistry;

/** What a command runs with: the services, where to print, and the program's directories. */
public interface CliContext {

    /** Command output (tables, JSON, CSV). */
    PrintStream out();

    /** Progress and error messages, in plain words. */
    PrintStream err();

    ConnectionService connections();

    TransportRegistry transports();

    ProfileRegistry profiles();

    /** The user's data directory: backups, reports, recordings. */
    Path dataDir();

    /**
     * Opens a session as the connection options say, recognising the profile unless one is named.
     * The caller closes it.
     */
    DeviceSession connect(ConnectionOptions options) throws DeviceException;

    /** The language chosen with {@code --lang}, else the system's (English or Simplified Chinese). */
    Locale locale(OutputOptions options);
}
