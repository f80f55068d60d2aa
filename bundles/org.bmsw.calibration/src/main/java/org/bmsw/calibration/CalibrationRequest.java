package org.bmsw.calibration;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.bmsw.device.api.AccessLevel;

/**
 * One run of a procedure.
 *
 * @param inputs        the user's entries by {@link CalibrationInput#key()}, as typed (the procedure parses them
 *                      and refuses what it cannot use, saying why)
 * @param unlocked      the access level the user unlocked; writing needs {@link AccessLevel#ENGINEER}
 * @param write         false: check the preconditions, measure and show what would be written, writing nothing
 * @param timing        steady-state timing
 * @param dataDirectory the program's data directory: backups go to {@code backups/}, reports to {@code calibration/}
 * @param locale        language of the text report
 */
public record CalibrationRequest(Map<String, String> inputs, AccessLevel unlocked, boolean write,
                                 CalibrationTiming timing, Path dataDirectory, Locale locale) {

    public CalibrationRequest {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(inputs, "inputs")));
        Objects.requireNonNull(unlocked, "unlocked");
        timing = timing == null ? CalibrationTiming.DEFAULT : timing;
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        locale = locale == null ? Locale.ENGLISH : locale;
    }

    /** The same request, writing or not. */
    public CalibrationRequest withWrite(boolean doWrite) {
        return new CalibrationRequest(inputs, unlocked, doWrite, timing, dataDirectory, locale);
    }

    /** The user's entry, trimmed; null when not given or blank. */
    public String input(String key) {
        String value = inputs.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
