package org.bmsw.launcher;

/** The program's exit codes, documented in the README; the launcher and the commands share them. */
public enum ExitCode {
    OK(0),
    /** The program could not start, or a command failed on the device or the link. */
    ERROR(1),
    /** Bad command-line usage. */
    USAGE(2),
    /** A command was refused before it touched the device: validation, safety, or a missing {@code --yes}. */
    REFUSED(3),
    /** A feature set does not resolve: a bundle's requirement is missing ({@code --check}). */
    UNRESOLVED(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
