package org.bmsw.schema;

/** How a problem stops a write. */
public enum ProblemSeverity {
    /** The value or set must not be written. */
    ERROR,
    /** Dangerous or outside the chemistry's envelope: may be written only after the user confirmed it explicitly. */
    NEEDS_CONFIRMATION
}
