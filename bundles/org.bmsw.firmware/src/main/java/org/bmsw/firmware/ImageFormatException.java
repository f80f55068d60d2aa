package org.bmsw.firmware;

/**
 * A firmware file that cannot be used, with where the problem is: a line (text formats) or a byte
 * offset (binary and FP packages).
 */
public class ImageFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final long offset;
    private final String problem;

    private ImageFormatException(String source, int line, long offset, String problem) {
        super(source + (line > 0 ? ", line " + line : "") + (offset >= 0 ? ", byte " + offset : "") + ": " + problem);
        this.source = source;
        this.line = line;
        this.offset = offset;
        this.problem = problem;
    }

    /** A problem on a line of a text format (lines count from 1). */
    public static ImageFormatException atLine(String source, int line, String problem) {
        return new ImageFormatException(source, line, -1, problem);
    }

    /** A problem at a byte offset of a binary file (offsets count from 0). */
    public static ImageFormatException atOffset(String source, long offset, String problem) {
        return new ImageFormatException(source, 0, offset, problem);
    }

    /** A problem of the file as a whole. */
    public static ImageFormatException ofFile(String source, String problem) {
        return new ImageFormatException(source, 0, -1, problem);
    }

    public String source() {
        return source;
    }

    /** The 1-based line, or 0 when the problem is not on a line. */
    public int line() {
        return line;
    }

    /** The 0-based byte offset, or -1 when the problem is not at an offset. */
    public long offset() {
        return offset;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }
}
