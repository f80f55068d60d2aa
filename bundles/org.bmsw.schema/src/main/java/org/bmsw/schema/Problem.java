package org.bmsw.schema;

import java.util.List;
import java.util.Objects;

import org.bmsw.device.api.LocalizedText;

/**
 * One specific problem with a value or a set of values.
 *
 * @param key      the parameter it is about (for a rule: the first changed parameter the rule reads)
 * @param value    that parameter's value; null when there is none
 * @param unit     its unit ("" when none)
 * @param ruleId   what was checked: a schema rule's id, {@code envelope.<CHEMISTRY>}, or one of the
 *                 constants of this class ({@link #RANGE}, {@link #ACCESS} ...)
 * @param message  what is wrong, with the values (en, zh)
 * @param severity whether it blocks the write or needs confirmation
 * @param keys     every parameter involved (one for value problems, all of a rule's for rule problems)
 */
public record Problem(String key, Double value, String unit, String ruleId, LocalizedText message,
                      ProblemSeverity severity, List<String> keys) {

    /** The key is not in the schema. */
    public static final String UNKNOWN_KEY = "unknown-key";
    /** The value is not a finite number. */
    public static final String NOT_A_NUMBER = "not-a-number";
    /** Below min or above max. */
    public static final String RANGE = "range";
    /** Not a whole number of raw steps, or does not fit the raw type. */
    public static final String RESOLUTION = "resolution";
    /** Not a multiple of the schema's step. */
    public static final String STEP = "step";
    /** Not one of the enumerated values. */
    public static final String ENUMERATION = "enumeration";
    /** The parameter cannot be written. */
    public static final String READ_ONLY = "read-only";
    /** The user has not unlocked the parameter's access level (or it is a factory parameter). */
    public static final String ACCESS = "access";
    /** The parameter (or this value of it) is marked dangerous. */
    public static final String DANGEROUS = "dangerous";
    /** The device does not have this parameter. */
    public static final String NOT_ON_DEVICE = "not-on-device";
    /** Prefix of envelope problems: {@code envelope.LFP}. */
    public static final String ENVELOPE_PREFIX = "envelope.";

    public Problem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
        unit = unit == null ? "" : unit;
        keys = keys == null ? List.of(key) : List.copyOf(keys);
    }

    /** Stable identity, used to confirm exactly this problem: {@code ruleId@key}. */
    public String id() {
        return ruleId + "@" + key;
    }

    public boolean isError() {
        return severity == ProblemSeverity.ERROR;
    }

    @Override
    public String toString() {
        return severity + " " + id() + ": " + message.english();
    }
}
