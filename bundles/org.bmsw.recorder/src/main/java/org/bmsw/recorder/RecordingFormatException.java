package org.bmsw.recorder;

/**
 * An imported file is not a valid recording. Carries where: the file, the line and column (1-based; 0 when
 * not applicable, e.g. in a SQLite file) and the field, and what was expected there.
 */
public class RecordingFormatException extends RecorderException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final long column;
    private final String field;

    public RecordingFormatException(String file, long line, long column, String field, String problem) {
        super(file + (line > 0 ? ":" + line + ":" + column : "") + (field.isEmpty() ? "" : " (" + field + ")") + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.field = field;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }

    /** The JSON path or column of the bad value, e.g. {@code samples[12].cells[3]}; empty when the whole file is wrong. */
    public String field() {
        return field;
    }
}
