package org.bmsw.recorder;

/** A recording could not be started, written, read, exported or imported; the message says which and why. */
public class RecorderException extends Exception {

    private static final long serialVersionUID = 1L;

    public RecorderException(String message) {
        super(message);
    }

    public RecorderException(String message, Throwable cause) {
        super(message, cause);
    }
}
