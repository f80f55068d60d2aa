package org.bmsw.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.LinkSettings.Parity;
import org.bmsw.transport.api.LinkSettings.StopBits;

import picocli.CommandLine.Option;

/** Where the device is: include with {@code @Mixin} in every command that talks to one. */
public class ConnectionOptions {

    @Option(names = "--port", paramLabel = "PATH",
            description = "Serial port (/dev/ttyUSB0, a pty) or TRANSPORT:PATH, e.g. sim:smartbms.v4 for the built-in simulator.")
    public String port;

    @Option(names = "--tcp", paramLabel = "HOST:PORT", description = "RS485-to-Ethernet gateway speaking RTU over TCP.")
    public String tcp;

    @Option(names = "--can", paramLabel = "slcan:PATH@BITRATE",
            description = "CAN adapter: slcan:/dev/ttyACM0@250000 or socketcan:can0.")
    public String can;

    @Option(names = "--baud", description = "Line rate (default: the profile's, 9600).")
    public Integer baud;

    @Option(names = "--framing", paramLabel = "8N1", description = "Data bits, parity (N, E, O) and stop bits; default 8N1.")
    public String framing = "8N1";

    @Option(names = {"--address", "-a"}, description = "Device address 1..247 (default 1).")
    public int address = 1;

    @Option(names = "--profile", paramLabel = "ID", description = "Profile to use, e.g. smartbms.v4 (default: recognised).")
    public String profile;

    @Option(names = "--timeout", paramLabel = "MS", description = "Probe and request timeout in milliseconds (default 1000).")
    public long timeoutMillis = 1000;

    /** The same link, another device on it (e.g. {@code params diff device device:2}). */
    public ConnectionOptions atAddress(int otherAddress) {
        ConnectionOptions copy = new ConnectionOptions();
        copy.port = port;
        copy.tcp = tcp;
        copy.can = can;
        copy.baud = baud;
        copy.framing = framing;
        copy.profile = profile;
        copy.timeoutMillis = timeoutMillis;
        copy.address = otherAddress;
        return copy;
    }

    public Optional<String> profileId() {
        return Optional.ofNullable(profile);
    }

    public Duration timeout() {
        return Duration.ofMillis(timeoutMillis);
    }

    /**
     * The link these options describe.
     *
     * @throws IllegalArgumentException naming the option that is missing, doubled or malformed
     */
    public LinkSettings linkSettings() {
        int given = (port != null ? 1 : 0) + (tcp != null ? 1 : 0) + (can != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException(given == 0
                    ? "say where the device is: --port PATH, --tcp HOST:PORT or --can slcan:PATH@BITRATE"
                    : "give only one of --port, --tcp and --can");
        }
        if (address < 1 || address > 247) {
            throw new IllegalArgumentException("--address must be 1..247, not " + address);
        }
        LinkSettings settings;
        if (tcp != null) {
            settings = LinkSettings.of("tcp", tcp, baud == null ? LinkSettings.DEFAULT_BAUD : baud);
        } else if (can != null) {
            settings = canSettings(can);
        } else {
            int colon = port.indexOf(':');
            boolean typed = colon > 0 && port.substring(0, colon).matches("[a-z][a-z0-9-]*");
            settings = LinkSettings.of(typed ? port.substring(0, colon) : "serial", typed ? port.substring(colon + 1) : port,
                    baud == null ? LinkSettings.DEFAULT_BAUD : baud);
        }
        return can != null ? settings : withFraming(settings);
    }

    private LinkSettings withFraming(LinkSettings settings) {
        String f = framing.trim().toUpperCase(Locale.ROOT);
        if (!f.matches("[5-8][NEOMS](1|1\\.5|2)")) {
            throw new IllegalArgumentException("--framing must look like 8N1, 8E1 or 7O2, not '" + framing + "'");
        }
        StopBits stop = switch (f.substring(2)) {
            case "1" -> StopBits.ONE;
            case "1.5" -> StopBits.ONE_POINT_FIVE;
            default -> StopBits.TWO;
        };
        return settings.withFraming(f.charAt(0) - '0', Parity.fromLetter(f.charAt(1)), stop);
    }

    private LinkSettings canSettings(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--can must be slcan:PATH@BITRATE or socketcan:INTERFACE, not '" + spec + "'");
        }
        String transport = spec.substring(0, colon);
        String rest = spec.substring(colon + 1);
        int at = rest.lastIndexOf('@');
        int bitrate = 250_000;
        if (at > 0) {
            try {
                bitrate = Integer.parseInt(rest.substring(at + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--can bit rate '" + rest.substring(at + 1) + "' is not a number");
            }
            rest = rest.substring(0, at);
        }
        return LinkSettings.of(transport, rest, bitrate);
    }
}
