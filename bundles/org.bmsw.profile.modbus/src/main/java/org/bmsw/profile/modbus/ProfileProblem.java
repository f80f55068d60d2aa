package org.bmsw.profile.modbus;

/**
 * One thing wrong with a profile file: where (file, JSON path, line and column where known) and why.
 *
 * @param source  file name or bundle entry
 * @param path    JSON path of the offending element, e.g. {@code $.blocks[1].count}; {@code $} for the document
 * @param line    1-based line, -1 when unknown
 * @param column  1-based column, -1 when unknown
 * @param message what is wrong, without the place
 */
public record ProfileProblem(String source, String path, int line, int column, String message) {

    /** {@code acme.profile.json line 4, column 7: $.link.speed: unknown field ...} */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(source == null ? "" : source);
        if (line > 0) {
            text.append(" line ").append(line);
            if (column > 0) {
                text.append(", column ").append(column);
            }
        }
        if (!text.isEmpty()) {
            text.append(": ");
        }
        if (path != null && !path.isEmpty()) {
            text.append(path).append(": ");
        }
        return text.append(message).toString();
    }
}
