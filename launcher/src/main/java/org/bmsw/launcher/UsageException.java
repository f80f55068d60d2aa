package org.bmsw.launcher;

/** A command line the launcher cannot act on; the message says what is wrong. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
