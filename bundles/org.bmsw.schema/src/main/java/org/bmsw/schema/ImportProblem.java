package org.bmsw.schema;

import java.util.Objects;

import org.bmsw.device.api.LocalizedText;

/**
 * A problem found while reading a parameter file.
 *
 * @param severity {@link Severity#ERROR}: the file is not imported; {@link Severity#WARNING}: it is, but look
 * @param source   file name
 * @param key      the parameter it is about; null for problems of the file as a whole
 * @param line     1-based line; -1 when the problem has no place (e.g. the file is too large)
 * @param column   1-based column; -1 when unknown
 * @param message  what is wrong (en, zh)
 */
public record ImportProblem(Severity severity, String source, String key, int line, int column, LocalizedText message) {

    public enum Severity { ERROR, WARNING }

    public ImportProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        source = source == null ? "" : source;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file.json:12:9: error: COV: ...} */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(source);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        b.append(": ").append(severity == Severity.ERROR ? "error" : "warning").append(": ");
        return b.append(message.english()).toString();
    }
}
