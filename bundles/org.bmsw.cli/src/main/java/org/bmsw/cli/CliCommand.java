package org.bmsw.cli;

/**
 * A top-level command contributed by a bundle (e.g. {@code simulate}, {@code flash}, {@code record}), registered
 * as an OSGi service. It appears in {@code bmsw --help}, runs as {@code bmsw <name> ...} and in the Gogo shell.
 */
public interface CliCommand {

    /** Exit code: done. */
    int OK = 0;
    /** Exit code: the device or the link failed (no answer, checksum errors, port missing ...). */
    int FAILED = 1;
    /** Exit code: bad usage (unknown option, missing argument, unreadable file name). */
    int USAGE = 2;
    /** Exit code: refused before anything was written (validation, safety, missing {@code --yes}). */
    int REFUSED = 3;

    /** The command's name, e.g. {@code flash}. */
    String name();

    /**
     * A new picocli command object ({@code @Command}-annotated, implementing {@code Callable<Integer>}) for one run.
     * Errors it throws are reported by type: {@link Refusal} exits {@link #REFUSED}, device and link exceptions
     * {@link #FAILED}, anything else {@link #FAILED} with the message.
     */
    Object create(CliContext context);
}
