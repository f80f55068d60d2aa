package org.bmsw.profile.modbus;

import java.util.List;

/**
 * A profile file that cannot be used. Carries every problem found, each with file, JSON path, line and column;
 * the message lists them, one per line.
 */
public class ProfileFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ProfileProblem> problems;

    public ProfileFormatException(String message) {
        super(message);
        this.problems = List.of(new ProfileProblem("", "", -1, -1, message));
    }

    public ProfileFormatException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(new ProfileProblem("", "", -1, -1, message));
    }

    /** @param problems at least one */
    public ProfileFormatException(List<ProfileProblem> problems) {
        super(String.join("\n", problems.stream().map(ProfileProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in document order where known. */
    public List<ProfileProblem> problems() {
        return problems;
    }
}
