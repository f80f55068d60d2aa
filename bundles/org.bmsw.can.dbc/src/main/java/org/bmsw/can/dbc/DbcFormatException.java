package org.bmsw.can.dbc;

/** A DBC file that cannot be used: where (source, line, column) and what was expected. */
public class DbcFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param line   1-based line, or 0 when the problem is not tied to a place
     * @param column 1-based column, or 0 when unknown
     */
    public DbcFormatException(String source, int line, int column, String problem) {
        super(source + (line > 0 ? " line " + line + (column > 0 ? ", column " + column : "") : "") + ": " + problem);
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the place. */
    public String problem() {
        return problem;
    }
}
