package org.bmsw.profile.modbus;

/** A profile file that cannot be used, with where ({@code file}, JSON path, line:column) and why. */
public class ProfileFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProfileFormatException(String message) {
        super(message);
    }

    public ProfileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
