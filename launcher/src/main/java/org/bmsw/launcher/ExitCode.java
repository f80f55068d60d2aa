package org.bmsw.launcher;

/** The launcher's exit codes, documented in the README; the CLI uses the same numbers. */
public enum ExitCode {
    OK(0),
    /** The program could not start, or stopped because of an error. */
    ERROR(1),
    /** Bad command-line usage. */
    USAGE(2),
    /** A feature set does not resolve: a bundle's requirement is missing ({@code --check}). */
    UNRESOLVED(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
