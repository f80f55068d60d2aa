package org.bmsw.schema;

/**
 * A schema file that cannot be used: malformed JSON, an unknown field, a duplicate key, an inconsistent
 * definition. The message names the file, the JSON path (e.g. {@code $.parameters[12].scale}), the line and
 * column where known, and the reason.
 */
public class SchemaException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String path;
    private final int line;
    private final int column;
    private final String reason;

    public SchemaException(String source, String path, int line, int column, String reason, Throwable cause) {
        super(compose(source, path, line, column, reason), cause);
        this.source = source;
        this.path = path;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public SchemaException(String source, String path, String reason) {
        this(source, path, -1, -1, reason, null);
    }

    private static String compose(String source, String path, int line, int column, String reason) {
        StringBuilder b = new StringBuilder(source == null ? "<schema>" : source);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        if (path != null && !path.isEmpty()) {
            b.append(": ").append(path);
        }
        return b.append(": ").append(reason).toString();
    }

    /** File name or URL of the schema. */
    public String source() {
        return source;
    }

    /** JSON path of the offending element, e.g. {@code $.parameters[12].scale}; {@code $} for the document. */
    public String path() {
        return path;
    }

    /** 1-based line, -1 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, -1 when unknown. */
    public int column() {
        return column;
    }

    /** What is wrong, without file and path. */
    public String reason() {
        return reason;
    }
}
