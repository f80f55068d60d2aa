package org.bmsw.workbench.internal;

import java.util.Collection;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A port as the user picks or types it: {@code transport:path}. A typed path without a known transport
 * prefix is a serial port ({@code /dev/ttyUSB0}, {@code COM4}), or a TCP gateway when it looks like
 * {@code host:port} and a TCP transport is present.
 */
record PortChoice(String transport, String path) {

    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.-]+:\\d{1,5}");

    PortChoice {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(path, "path");
    }

    /** @throws IllegalArgumentException when {@code text} is blank */
    static PortChoice parse(String text, Collection<String> transportIds) {
        String t = text == null ? "" : text.trim();
        int space = t.indexOf("  ");
        if (space > 0) {
            t = t.substring(0, space); // "serial:/dev/ttyUSB0  CH340 ..." from the list: the description goes
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("no port given");
        }
        int colon = t.indexOf(':');
        if (colon > 0 && transportIds.contains(t.substring(0, colon)) && colon < t.length() - 1) {
            return new PortChoice(t.substring(0, colon), t.substring(colon + 1));
        }
        if (HOST_PORT.matcher(t).matches() && transportIds.contains("tcp")) {
            return new PortChoice("tcp", t);
        }
        return new PortChoice("serial", t);
    }

    String text() {
        return transport + ":" + path;
    }
}
