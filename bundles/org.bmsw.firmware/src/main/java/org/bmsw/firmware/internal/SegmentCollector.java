package org.bmsw.firmware.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.bmsw.firmware.ImageFormatException;
import org.bmsw.firmware.Segment;

/**
 * Gathers data records in file order and joins them into segments: touching records merge, records
 * that overlap are an error naming both lines (a file that writes a byte twice is ambiguous).
 */
final class SegmentCollector {

    /** Images larger than this are no BMS firmware and would only exhaust memory. */
    static final long MAX_IMAGE_BYTES = 64L << 20;

    private record Piece(long address, byte[] data, int line) {
        long end() {
            return address + data.length;
        }
    }

    private final String source;
    private final List<Piece> pieces = new ArrayList<>();
    private long total;

    SegmentCollector(String source) {
        this.source = source;
    }

    void add(long address, byte[] data, int line) throws ImageFormatException {
        if (data.length == 0) {
            return;
        }
        if (address + data.length > 0x1_0000_0000L) {
            throw ImageFormatException.atLine(source, line,
                    "data at " + Segment.range(address, data.length) + " runs past the 32-bit address space");
        }
        total += data.length;
        if (total > MAX_IMAGE_BYTES) {
            throw ImageFormatException.atLine(source, line, "more than " + (MAX_IMAGE_BYTES >> 20) + " MiB of data");
        }
        pieces.add(new Piece(address, data, line));
    }

    List<Segment> segments() throws ImageFormatException {
        List<Piece> sorted = new ArrayList<>(pieces);
        sorted.sort(Comparator.comparingLong(Piece::address).thenComparingInt(Piece::line));
        List<Segment> segments = new ArrayList<>();
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        long runStart = -1;
        Piece furthest = null; // the piece that reaches furthest so far, to name it on an overlap
        for (Piece piece : sorted) {
            if (furthest != null && piece.address() < furthest.end()) {
                Piece later = piece.line() > furthest.line() ? piece : furthest;
                Piece earlier = later == piece ? furthest : piece;
                throw ImageFormatException.atLine(source, later.line(),
                        "data at " + Segment.range(later.address(), later.data().length) + " overlaps data at "
                                + Segment.range(earlier.address(), earlier.data().length) + " from line " + earlier.line());
            }
            if (furthest == null || piece.address() > furthest.end()) {
                if (runStart >= 0) {
                    segments.add(new Segment(runStart, run.toByteArray()));
                }
                run.reset();
                runStart = piece.address();
            }
            run.writeBytes(piece.data());
            furthest = piece;
        }
        if (runStart >= 0) {
            segments.add(new Segment(runStart, run.toByteArray()));
        }
        return segments;
    }
}
