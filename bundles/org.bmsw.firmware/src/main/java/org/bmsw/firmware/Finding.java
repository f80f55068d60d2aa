package org.bmsw.firmware;

import java.util.Objects;

/**
 * A check that did not pass, in words a person can act on.
 *
 * @param check   which check
 * @param message what was found and what was expected
 */
public record Finding(Check check, String message) {

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return check + ": " + message;
    }
}
